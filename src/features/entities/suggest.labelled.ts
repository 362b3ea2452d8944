/**
 * A labelled set for the suggestions (decision 0027): invented short articles in English, Russian
 * and Azerbaijani, each with the known entities it mentions (by slug) and its quotations with
 * their speakers (a known entity's slug, or a name the site does not know, or "" for none). Every
 * person, place and organisation is invented. Used by the unit test (a floor) and bench/entities.js.
 */
import type { KnownEntity } from './suggest.js';

export const LABELLED_ENTITIES: readonly KnownEntity[] = [
  { id: 1, slug: 'halima-ardan', type: 'person', names: ['Halima Ardan', 'Халима Ардан', 'Həlimə Ardan', 'Ardan', 'Ардан'] },
  { id: 2, slug: 'tariq-mensov', type: 'person', names: ['Tariq Mensov', 'Тарик Менсов', 'Mensov', 'Менсов'] },
  { id: 3, slug: 'aydan-korveli', type: 'person', names: ['Aydan Korveli', 'Айдан Корвели', 'Korveli', 'Корвели'] },
  { id: 4, slug: 'kamran-beshir', type: 'person', names: ['Kamran Beshir', 'Камран Бешир', 'Kamran Bəşir', 'Beshir', 'Бешир', 'Bəşir'] },
  { id: 5, slug: 'farida-quell', type: 'person', names: ['Farida Quell', 'Фарида Квелл', 'Fəridə Kvel', 'Quell', 'Квелл', 'Kvel'] },
  { id: 6, slug: 'port-velmar', type: 'place', names: ['Port Velmar', 'Порт-Велмар', 'Port-Velmar'] },
  { id: 7, slug: 'sarvan', type: 'place', names: ['Sarvan', 'Сарван'] },
  { id: 8, slug: 'orsava', type: 'place', names: ['Orsava', 'Орсава'] },
  { id: 9, slug: 'caspian-coastal-forum', type: 'organisation', names: ['Caspian Coastal Forum', 'Каспийский прибрежный форум', 'Xəzər Sahil Forumu'] },
  { id: 10, slug: 'national-assembly', type: 'organisation', names: ['National Assembly', 'Национальное собрание', 'Milli Məclis'] },
  { id: 11, slug: 'aldmoor-university', type: 'organisation', names: ['Aldmoor University', 'Университет Алдмура', 'Aldmur Universiteti'] },
];

export interface LabelledArticle {
  lang: 'en' | 'ru' | 'az';
  text: string;
  entities: string[];
  quotes: { start: string; speaker: string }[];
}

