import type { DemoArticle } from '../demo-content.js';

/**
 * Azerbaijani demo articles (Latin script). Everything in them is invented: the Republic of
 * Veradan, its cities, people, ministries, companies, clubs and festivals; real news agencies
 * appear only as cited sources, and every source URL is an illustrative path that does not exist.
 * Fifteen stories are the Azerbaijani edition's own; three are translations of English and
 * Russian ones and share their `translationKey`.
 */
export const AZ_ARTICLES: DemoArticle[] = [
  // ---------------------------------------------------------------- world
  {
    slug: 'xezer-sahil-forumu-gemicilik-tehlukesizliyi-mecellesini-qebul-etdi',
    section: 'world',
    headline: 'Xəzər sahil dövlətləri Port-Velmar sammitində gəmiçilik təhlükəsizliyi məcəlləsi üzərində razılaşıb',
    standfirst:
      'Veradan, Orsava və Belkara tankerlər və bərələr üçün ümumi qaydalar imzalayıb: bu, Xəzər Sahil Forumunun on bir illik tarixində ilk məcburi sazişdir.',
    dateline: 'Port-Velmar',
    daysAgo: 0,
    hour: 11,
    authors: ['mira-talbot'],
    tags: [
      { type: 'person', name: 'Aydan Korveli' },
      { type: 'place', name: 'Port-Velmar' },
      { type: 'place', name: 'Orsava' },
      { type: 'organisation', name: 'Xəzər Sahil Forumu' },
      { type: 'topic', name: 'Gəmiçilik' },
    ],
    sources: [
      { publication: 'reuters', url: 'https://www.reuters.com/world/example-invented-story-caspian-shipping-code/' },
      { publication: 'afp' },
    ],
    body: [
      {
        before: 'Veradan, Orsava və Belkaranın xarici işlər nazirləri Xəzər Sahil Forumunun ilk iş günü Port-Velmarda gəmiçilik təhlükəsizliyi üzrə ümumi məcəlləni imzalayıblar, –',
        after: '. Saziş üç ölkənin donanmalarını vahid yoxlama qaydalarına əməl etməyə, qəza siqnalları üçün ortaq tezliklərdən və neft dağılmaları barədə vahid xəbərdarlıq sistemindən istifadə etməyə borclu edir.',
      },
      {
        p: 'Bu, forumun on bir il əvvəl sahil dövlətlərinin qeyri-məcburi illik görüşü kimi yaradılmasından bəri qəbul etdiyi ilk məcburi sənəddir. Əvvəlki sammitlər öhdəlik yaratmayan bəyannamələrlə başa çatırdı.',
      },
      {
        quote: 'On il ərzində dənizdən elə danışırdıq ki, sanki hər birimizə ayrıca məxsusdur. Bu gün razılaşdıq ki, çətinliyə düşmüş gəmi hamımızın problemidir.',
        speaker: 'Aydan Korveli',
        role: 'Veradanın xarici işlər naziri',
      },
      {
        p: 'Məcəlləyə görə, iştirakçı dövlətin sularına daxil olan, yükgötürmə qabiliyyəti 5000 tondan artıq hər bir tanker üç ölkədən hər hansı birinin liman müfəttişləri tərəfindən yoxlanıla bilər. Yoxlamaların nəticələri Velmar Liman İdarəsinin aparacağı vahid reyestrə yazılacaq.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: sübh çağı sakit suda üç gəmi, solğun mavi və qızılı çalarlarda',
      caption: 'Məcəllə üç dövlətin sularında tankerlərin və bərələrin yoxlanılması üçün vahid qaydalar müəyyən edir.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 205,
    },
    top: true,
    translationKey: 'coastal-forum-summit',
  },
  {
    slug: 'belkara-ile-yeni-bere-xetti-acilir',
    section: 'world',
    headline: 'Port-Velmar ilə Belkara arasında yeni sərnişin bərəsi yazda işə düşəcək',
    standfirst: 'Həftədə üç dəfə işləyəcək bərə iki liman arasındakı yolu on dörd saatdan doqquz saata qədər qısaldacaq.',
    dateline: 'Port-Velmar',
    daysAgo: 2,
    hour: 15,
    authors: ['ravil-sadiqov'],
    tags: [
      { type: 'place', name: 'Port-Velmar' },
      { type: 'place', name: 'Belkara' },
      { type: 'organisation', name: 'Velmar Liman İdarəsi' },
      { type: 'topic', name: 'Nəqliyyat' },
    ],
    sources: [{ publication: 'anadolu' }],
    body: [
      {
        p: 'Velmar Liman İdarəsi aprel ayından Port-Velmar ilə Belkara arasında yeni sərnişin bərəsinin işə düşəcəyini açıqlayıb. “Dəniz Ulduzu” adlı gəmi 420 sərnişin və 60 minik avtomobili götürəcək.',
      },
      {
        quote: 'İki sahil arasındakı insanlar indiyə qədər yük gəmilərinin cədvəlinə bağlı idi. İndi onların öz bərəsi olacaq.',
        speaker: 'Kamran Bəşir',
        role: 'Port-Velmarın meri',
      },
      {
        p: 'Biletlərin qiyməti hələ açıqlanmayıb. Liman idarəsinin məlumatına görə, tələbələr və pensiyaçılar üçün güzəştli tarif nəzərdə tutulur.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: sahildən uzaqlaşan ağ bərə, yaşılımtıl dəniz fonunda',
      caption: 'Yeni bərə iki liman arasındakı yolu beş saat qısaldacaq.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 170,
    },
  },
  {
    slug: 'tavrin-zelzelesinden-sonra-xilasediciler-orsavaya-gonderildi',
    section: 'world',
    headline: 'Tavrin zəlzələsindən sonra Veradan xilasedicilərini Orsavaya göndərib',
    standfirst: 'Milli Xilasetmə Xidmətinin qırx nəfərlik dəstəsi dağ kəndlərində dağıntılar altında qalanları axtarır.',
    dateline: 'Sarvan',
    daysAgo: 6,
    hour: 9,
    authors: ['mira-talbot'],
    tags: [
      { type: 'place', name: 'Orsava' },
      { type: 'place', name: 'Sarvan' },
      { type: 'organisation', name: 'Milli Xilasetmə Xidməti' },
      { type: 'topic', name: 'Zəlzələlər' },
    ],
    sources: [{ kind: 'foreign_media' }],
    body: [
      {
        p: 'Orsavanın şimalındakı Tavrin dağlarında baş vermiş 6,1 bal gücündə zəlzələdən sonra Veradan hökuməti Milli Xilasetmə Xidmətinin qırx nəfərlik dəstəsini və iki axtarış itini qonşu ölkəyə göndərib.',
      },
      {
        quote: 'Bizim işimiz saatlarla ölçülür. İlk üç gün ərzində tapılan hər kəsin sağ qalma şansı var.',
        speaker: 'Rəna Quliyeva',
        role: 'Milli Xilasetmə Xidmətinin dəstə rəhbəri',
      },
      {
        p: 'Xarici mətbuatın yazdığına görə, zəlzələ ən çox Tavrin dərəsindəki kəndlərə ziyan vurub. Orsava hakimiyyəti ölənlərin sayını hələ açıqlamayıb.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: boz dumana bürünmüş dağ kəndi, torpaq rəngli çalarlarda',
      caption: 'Xilasedicilər Tavrin dərəsindəki kəndlərdə işləyir.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 30,
    },
  },
  // ---------------------------------------------------------------- politics
  {
    slug: 'milli-meclis-gelen-ilin-budcesini-qebul-etdi',
    section: 'politics',
    headline: 'Milli Məclis bütün gecə davam edən iclasdan sonra büdcəni qəbul edib, müxalifət zalı tərk edib',
    standfirst: 'Hökumətin gələn il üçün xərc planı 31 əleyhinə 84 səslə parlamentdən keçib: yollara və məktəblərə daha çox vəsait ayrılır, kəsir isə bu ilkindən azdır.',
    dateline: 'Sarvan',
    daysAgo: 1,
    hour: 9,
    authors: ['leyla-hamidova'],
    tags: [
      { type: 'organisation', name: 'Milli Məclis' },
      { type: 'person', name: 'Həlimə Ardan' },
      { type: 'person', name: 'Tariq Mensov' },
      { type: 'place', name: 'Sarvan' },
      { type: 'topic', name: 'İqtisadiyyat' },
    ],
    sources: [],
    body: [
      {
        p: 'Veradanın Milli Məclisi hökumətin gələn il üçün büdcəsini səhər saat altıdan az sonra təsdiqləyib. Əvvəlki gün günortadan sonra başlayan iclas bütün gecə davam edib. Müxalifətdəki Vətəndaş Yenilənməsi Partiyasının deputatları zalı tərk etdikdən sonra qanun layihəsi 31 əleyhinə 84 səslə qəbul olunub.',
      },
      {
        p: 'Büdcə xərcləri 41,2 milyard keral, yəni bu ilkindən 6 faiz çox müəyyən edir. Kəsirin iqtisadi məhsulun 2,8 faizindən 2,1 faizinə enəcəyi proqnozlaşdırılır.',
      },
      {
        quote: 'Bu, insanların görə biləcəyi şeyləri quran büdcədir: yollar, sinif otaqları, klinikalar.',
        speaker: 'Həlimə Ardan',
        role: 'Baş nazir',
      },
      {
        p: 'Vətəndaş Yenilənməsinin lideri Tariq Mensov spikerin pensiyaçılar üçün kommunal qiymətlərin dondurulmasına dair düzəlişi səsə qoymaqdan imtina etməsini <q>ölkənin ən kasıb insanlarının üzünə bağlanan qapı</q> adlandırıb.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: solğun bənövşəyi səhər səmasında günbəzli bina',
      caption: 'İclas günortadan sonra başlayıb, səhər altıdan sonra bitib.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 265,
    },
    translationKey: 'budget-vote',
  },
  {
    slug: 'belediyye-seckileri-mart-ayinda-kecirilecek',
    section: 'politics',
    headline: 'Bələdiyyə seçkiləri martda keçiriləcək, ilk dəfə poçtla səsvermə olacaq',
    standfirst: 'Mərkəzi Seçki Komissiyası xaricdə yaşayan və xəstəxanada olan seçicilərin bülletenlərini poçtla göndərə biləcəyini bildirib.',
    dateline: 'Aldmur',
    daysAgo: 4,
    hour: 12,
    authors: ['leyla-hamidova'],
    tags: [
      { type: 'organisation', name: 'Mərkəzi Seçki Komissiyası' },
      { type: 'place', name: 'Aldmur' },
      { type: 'topic', name: 'Seçkilər' },
    ],
    sources: [{ kind: 'local_media' }],
    body: [
      {
        p: 'Mərkəzi Seçki Komissiyası bələdiyyə seçkilərinin 14 martda keçiriləcəyini açıqlayıb. Komissiya ilk dəfə olaraq xaricdə yaşayan, xəstəxanada və ya qocalar evində olan seçicilərə bülletenlərini poçtla göndərməyə icazə verib.',
      },
      {
        quote: 'Heç kəs yalnız məntəqəyə gələ bilmədiyi üçün səsini itirməməlidir.',
        speaker: 'Səbinə Əhmədli',
        role: 'Mərkəzi Seçki Komissiyasının sədri',
      },
      {
        p: 'Yerli mətbuatın yazdığına görə, poçtla səsvermə üçün müraciətlər fevralın əvvəlinə qədər qəbul olunacaq. Müxalifət partiyaları bülletenlərin saxlanmasına müşahidəçilərin buraxılmasını tələb edir.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: masanın üstündə möhürlü zərflər, açıq boz çalarlarda',
      caption: 'Poçtla göndərilən bülletenlər seçki günü sayılacaq.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 215,
    },
  },
  {
    slug: 'port-velmar-meri-etimad-sesvermesinden-sag-cixdi',
    section: 'politics',
    headline: 'Port-Velmarın meri tramvay gecikmələrinə görə etimad səsverməsindən sağ çıxıb',
    standfirst: 'Şəhər şurası Kamran Bəşiri vəzifədən kənarlaşdırmaq təklifini iki səs fərqi ilə rədd edib.',
    dateline: 'Port-Velmar',
    daysAgo: 8,
    hour: 18,
    authors: ['leyla-hamidova'],
    tags: [
      { type: 'person', name: 'Kamran Bəşir' },
      { type: 'place', name: 'Port-Velmar' },
      { type: 'topic', name: 'Nəqliyyat' },
    ],
    sources: [{ publication: 'reuters' }, { publication: 'afp' }, { publication: 'tass' }],
    body: [
      {
        p: 'Port-Velmar şəhər şurası meri Kamran Bəşirə etimadsızlıq göstərilməsi təklifini 19 əleyhinə 17 səslə rədd edib. Səsvermə yeni tramvay xəttinin açılışının üçüncü dəfə təxirə salınmasından sonra keçirilib.',
      },
      {
        quote: 'Gecikmələrə görə üzr istəyirəm, amma yarımçıq xətti açmaq daha böyük səhv olardı.',
        speaker: 'Kamran Bəşir',
        role: 'Port-Velmarın meri',
      },
      {
        p: 'Sahil xəttinin yeddi kilometrlik hissəsi ilkin plana görə ötən yay istifadəyə verilməli idi. Mer indi xəttin may ayında açılacağını vəd edir.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: sahil küçəsində dayanmış yaşıl tramvay, axşam işığında',
      caption: 'Sahil xəttinin açılışı üç dəfə təxirə salınıb.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 120,
    },
  },
  // ---------------------------------------------------------------- business
  {
    slug: 'milli-bank-ucot-derecesini-deyismedi',
    section: 'business',
    headline: 'Milli Bank inflyasiya zəiflədikcə uçot dərəcəsini 9,5 faizdə saxlayıb',
    standfirst: 'Bankın idarə heyəti qiymət artımının ilin sonuna 6 faizə enəcəyini gözləyir.',
    dateline: 'Sarvan',
    daysAgo: 3,
    hour: 14,
    authors: ['ravil-sadiqov'],
    tags: [
      { type: 'person', name: 'Lalə Ostrova' },
      { type: 'organisation', name: 'Veradan Milli Bankı' },
      { type: 'topic', name: 'İnflyasiya' },
    ],
    sources: [{ publication: 'reuters' }],
    body: [
      {
        p: 'Veradan Milli Bankı əsas faiz dərəcəsini üçüncü dəfə ardıcıl olaraq 9,5 faiz səviyyəsində saxlayıb. İllik inflyasiya oktyabrda 7,8 faizə enib.',
      },
      {
        quote: 'Qiymətlər sakitləşir, amma hələ tələsməyə əsas yoxdur. Dərəcəni azaltmağı yazda müzakirə edəcəyik.',
        speaker: 'Lalə Ostrova',
        role: 'Milli Bankın sədri',
      },
      {
        p: 'İqtisadçılar bankın qərarını gözlənilən adlandırıblar. Kəral ötən ay dollar qarşısında 2 faiz bahalaşıb.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: sütunlu bank binasının fasadı, soyuq mavi çalarlarda',
      caption: 'Bank dərəcəni üçüncü dəfə dəyişməyib.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 225,
    },
  },
  {
    slug: 'halvek-kulek-parki-ucun-maliyye-tapildi',
    section: 'business',
    headline: 'Halvek külək parkının birinci mərhələsi üçün maliyyə tapılıb',
    standfirst: '600 meqavatlıq park tam gücə çatanda ölkənin elektrik tələbatının onda birini ödəyəcək.',
    dateline: 'Halvek',
    daysAgo: 10,
    hour: 10,
    authors: ['ravil-sadiqov'],
    tags: [
      { type: 'place', name: 'Halvek' },
      { type: 'organisation', name: 'Stepvind Bərpa Olunan Enerji' },
      { type: 'person', name: 'Rüstəm Dərvani' },
      { type: 'topic', name: 'Enerji' },
    ],
    sources: [{ publication: 'ledger' }, { publication: 'dpa' }],
    body: [
      {
        p: 'Stepvind Bərpa Olunan Enerji şirkəti Halvek çölündə tikiləcək külək parkının birinci mərhələsi üçün 1,1 milyard keral kredit cəlb etdiyini açıqlayıb. Birinci mərhələdə 96 turbin quraşdırılacaq.',
      },
      {
        quote: 'Külək burada heç vaxt dayanmır. Biz sadəcə onu elektrik xəttinə qoşuruq.',
        speaker: 'Rüstəm Dərvani',
        role: 'Energetika naziri',
      },
      {
        p: 'Tikintinin gələn ilin yazında başlayacağı və iki il çəkəcəyi gözlənilir. Layihədə 700-dən çox insanın işlə təmin olunacağı bildirilir.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: sarımtıl çöldə cərgə ilə düzülmüş külək turbinləri',
      caption: 'Birinci mərhələdə 96 turbin quraşdırılacaq.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 55,
    },
  },
  {
    slug: 'kestrel-gemiqayirma-zavodu-dord-tanker-sifarisi-aldi',
    section: 'business',
    headline: 'Kestrel gəmiqayırma zavodu buzyaran sinifli dörd tanker sifarişi alıb',
    standfirst: 'Sifariş zavodun son on ildə aldığı ən böyük sifarişdir və 1200 iş yerini qoruyacaq.',
    dateline: 'Kestrel körfəzi',
    daysAgo: 13,
    hour: 16,
    authors: ['ravil-sadiqov'],
    tags: [
      { type: 'place', name: 'Kestrel körfəzi' },
      { type: 'organisation', name: 'Kestrel Gəmiqayırma' },
      { type: 'topic', name: 'Gəmiçilik' },
    ],
    sources: [],
    body: [
      {
        p: 'Kestrel Gəmiqayırma zavodu şimal sularında qışda da üzə bilən dörd tankerin tikintisi üçün müqavilə imzalayıb. İlk gəminin üç ildən sonra təhvil veriləcəyi gözlənilir.',
      },
      {
        quote: 'Bu sifariş zavodun növbəti on ilini təmin edir. Gənc qaynaqçıları yenidən işə götürürük.',
        speaker: 'Orxan Məlikzadə',
        role: 'Kestrel Gəmiqayırmanın baş direktoru',
      },
      {
        p: 'Zavodda hazırda 1200 nəfər çalışır. Həmkarlar ittifaqı müqaviləni sevinclə qarşılayıb.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: gəmiqayırma zavodunda qaldırıcı kran və tikilməkdə olan gəmi gövdəsi',
      caption: 'İlk tankerin üç ildən sonra təhvil veriləcəyi gözlənilir.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 15,
    },
  },
  // ---------------------------------------------------------------- science
  {
    slug: 'xezer-suitilerinin-balalarinin-sayi-artir',
    section: 'science',
    headline: 'Xəzər suitisi balalarının sayı üçüncü il ardıcıl artıb',
    standfirst: 'Aldmur Universitetinin tədqiqatçıları qış buzunun üzərində təxminən 14 000 bala sayıblar, lakin isti qışların bu meyli dəyişə biləcəyini xəbərdar edirlər.',
    dateline: 'Kestrel körfəzi',
    daysAgo: 1,
    hour: 12,
    authors: ['elena-voss'],
    tags: [
      { type: 'person', name: 'Fəridə Kvel' },
      { type: 'organisation', name: 'Aldmur Universiteti' },
      { type: 'place', name: 'Kestrel körfəzi' },
      { type: 'topic', name: 'Vəhşi təbiət' },
    ],
    sources: [],
    body: [
      {
        p: 'Aldmur Universitetinin dərc etdiyi araşdırmaya görə, Şimali Xəzərin buzları üzərində doğulan suiti balalarının sayı üçüncü il ardıcıl artıb. Tədqiqatçılar ötən qış çəkilmiş hava fotoşəkillərində 13 900 bala sayıblar ki, bu da bir il əvvəlkindən 9 faiz çoxdur.',
      },
      {
        quote: 'Üç yaxşı il ümidverici olsa da, hələ bərpa demək deyil. Ana suitiyə ən azı altı həftə davam edən buz lazımdır.',
        speaker: 'Fəridə Kvel',
        role: 'dəniz bioloqu, Aldmur Universiteti',
      },
      {
        p: 'Xəzər suitisi dənizdə yaşayan yeganə məməlidir və nəsli kəsilməkdə olan növlər siyahısındadır. Onların sayının son yüz ildə 90 faizdən çox azaldığı güman edilir.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: solğun yasəmən səma altında tünd suya qovuşan ağ buz sahəsi',
      caption: 'Suiti balaları qış buzunun üzərində çəkilmiş hava fotoşəkillərində sayılır.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 250,
    },
    top: true,
    translationKey: 'seal-survey',
  },
  {
    slug: 'tamsar-resedxanasi-yeni-asteroid-askar-etdi',
    section: 'science',
    headline: 'Tamsar rəsədxanası Yerə yaxın yeni asteroid aşkar edib',
    standfirst: 'Təxminən 300 metr enində olan asteroid Yer üçün təhlükə yaratmır, lakin onun orbiti illərlə izlənəcək.',
    dateline: 'Tamsar',
    daysAgo: 5,
    hour: 20,
    authors: ['elena-voss'],
    tags: [
      { type: 'organisation', name: 'Tamsar Rəsədxanası' },
      { type: 'place', name: 'Tamsar' },
      { type: 'topic', name: 'Astronomiya' },
    ],
    sources: [{ publication: 'xinhua' }],
    body: [
      {
        p: 'Tamsar dağındakı rəsədxananın astronomları Yerə yaxın orbitdə hərəkət edən yeni asteroid kəşf ediblər. Cismin ölçüsünün 250–300 metr olduğu hesablanır.',
      },
      {
        quote: 'Gecələr nə qədər qaranlıq olsa, bir o qədər çox şey görürük. Tamsarın səması bu baxımdan bölgədə ən yaxşısıdır.',
        speaker: 'Nicat Həsənov',
        role: 'Tamsar Rəsədxanasının astronomu',
      },
      {
        p: 'Asteroidin orbitinin dəqiqləşdirilməsi üçün müşahidələr digər ölkələrin rəsədxanalarına da göndərilib.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: ulduzlu gecə səması altında dağ zirvəsindəki rəsədxana günbəzi',
      caption: 'Asteroid rəsədxananın yeni teleskopu ilə aşkar edilib.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 240,
    },
  },
  {
    slug: 'orlen-golunde-qizilqazlar-yeniden-yuva-qurur',
    section: 'science',
    headline: 'Bərpa işlərindən sonra qızılqazlar Orlen gölündə yenidən yuva qurur',
    standfirst: 'On iki il sonra ilk dəfə gölün adalarında 300-dən çox yuva sayılıb.',
    dateline: 'Orlen gölü',
    daysAgo: 16,
    hour: 8,
    authors: ['elena-voss'],
    tags: [
      { type: 'place', name: 'Orlen gölü' },
      { type: 'organisation', name: 'Ekologiya Nazirliyi' },
      { type: 'topic', name: 'Vəhşi təbiət' },
    ],
    sources: [{ kind: 'social_media' }],
    body: [
      {
        before: 'Ekologiya Nazirliyinin mütəxəssisləri Orlen gölünün adalarında qızılqazların 300-dən çox yuvasını sayıblar,',
        after: '. Quşlar göl on iki il əvvəl quruduqdan sonra burada yuva qurmurdu.',
      },
      {
        quote: 'Suyu geri qaytardıq, quşlar da özləri qayıtdı. Təbiət ona imkan verəndə tez bərpa olunur.',
        speaker: 'Aysel Kərimova',
        role: 'Ekologiya Nazirliyinin ornitoloqu',
      },
      {
        p: 'Gölə su verən kanallar iki il əvvəl təmizlənib. Nazirlik yaz aylarında adalara yaxınlaşmağı qadağan edib.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: dayaz suda dayanmış çəhrayı qızılqazlar, səhər işığında',
      caption: 'Qızılqazlar on iki il sonra gölə qayıdıb.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 340,
    },
  },
  // ---------------------------------------------------------------- culture
  {
    slug: 'sarvan-kino-festivali-duz-yolu-filmi-ile-acildi',
    section: 'culture',
    headline: 'Sarvan kino festivalı «Duz yolu» filmi ilə açılıb',
    standfirst: 'Festivalın proqramına on iki ölkədən altmış film daxildir; açılış filmi köç yolunda itən bir karvan haqqındadır.',
    dateline: 'Sarvan',
    daysAgo: 7,
    hour: 21,
    authors: ['tomas-arkwright'],
    tags: [
      { type: 'place', name: 'Sarvan' },
      { type: 'organisation', name: 'Sarvan Kino Festivalı' },
      { type: 'topic', name: 'Kino' },
    ],
    sources: [{ publication: 'anadolu' }, { publication: 'ap' }],
    body: [
      {
        before: 'Sarvan kino festivalı rejissor Elnarə Tağıyevanın «Duz yolu» filmi ilə açılıb,',
        after: '. Film XIX əsrdə duz daşıyan karvanın səhrada azmasından bəhs edir.',
      },
      {
        quote: 'Bu film yol haqqında deyil, yolda bir-birini itirməmək haqqındadır.',
        speaker: 'Elnarə Tağıyeva',
        role: 'rejissor',
      },
      {
        p: 'Festival on gün davam edəcək. Əsas mükafat olan «Qızıl fənər» bağlanış mərasimində təqdim ediləcək.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: qum təpələri arasında uzanan dəvə karvanı, qürub çalarlarında',
      caption: '«Duz yolu» festivalın açılış filmidir.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 35,
    },
  },
  {
    slug: 'milli-kitabxanaya-orta-esr-salnamesi-qaytarildi',
    section: 'culture',
    headline: 'İtmiş orta əsr salnaməsi Milli Kitabxanaya qaytarılıb',
    standfirst: 'Yüz il əvvəl oğurlanan əlyazma xarici hərracda tanınıb və danışıqlardan sonra geri gətirilib.',
    dateline: 'Aldmur',
    daysAgo: 19,
    hour: 13,
    authors: ['tomas-arkwright'],
    tags: [
      { type: 'organisation', name: 'Milli Kitabxana' },
      { type: 'place', name: 'Aldmur' },
      { type: 'topic', name: 'Tarix' },
    ],
    sources: [{ kind: 'foreign_media' }, { publication: 'afp' }],
    body: [
      {
        p: 'XIV əsrə aid «Sahil salnaməsi» əlyazması Aldmurdakı Milli Kitabxanaya qaytarılıb. Əlyazma 1920-ci illərdə kitabxanadan itmişdi.',
      },
      {
        quote: 'Kitabı açanda ilk səhifədə bizim möhürü gördük. O an hər şey aydın oldu.',
        speaker: 'Turan Səmədov',
        role: 'Milli Kitabxananın əlyazmalar şöbəsinin müdiri',
      },
      {
        p: 'Salnamə yazın sonuna qədər kitabxananın oxu zalında nümayiş olunacaq, sonra isə bərpa üçün laboratoriyaya göndəriləcək.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: köhnə əlyazmanın açıq səhifələri, qəhvəyi və qızılı çalarlarda',
      caption: 'Əlyazma XIV əsrə aiddir.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 40,
    },
  },
  {
    slug: 'port-velmar-muzeyi-xalca-sergisi-acir',
    section: 'culture',
    headline: 'Port-Velmar muzeyində Xəzər xalçalarının yüz illik tarixinə həsr olunmuş sərgi açılıb',
    standfirst: 'Sərgidə sahil kəndlərindən toplanmış 120 xalça və toxucuların xatirələri təqdim olunur.',
    dateline: 'Port-Velmar',
    daysAgo: 22,
    hour: 17,
    authors: ['tomas-arkwright'],
    tags: [
      { type: 'place', name: 'Port-Velmar' },
      { type: 'organisation', name: 'Port-Velmar Muzeyi' },
      { type: 'topic', name: 'İncəsənət' },
    ],
    sources: [],
    body: [
      {
        p: 'Port-Velmar Muzeyi sahil kəndlərində toxunmuş xalçalardan ibarət böyük sərgi açıb. Ən qədim xalça 1890-cı illərə aiddir.',
      },
      {
        quote: 'Hər xalça bir ailənin tarixidir. Naxışlara baxanda toxucunun kimi sevdiyini, nədən qorxduğunu oxuya bilərsiniz.',
        speaker: 'Günay Rzayeva',
        role: 'sərginin kuratoru',
      },
      {
        p: 'Sərgi martın sonuna qədər davam edəcək. Həftə sonları muzeydə toxuculuq dərsləri keçiriləcək.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: divardan asılmış qırmızı və göy naxışlı xalçalar',
      caption: 'Sərgidə 120 xalça nümayiş olunur.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 0,
    },
  },
  // ---------------------------------------------------------------- sport
  {
    slug: 'port-velmar-futbol-klubu-veradan-kubokunu-qazandi',
    section: 'sport',
    headline: '«Port-Velmar» «Sarvan Dinamo»nu məğlub edərək Veradan kubokunu qazanıb',
    standfirst: 'Finalda yeganə qolu ikinci hissədə yarımmüdafiəçi Orən Talvik vurub.',
    dateline: 'Aldmur',
    daysAgo: 9,
    hour: 22,
    authors: ['oskar-lind'],
    tags: [
      { type: 'person', name: 'Orən Talvik' },
      { type: 'organisation', name: 'Port-Velmar futbol klubu' },
      { type: 'topic', name: 'Futbol' },
    ],
    sources: [],
    body: [
      {
        p: '«Port-Velmar» futbol klubu Aldmurdakı Milli Stadionda keçirilən finalda «Sarvan Dinamo»nu 1:0 hesabı ilə məğlub edərək Veradan kubokunu qazanıb. Bu, klubun tarixində dördüncü kubokdur.',
      },
      {
        quote: 'Topu vuranda heç nə düşünmədim. Yalnız tribunada oturan atamı gördüm.',
        speaker: 'Orən Talvik',
        role: '«Port-Velmar»ın yarımmüdafiəçisi',
      },
      {
        p: 'Oyunu 31 000 azarkeş izləyib. Qalib komanda gələn mövsüm Xəzər klublar kubokunda iştirak edəcək.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: işıqlandırılmış stadion və yaşıl meydança, gecə səması altında',
      caption: 'Final Milli Stadionda keçirilib.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 130,
    },
  },
  {
    slug: 'tamsar-dag-marafonunda-rekord',
    section: 'sport',
    headline: 'Tamsar dağ marafonunda trasın rekordu yenilənib',
    standfirst: 'Qırx iki kilometrlik məsafəni qaçan Nərmin Əlizadə əvvəlki rekordu dörd dəqiqə yaxşılaşdırıb.',
    dateline: 'Tamsar',
    daysAgo: 12,
    hour: 15,
    authors: ['oskar-lind'],
    tags: [
      { type: 'person', name: 'Nərmin Əlizadə' },
      { type: 'place', name: 'Tamsar' },
      { type: 'topic', name: 'Atletika' },
    ],
    sources: [{ publication: 'dpa' }],
    body: [
      {
        p: 'Tamsar dağ marafonunu bu il 26 yaşlı Nərmin Əlizadə qazanıb. O, 1800 metr yüksəkliyə qalxan trası 3 saat 41 dəqiqəyə qaçıb və yeddi il əvvəl qoyulmuş rekordu dörd dəqiqə yaxşılaşdırıb.',
      },
      {
        quote: 'Son yoxuşda ayaqlarımı hiss etmirdim. Məni azarkeşlərin səsi apardı.',
        speaker: 'Nərmin Əlizadə',
        role: 'marafonun qalibi',
      },
      {
        p: 'Yarışda on bir ölkədən 900-dən çox idmançı iştirak edib. Kişilər arasında qalib Belkaradan olan qaçışçı olub.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: dağ cığırı ilə yuxarı qaçan idmançılar, payız rənglərində',
      caption: 'Trasın ən yüksək nöqtəsi 1800 metrdir.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 25,
    },
  },
  {
    slug: 'sarvan-xezer-oyunlarina-ev-sahibliyi-ucun-mueraciet-edir',
    section: 'sport',
    headline: 'Sarvan Xəzər Oyunlarına ev sahibliyi etmək üçün müraciət edib',
    standfirst: 'Şəhər rəhbərliyi oyunları əsasən mövcud idman qurğularında keçirməyi və yeni stadion tikməməyi vəd edir.',
    dateline: 'Sarvan',
    daysAgo: 25,
    hour: 11,
    authors: ['oskar-lind'],
    tags: [
      { type: 'place', name: 'Sarvan' },
      { type: 'organisation', name: 'Xəzər Oyunları Komitəsi' },
      { type: 'topic', name: 'Olimpiya idmanı' },
    ],
    sources: [{ publication: 'reuters' }, { publication: 'tass' }],
    body: [
      {
        p: 'Sarvan şəhəri 2031-ci il Xəzər Oyunlarına ev sahibliyi etmək üçün rəsmi müraciət göndərib. Müraciətə görə, yarışların 80 faizi artıq mövcud olan qurğularda keçiriləcək.',
      },
      {
        quote: 'Oyunlardan sonra boş qalan nəhəng stadionlar istəmirik. Şəhər bu yarışlardan sonra da yaşamalıdır.',
        speaker: 'Vüsal Hüseynli',
        role: 'müraciət komitəsinin rəhbəri',
      },
      {
        p: 'Ev sahibi şəhər gələn ilin payızında seçiləcək. Sarvandan başqa iki şəhər də müraciət edib.',
      },
    ],
    image: {
      alt: 'İllüstrasiya: şəhər panoraması üzərində dalğalanan rəngli bayraqlar',
      caption: 'Ev sahibi şəhər gələn payız seçiləcək.',
      credit: 'İllüstrasiya: Dateline demo',
      hue: 190,
    },
  },
];