export const LABELLED_ARTICLES: readonly LabelledArticle[] = [
  // English
  {
    lang: 'en',
    text: `The National Assembly in Sarvan passed the harbour budget on Tuesday. “This is a good day for every family on the coast,” Halima Ardan said. Tariq Mensov voted against it.`,
    entities: ['national-assembly', 'sarvan', 'halima-ardan', 'tariq-mensov'],
    quotes: [{ start: 'This is a good day', speaker: 'halima-ardan' }],
  },
  {
    lang: 'en',
    text: `Ferries between Port Velmar and Orsava were cancelled as the storm arrived. “We will not take risks with passengers,” said Aydan Korveli, the city’s mayor.`,
    entities: ['port-velmar', 'orsava', 'aydan-korveli'],
    quotes: [{ start: 'We will not take risks', speaker: 'aydan-korveli' }],
  },
  {
    lang: 'en',
    text: `Mensov told reporters: “The party will table its own plan next week.” Ardan did not respond to requests for comment.`,
    entities: ['tariq-mensov', 'halima-ardan'],
    quotes: [{ start: 'The party will table', speaker: 'tariq-mensov' }],
  },
  {
    lang: 'en',
    text: `Researchers at Aldmoor University have mapped the seabed off Port Velmar. “The channel is shallower than anyone thought,” said Nadia Orlin, who led the survey.`,
    entities: ['aldmoor-university', 'port-velmar'],
    quotes: [{ start: 'The channel is shallower', speaker: 'Nadia Orlin' }],
  },
  {
    lang: 'en',
    text: `The Caspian Coastal Forum meets in Sarvan next month. Its chair, Kamran Beshir, said the agenda was still open. “Nothing is off the table,” he added.`,
    entities: ['caspian-coastal-forum', 'sarvan', 'kamran-beshir'],
    quotes: [{ start: 'Nothing is off the table', speaker: 'kamran-beshir' }],
  },
  {
    lang: 'en',
    text: `“Our museums must open their doors on Sundays,” Farida Quell, the culture minister, said at the opening of the “Sea and Salt” exhibition in Orsava.`,
    entities: ['farida-quell', 'orsava'],
    quotes: [{ start: 'Our museums must open', speaker: 'farida-quell' }],
  },
  {
    lang: 'en',
    text: `Fishermen in Port Velmar protested outside the harbour office. "We have waited three years for the new quay," said Omar Selbi, a trawler captain.`,
    entities: ['port-velmar'],
    quotes: [{ start: 'We have waited three years', speaker: 'Omar Selbi' }],
  },
  {
    lang: 'en',
    text: `The mayor's office said the bridge would reopen by spring. Korveli, speaking on local radio, promised "a full report on the delays before the summer".`,
    entities: ['aydan-korveli'],
    quotes: [],
  },
  {
    lang: 'en',
    text: `Students at Aldmoor University voted to join the strike. “We are not asking for much, only for heating in the library,” student union president Leon Varga said.`,
    entities: ['aldmoor-university'],
    quotes: [{ start: 'We are not asking for much', speaker: 'Leon Varga' }],
  },
  {
    lang: 'en',
    text: `Halima Ardan met the Caspian Coastal Forum delegation in Sarvan. “We agreed on more than we expected,” Ardan said afterwards.`,
    entities: ['halima-ardan', 'caspian-coastal-forum', 'sarvan'],
    quotes: [{ start: 'We agreed on more', speaker: 'halima-ardan' }],
  },
  {
    lang: 'en',
    text: `A new ferry named Velmar Star began service to Orsava. Passengers praised the faster crossing. “It saves us an hour each way,” one commuter said.`,
    entities: ['orsava'],
    quotes: [{ start: 'It saves us an hour', speaker: '' }],
  },
  {
    lang: 'en',
    text: `The National Assembly’s budget committee questioned Farida Quell for three hours. “The theatre grants were paid on time,” Quell insisted.`,
    entities: ['national-assembly', 'farida-quell'],
    quotes: [{ start: 'The theatre grants were paid', speaker: 'farida-quell' }],
  },
  {
    lang: 'en',
    text: `Tariq Mensov's Civic Renewal Party opened an office in Port Velmar. "This city deserves a real opposition," said Mensov.`,
    entities: ['tariq-mensov', 'port-velmar'],
    quotes: [{ start: 'This city deserves', speaker: 'tariq-mensov' }],
  },
  {
    lang: 'en',
    text: `Heavy snow closed schools in Sarvan and the road to Orsava. Kamran Beshir said: “The ploughs are out and the road will open by the evening.”`,
    entities: ['sarvan', 'orsava', 'kamran-beshir'],
    quotes: [{ start: 'The ploughs are out', speaker: 'kamran-beshir' }],
  },
  // Russian
  {
    lang: 'ru',
    text: `Национальное собрание в Сарване приняло бюджет порта. «Это хороший день для каждой семьи на побережье», — сказала Халима Ардан. Тарик Менсов голосовал против.`,
    entities: ['national-assembly', 'sarvan', 'halima-ardan', 'tariq-mensov'],
    quotes: [{ start: 'Это хороший день', speaker: 'halima-ardan' }],
  },
  {
    lang: 'ru',
    text: `Паромы между Порт-Велмаром и Орсавой отменены из-за шторма. «Мы не будем рисковать пассажирами», — заявил Айдан Корвели.`,
    entities: ['port-velmar', 'orsava', 'aydan-korveli'],
    quotes: [{ start: 'Мы не будем рисковать', speaker: 'aydan-korveli' }],
  },
  {
    lang: 'ru',
    text: `Менсов заявил журналистам: «Партия представит свой план на следующей неделе». Ардан от комментариев отказалась.`,
    entities: ['tariq-mensov', 'halima-ardan'],
    quotes: [{ start: 'Партия представит свой план', speaker: 'tariq-mensov' }],
  },
  {
    lang: 'ru',
    text: `Учёные Университета Алдмура составили карту дна у Порт-Велмара. «Канал мельче, чем все думали», — сказала Надия Орлин, руководившая работами.`,
    entities: ['aldmoor-university', 'port-velmar'],
    quotes: [{ start: 'Канал мельче', speaker: 'Надия Орлин' }],
  },
  {
    lang: 'ru',
    text: `Каспийский прибрежный форум соберётся в Сарване в следующем месяце. Его председатель Камран Бешир сказал, что повестка ещё открыта.`,
    entities: ['caspian-coastal-forum', 'sarvan', 'kamran-beshir'],
    quotes: [],
  },
  {
    lang: 'ru',
    text: `«Наши музеи должны открываться по воскресеньям», — подчеркнула Фарида Квелл на открытии выставки «Море и соль» в Орсаве.`,
    entities: ['farida-quell', 'orsava'],
    quotes: [{ start: 'Наши музеи должны', speaker: 'farida-quell' }],
  },
  {
    lang: 'ru',
    text: `Рыбаки Порт-Велмара вышли на протест у здания порта. «Мы ждём новый причал три года», — сказал капитан траулера Омар Сельби.`,
    entities: ['port-velmar'],
    quotes: [{ start: 'Мы ждём новый причал', speaker: 'Омар Сельби' }],
  },
  {
    lang: 'ru',
    text: `Встреча Халимы Ардан с делегацией Каспийского прибрежного форума прошла в Сарване. «Мы договорились о большем, чем ожидали», — отметила Ардан.`,
    entities: ['halima-ardan', 'caspian-coastal-forum', 'sarvan'],
    quotes: [{ start: 'Мы договорились', speaker: 'halima-ardan' }],
  },
  {
    lang: 'ru',
    text: `Бюджетный комитет Национального собрания три часа допрашивал Фариду Квелл. «Гранты театрам выплачены вовремя», — ответила Квелл.`,
    entities: ['national-assembly', 'farida-quell'],
    quotes: [{ start: 'Гранты театрам', speaker: 'farida-quell' }],
  },
  {
    lang: 'ru',
    text: `Партия Тарика Менсова открыла офис в Порт-Велмаре. «Этот город заслуживает настоящей оппозиции», — заявил Менсов.`,
    entities: ['tariq-mensov', 'port-velmar'],
    quotes: [{ start: 'Этот город заслуживает', speaker: 'tariq-mensov' }],
  },
  {
    lang: 'ru',
    text: `Снегопад закрыл школы в Сарване и дорогу на Орсаву. Камран Бешир сообщил: «Снегоуборочная техника вышла, дорогу откроют к вечеру».`,
    entities: ['sarvan', 'orsava', 'kamran-beshir'],
    quotes: [{ start: 'Снегоуборочная техника', speaker: 'kamran-beshir' }],
  },
  {
    lang: 'ru',
    text: `Студенты Университета Алдмура присоединились к забастовке. «Мы просим немногого — только отопления в библиотеке», — сказал председатель профсоюза Леон Варга.`,
    entities: ['aldmoor-university'],
    quotes: [{ start: 'Мы просим немногого', speaker: 'Леон Варга' }],
  },
  {
    lang: 'ru',
    text: `Новый паром «Звезда Велмара» начал ходить в Орсаву. «Это экономит нам час в каждую сторону», — говорят пассажиры.`,
    entities: ['orsava'],
    quotes: [{ start: 'Это экономит нам час', speaker: '' }],
  },
  {
    lang: 'ru',
    text: `Мэр Корвели пообещал отчёт о задержках на мосту до лета. В мэрии сообщили, что мост откроют весной.`,
    entities: ['aydan-korveli'],
    quotes: [],
  },
  // Azerbaijani
  {
    lang: 'az',
    text: `Sarvanda Milli Məclis liman büdcəsini qəbul edib. “Bu, sahildəki hər ailə üçün yaxşı gündür”, — Həlimə Ardan bildirib. Tariq Mensov əleyhinə səs verib.`,
    entities: ['sarvan', 'national-assembly', 'halima-ardan', 'tariq-mensov'],
    quotes: [{ start: 'Bu, sahildəki hər ailə', speaker: 'halima-ardan' }],
  },
  {
    lang: 'az',
    text: `Fırtına səbəbindən Port-Velmar ilə Orsava arasında bərə reysləri ləğv edilib. «Sərnişinlərin həyatını riskə atmayacağıq», deyə Aydan Korveli bildirib.`,
    entities: ['port-velmar', 'orsava', 'aydan-korveli'],
    quotes: [{ start: 'Sərnişinlərin həyatını', speaker: 'aydan-korveli' }],
  },
  {
    lang: 'az',
    text: `Mensov jurnalistlərə bildirib ki, „partiya gələn həftə öz planını təqdim edəcək“. Ardan şərh verməyib.`,
    entities: ['tariq-mensov', 'halima-ardan'],
    quotes: [{ start: 'partiya gələn həftə', speaker: 'tariq-mensov' }],
  },
  {
    lang: 'az',
    text: `Aldmur Universitetinin alimləri Port-Velmar yaxınlığında dənizin dibinin xəritəsini hazırlayıblar. “Kanal hamının düşündüyündən dayazdır”, deyə tədqiqata rəhbərlik edən Nadiyə Orlin bildirib.`,
    entities: ['aldmoor-university', 'port-velmar'],
    quotes: [{ start: 'Kanal hamının', speaker: 'Nadiyə Orlin' }],
  },
  {
    lang: 'az',
    text: `Xəzər Sahil Forumu gələn ay Sarvanda toplanacaq. Forumun sədri Kamran Bəşir gündəliyin hələ açıq olduğunu bildirib.`,
    entities: ['caspian-coastal-forum', 'sarvan', 'kamran-beshir'],
    quotes: [],
  },
  {
    lang: 'az',
    text: `“Muzeylərimiz bazar günləri də açıq olmalıdır”, — Fəridə Kvel Orsavada “Dəniz və duz” sərgisinin açılışında vurğulayıb.`,
    entities: ['farida-quell', 'orsava'],
    quotes: [{ start: 'Muzeylərimiz bazar', speaker: 'farida-quell' }],
  },
  {
    lang: 'az',
    text: `Port-Velmarın balıqçıları liman idarəsinin qarşısında etiraz ediblər. «Yeni körpünü üç ildir gözləyirik», deyə trauler kapitanı Ömər Səlbi bildirib.`,
    entities: ['port-velmar'],
    quotes: [{ start: 'Yeni körpünü', speaker: 'Ömər Səlbi' }],
  },
  {
    lang: 'az',
    text: `Həlimə Ardan Sarvanda Xəzər Sahil Forumunun nümayəndə heyəti ilə görüşüb. “Gözlədiyimizdən çox şeydə razılaşdıq”, — Ardan deyib.`,
    entities: ['halima-ardan', 'sarvan', 'caspian-coastal-forum'],
    quotes: [{ start: 'Gözlədiyimizdən', speaker: 'halima-ardan' }],
  },
  {
    lang: 'az',
    text: `Milli Məclisin büdcə komitəsi Fəridə Kveli üç saat dinləyib. «Teatrlara qrantlar vaxtında ödənilib», deyə Kvel bildirib.`,
    entities: ['national-assembly', 'farida-quell'],
    quotes: [{ start: 'Teatrlara qrantlar', speaker: 'farida-quell' }],
  },
  {
    lang: 'az',
    text: `Tariq Mensovun partiyası Port-Velmarda ofis açıb. “Bu şəhər əsl müxalifətə layiqdir”, — Mensov qeyd edib.`,
    entities: ['tariq-mensov', 'port-velmar'],
    quotes: [{ start: 'Bu şəhər əsl', speaker: 'tariq-mensov' }],
  },
  {
    lang: 'az',
    text: `Qar Sarvanda məktəbləri və Orsava yolunu bağlayıb. Kamran Bəşir bildirib: “Qartəmizləyən texnika çıxıb, yol axşama açılacaq”.`,
    entities: ['sarvan', 'orsava', 'kamran-beshir'],
    quotes: [{ start: 'Qartəmizləyən texnika', speaker: 'kamran-beshir' }],
  },
  {
    lang: 'az',
    text: `Aldmur Universitetinin tələbələri tətilə qoşulub. «Çox şey istəmirik, sadəcə kitabxanada istilik», deyə tələbə birliyinin sədri Leon Varqa bildirib.`,
    entities: ['aldmoor-university'],
    quotes: [{ start: 'Çox şey istəmirik', speaker: 'Leon Varqa' }],
  },
  {
    lang: 'az',
    text: `Yeni “Velmar ulduzu” bərəsi Orsavaya işləməyə başlayıb. Sərnişinlər keçidin sürətindən razıdırlar.`,
    entities: ['orsava'],
    quotes: [],
  },
  {
    lang: 'az',
    text: `Bələdiyyə sədri Korveli körpüdəki gecikmələr barədə yaya qədər hesabat verəcəyini vəd edib.`,
    entities: ['aydan-korveli'],
    quotes: [],
  },
];

/**
 * New names (decision 0032): English texts naming people, places and organisations the site does
 * not know (none of LABELLED_ENTITIES' names), each with every such name as written, by type.
 * Scored by bench/entities.js for the "new entity" suggestions (compromise). Every name invented.
 */
export interface LabelledNewNames {
  text: string;
  names: { text: string; type: 'person' | 'place' | 'organisation' }[];
}

export const LABELLED_NEW_NAMES: readonly LabelledNewNames[] = [
  {
    text: `Researchers at Aldmoor University have mapped the seabed off Port Velmar. “The channel is shallower than anyone thought,” said Nadia Orlin, who led the survey.`,
    names: [{ text: 'Nadia Orlin', type: 'person' }],
  },
  {
    text: `Fishermen in Port Velmar protested outside the harbour office. "We have waited three years for the new quay," said Omar Selbi, a trawler captain.`,
    names: [{ text: 'Omar Selbi', type: 'person' }],
  },
  {
    text: `Students at Aldmoor University voted to join the strike. “We are not asking for much, only for heating in the library,” student union president Leon Varga said.`,
    names: [{ text: 'Leon Varga', type: 'person' }],
  },
  {
    text: `The Velmar Harbour Board approved new berths on Monday. Its director, Imre Castell, said work would begin in March.`,
    names: [
      { text: 'Velmar Harbour Board', type: 'organisation' },
      { text: 'Imre Castell', type: 'person' },
    ],
  },
  {
    text: `Flooding cut the railway between Brennick and Stoll Valley overnight. Engineers from the Northern Rail Company were on site by dawn, according to spokeswoman Petra Lindqvar.`,
    names: [
      { text: 'Brennick', type: 'place' },
      { text: 'Stoll Valley', type: 'place' },
      { text: 'Northern Rail Company', type: 'organisation' },
      { text: 'Petra Lindqvar', type: 'person' },
    ],
  },
  {
    text: `Jonah Meret, a teacher from Karsk, won the national poetry prize. The jury praised his collection for its plain language.`,
    names: [
      { text: 'Jonah Meret', type: 'person' },
      { text: 'Karsk', type: 'place' },
    ],
  },
  {
    text: `The Coastal Guard Association warned sailors to stay in port as winds rose. Captain Ilse Varn said three boats had been towed back to Tallow Bay.`,
    names: [
      { text: 'Coastal Guard Association', type: 'organisation' },
      { text: 'Ilse Varn', type: 'person' },
      { text: 'Tallow Bay', type: 'place' },
    ],
  },
  {
    text: `Prices at the Saturday market rose again in October. Traders blamed the cost of diesel; shoppers blamed the traders.`,
    names: [],
  },
  {
    text: `The Greyfield Water Authority will raise tariffs from January, its chief executive Marta Solberg told the city council.`,
    names: [
      { text: 'Greyfield Water Authority', type: 'organisation' },
      { text: 'Marta Solberg', type: 'person' },
    ],
  },
  {
    text: `After ten years abroad, the violinist Tomas Ardell returned to play at the old opera house in Redmarsh. Tickets sold out within an hour.`,
    names: [
      { text: 'Tomas Ardell', type: 'person' },
      { text: 'Redmarsh', type: 'place' },
    ],
  },
  {
    text: `The ferry Velmar Star was delayed by fog. Passengers waited on the quay for two hours before boarding.`,
    names: [],
  },
  {
    text: `A study by the Institute for Coastal Studies found that the dunes near Sandholt are shrinking by two metres a year. Its author, Dr Kaveh Rostami, called for planting.`,
    names: [
      { text: 'Institute for Coastal Studies', type: 'organisation' },
      { text: 'Sandholt', type: 'place' },
      { text: 'Kaveh Rostami', type: 'person' },
    ],
  },
];
