import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { createArticle } from '../features/articles/article.service.js';
import { renderBody, type BodyBlock, type BodyDocument } from '../features/articles/body.js';
import { recognizeEmbed } from '../features/articles/embed.js';
import { insertCoverage, insertEntry, replaceEntryAuthors, setCoverageEnd } from '../features/live/live.repository.js';
import { storeImage } from '../features/media/media.service.js';
import { drawIllustration } from './illustration.js';

/**
 * The demo's live page (decision 0022): invented coverage of an invented storm at the invented
 * Port Velmar, which has ended, in English, Russian and Azerbaijani. Every person, place and organisation in it
 * is made up; the embed names an invented video.
 */

type Entry = { at: number; headline?: string; text?: string; quote?: [string, string, string]; key?: boolean; pinned?: boolean; image?: boolean; embed?: boolean };

const EN: { headline: string; standfirst: string; summary: string; quote: [string, string, string]; entries: Entry[] } = {
  headline: 'Live: Storm Orla closes Port Velmar',
  standfirst: 'Gales shut the harbour, the ferries and the coast road for a night; this page followed it as it happened.',
  summary: 'Storm Orla reached Port Velmar on the evening of the day this coverage began and blew itself out before dawn. Our reporters followed the harbour, the coast road and the shelters through the night.',
  quote: ['We have never closed the whole harbour before, and I hope we never need to again.', 'Ines Marlow', 'harbour master'],
  entries: [
    { at: 0, headline: 'Coverage begins', text: 'Forecasters at the Velmar Weather Office expect gusts above 110 km/h from 18:00. We will bring you updates through the night.' },
    { at: 10, text: 'The harbour office has asked all small boats to stay tied up until morning.' },
    { at: 22, headline: 'Ferries suspended', text: 'All ferry crossings to Kell Island are cancelled for the rest of the day, the operator Velmar Lines said.', key: true },
    { at: 35, quote: ['Please do not come down to the seafront to watch the waves.', 'Ines Marlow', 'harbour master'] },
    { at: 47, text: 'Rain is now heavy across the old town; drains on Quay Street are overflowing.' },
    { at: 58, headline: 'Coast road closed', text: 'Police have closed the coast road between Port Velmar and Saltmere after a wall collapsed near the lighthouse.', key: true },
    { at: 70, text: 'Our photographer sent this picture from the harbour wall just before it was closed to the public.', image: true },
    { at: 84, text: 'Three shelters are open: the sports hall on Linden Road, the Seamen\'s Mission and St Aud\'s school.' },
    { at: 96, embed: true, text: 'The port authority has published video of the crane gantries being secured.' },
    { at: 110, headline: 'Power cut in the east of the city', text: 'About 4,000 homes in the eastern districts have no electricity, the grid operator Northline Power said.', key: true },
    { at: 123, quote: ['Crews are ready, but we cannot send them up poles in this wind.', 'Daniel Ferro', 'Northline Power'] },
    { at: 137, text: 'The strongest gust so far, 126 km/h, was measured on the breakwater at 20:41.' },
    { at: 150, text: 'Volunteers from the Velmar Rowing Club are helping move older residents from the low streets by the river.' },
    { at: 166, headline: 'Where to get help tonight', text: 'Shelters: Linden Road sports hall, Seamen\'s Mission, St Aud\'s school. Emergency line: 112. Power faults: Northline Power\'s number on your bill.', pinned: true },
    { at: 180, text: 'The river Vell has risen 1.2 metres in three hours but is still below the flood wall, the city engineer said.' },
    { at: 198, headline: 'Wind begins to ease', text: 'Gusts have dropped below 90 km/h for the first time this evening.', key: true },
    { at: 215, text: 'Power is back for about half of the homes that lost it, Northline Power said.' },
    { at: 232, quote: ['The flood wall did what it was built for.', 'Hanna Osk', 'city engineer'] },
    { at: 250, text: 'The coast road will stay closed overnight while engineers inspect the lighthouse wall.' },
    { at: 268, headline: 'Ferries to restart at 07:00', text: 'Velmar Lines says the first crossing to Kell Island will leave at 07:00 if the morning inspection finds no damage.', key: true },
    { at: 285, text: 'The shelters report 214 people stayed the night; most have gone home.' },
    { at: 300, headline: 'Our live coverage ends here', text: 'Storm Orla has passed. Thank you for following; our full report on the night is on the home page in the morning.' },
  ],
};

const RU: typeof EN = {
  headline: 'Онлайн: шторм «Орла» закрыл порт Велмар',
  standfirst: 'Шквальный ветер на ночь закрыл гавань, паромы и прибрежную дорогу; на этой странице мы следили за событиями.',
  summary: 'Шторм «Орла» дошёл до Порт-Велмара вечером и стих до рассвета. Наши корреспонденты всю ночь следили за гаванью, прибрежной дорогой и пунктами временного размещения.',
  quote: ['Мы ещё никогда не закрывали всю гавань и, надеюсь, больше не придётся.', 'Инес Марлоу', 'начальник порта'],
  entries: [
    { at: 0, headline: 'Начало трансляции', text: 'Синоптики Велмарской метеослужбы ожидают порывы свыше 110 км/ч с 18:00. Мы будем сообщать новости всю ночь.' },
    { at: 12, text: 'Портовая служба попросила все малые суда оставаться у причалов до утра.' },
    { at: 24, headline: 'Паромы отменены', text: 'Все рейсы на остров Келл отменены до конца дня, сообщил перевозчик «Велмар Лайнс».', key: true },
    { at: 37, quote: ['Пожалуйста, не приходите на набережную смотреть на волны.', 'Инес Марлоу', 'начальник порта'] },
    { at: 50, text: 'В старом городе сильный дождь; ливнёвки на Портовой улице переполнены.' },
    { at: 62, headline: 'Прибрежная дорога закрыта', text: 'Полиция закрыла дорогу между Порт-Велмаром и Солтмиром после обрушения стены у маяка.', key: true },
    { at: 75, text: 'Наш фотограф прислал этот снимок с волнолома незадолго до того, как туда закрыли доступ.', image: true },
    { at: 88, text: 'Открыты три пункта размещения: спортзал на Липовой улице, Дом моряка и школа Святой Ауд.' },
    { at: 100, embed: true, text: 'Администрация порта опубликовала видео: краны закрепляют перед штормом.' },
    { at: 114, headline: 'Без света восток города', text: 'Около 4000 домов в восточных районах остались без электричества, сообщила сетевая компания «Нортлайн Пауэр».', key: true },
    { at: 128, quote: ['Бригады готовы, но при таком ветре мы не можем отправить их на опоры.', 'Даниэль Ферро', '«Нортлайн Пауэр»'] },
    { at: 141, text: 'Самый сильный порыв, 126 км/ч, зафиксирован на волноломе в 20:41.' },
    { at: 168, headline: 'Куда обращаться ночью', text: 'Пункты размещения: спортзал на Липовой улице, Дом моряка, школа Святой Ауд. Экстренная линия: 112.', pinned: true },
    { at: 184, text: 'Уровень реки Велл поднялся на 1,2 метра за три часа, но остаётся ниже защитной стены.' },
    { at: 200, headline: 'Ветер стихает', text: 'Порывы впервые за вечер опустились ниже 90 км/ч.', key: true },
    { at: 218, text: 'Свет вернулся примерно в половину обесточенных домов.' },
    { at: 236, quote: ['Защитная стена сделала то, для чего её строили.', 'Ханна Оск', 'городской инженер'] },
    { at: 254, text: 'Прибрежная дорога останется закрытой до утра: инженеры проверяют стену у маяка.' },
    { at: 270, headline: 'Паромы с 07:00', text: 'Первый рейс на Келл отправится в 07:00, если утренний осмотр не выявит повреждений.', key: true },
    { at: 300, headline: 'Трансляция завершена', text: 'Шторм «Орла» прошёл. Спасибо, что были с нами.' },
  ],
};

const AZ: typeof EN = {
  headline: 'Canlı: «Orla» fırtınası Port-Velmar limanını bağladı',
  standfirst: 'Güclü külək bir gecəlik limanı, bərələri və sahil yolunu bağladı; bu səhifədə hadisələri anbaan izlədik.',
  summary: '«Orla» fırtınası izləmənin başladığı günün axşamı Port-Velmara çatdı və sübhə qədər səngidi. Müxbirlərimiz bütün gecə limanı, sahil yolunu və sığınacaqları izlədi.',
  quote: ['Biz indiyədək limanı heç vaxt tamamilə bağlamamışdıq və ümid edirəm ki, bir daha ehtiyac olmayacaq.', 'İnes Marlou', 'liman rəisi'],
  entries: [
    { at: 0, headline: 'İzləmə başlayır', text: 'Velmar Hava Xidmətinin sinoptikləri saat 18:00-dan sürəti saatda 110 km-i keçən külək gözləyir. Gecə boyu yenilikləri çatdıracağıq.' },
    { at: 12, text: 'Liman idarəsi bütün kiçik qayıqlardan səhərə qədər körpüdə qalmağı xahiş edib.' },
    { at: 24, headline: 'Bərə reysləri dayandırıldı', text: 'Kell adasına bütün bərə reysləri günün sonunadək ləğv olunub, «Velmar Lines» daşıyıcısı bildirib.', key: true },
    { at: 37, quote: ['Xahiş edirəm, dalğalara baxmaq üçün sahilə gəlməyin.', 'İnes Marlou', 'liman rəisi'] },
    { at: 50, text: 'Köhnə şəhərdə güclü yağış yağır; Liman küçəsində yağış kanalları daşıb.' },
    { at: 62, headline: 'Sahil yolu bağlandı', text: 'Mayak yaxınlığında divar uçduqdan sonra polis Port-Velmar ilə Saltmir arasındakı sahil yolunu bağlayıb.', key: true },
    { at: 75, text: 'Fotomüxbirimiz bu şəkli dalğaqırandan, ora girişin bağlanmasından az əvvəl göndərib.', image: true },
    { at: 88, text: 'Üç sığınacaq açıqdır: Cökə küçəsindəki idman zalı, Dənizçilər evi və Müqəddəs Aud məktəbi.' },
    { at: 100, embed: true, text: 'Liman idarəsi kranların fırtınadan əvvəl bərkidilməsini göstərən video yayımlayıb.' },
    { at: 114, headline: 'Şəhərin şərqində işıq yoxdur', text: 'Şərq rayonlarında təxminən 4000 ev elektriksiz qalıb, «Northline Power» şəbəkə operatoru bildirib.', key: true },
    { at: 128, quote: ['Briqadalar hazırdır, amma belə küləkdə onları dirəklərə göndərə bilmərik.', 'Daniel Ferro', '«Northline Power»'] },
    { at: 141, text: 'İndiyədək ən güclü külək, saatda 126 km, saat 20:41-də dalğaqıranda qeydə alınıb.' },
    { at: 154, text: 'Velmar Avarçəkmə Klubunun könüllüləri yaşlı sakinlərin çay kənarındakı alçaq küçələrdən köçürülməsinə kömək edir.' },
    { at: 168, headline: 'Bu gecə haraya müraciət etməli', text: 'Sığınacaqlar: Cökə küçəsindəki idman zalı, Dənizçilər evi, Müqəddəs Aud məktəbi. Təcili xətt: 112.', pinned: true },
    { at: 184, text: 'Vell çayının səviyyəsi üç saatda 1,2 metr qalxıb, lakin hələ də daşqın divarından aşağıdadır, şəhər mühəndisi bildirib.' },
    { at: 200, headline: 'Külək zəifləyir', text: 'Axşamdan bəri ilk dəfə küləyin sürəti saatda 90 km-dən aşağı düşüb.', key: true },
    { at: 218, text: 'İşığı kəsilən evlərin təxminən yarısında elektrik bərpa olunub.' },
    { at: 236, quote: ['Daşqın divarı nə üçün tikilmişdisə, onu da etdi.', 'Hanna Osk', 'şəhər mühəndisi'] },
    { at: 254, text: 'Mühəndislər mayak divarını yoxlayana qədər sahil yolu bağlı qalacaq.' },
    { at: 270, headline: 'Bərələr saat 07:00-da yola düşəcək', text: 'Səhər yoxlaması zədə aşkar etməsə, Kell adasına ilk reys saat 07:00-da yola düşəcək.', key: true },
    { at: 286, text: 'Sığınacaqlarda gecəni 214 nəfər keçirib; onların çoxu artıq evə qayıdıb.' },
    { at: 300, headline: 'İzləməmiz burada başa çatır', text: '«Orla» fırtınası keçdi. Bizi izlədiyiniz üçün təşəkkür edirik.' },
  ],
};

/** Per edition: the page's slug, its dateline place and the embed card's title. */
const EDITIONS = {
  en: { content: EN, slug: 'live-storm-orla-port-velmar', place: 'Port Velmar', embedTitle: 'Port Velmar: securing the cranes before Storm Orla' },
  ru: { content: RU, slug: 'onlain-shtorm-orla-port-velmar', place: 'Порт-Велмар', embedTitle: 'Порт-Велмар: краны закрепляют перед штормом' },
  az: { content: AZ, slug: 'canli-orla-firtinasi-port-velmar', place: 'Port-Velmar', embedTitle: 'Port-Velmar: fırtınadan əvvəl kranlar bərkidilir' },
} as const;

/** How many articles the live demo adds (for the seed's progress). */
export const LIVE_DEMO_ARTICLES = 3;

/** An invented video at the port authority's channel; its card is stored as if fetched at save. */
const EMBED_URL = 'https://www.youtube.com/watch?v=PvStorm2026';

export async function seedLiveDemo(
  db: Kysely<Database>,
  options: { dataDir: string; now: Date; sections: { en: number; ru: number; az: number }; authors: number[]; imageWidth?: number; onArticle?: () => void },
): Promise<void> {
  // Ended the evening before yesterday: five hours of coverage.
  const start = new Date(options.now.getTime() - 2 * 86_400_000 - 6 * 3_600_000);
  const width = options.imageWidth ?? 1200;
  const lead = await storeImage(db, options.dataDir, await drawIllustration('storm-orla', 205, width, Math.round(width / 1.6)), { alt: 'Waves breaking over a harbour wall under dark clouds', caption: 'The harbour wall at Port Velmar as Storm Orla arrived.', credit: 'Illustration: Caspian Herald' }, start);
  const photo = await storeImage(db, options.dataDir, await drawIllustration('storm-orla-quay', 215, width, Math.round(width / 1.6)), { alt: 'Spray over the quay and a closed gate', caption: 'Spray over the quay shortly before it was closed.', credit: 'Illustration: Caspian Herald' }, start);
  const group = 'demo-live-storm-orla';
  for (const edition of ['en', 'ru', 'az'] as const) {
    const { content, slug, place, embedTitle } = EDITIONS[edition];
    const sectionId = options.sections[edition];
    const id = await createArticle(db, {
      edition,
      sectionId,
      slug,
      status: 'published',
      headline: content.headline,
      standfirst: content.standfirst,
      body: { version: 1, blocks: [{ type: 'paragraph', html: content.summary }, { type: 'quote', text: content.quote[0], speaker: content.quote[1], role: content.quote[2] }] },
      datelinePlace: place,
      leadMediaId: lead.id,
      translationGroup: group,
      isTop: true,
      publishedAt: start,
      authorIds: options.authors.slice(0, 1),
      savedBy: 'Demo',
      now: start,
    });
    await insertCoverage(db, id, start.toISOString());
    const last = content.entries[content.entries.length - 1]!.at;
    for (const [i, e] of content.entries.entries()) {
      const at = new Date(start.getTime() + e.at * 60_000);
      const blocks: BodyBlock[] = [];
      if (e.text) blocks.push({ type: 'paragraph', html: e.text.replace(/&/g, '&amp;').replace(/</g, '&lt;') });
      if (e.quote) blocks.push({ type: 'quote', text: e.quote[0], speaker: e.quote[1], role: e.quote[2] });
      if (e.image) blocks.push({ type: 'image', mediaId: photo.id, alt: photo.alt, caption: photo.caption, credit: photo.credit });
      if (e.embed) {
        const embed = recognizeEmbed(EMBED_URL);
        if (embed) blocks.push({ ...embed, card: { title: embedTitle, author: 'Port of Velmar' } });
      }
      const doc: BodyDocument = { version: 1, blocks };
      const media = new Map([[photo.id, { storageKey: photo.storage_key, width: photo.width, height: photo.height, renditionWidths: JSON.parse(photo.rendition_widths) as number[] }]]);
      const entryId = await insertEntry(
        db,
        id,
        { published_at: at.toISOString(), headline: e.headline ?? '', body_doc: JSON.stringify(doc), body_html: renderBody(doc, media), key_event: e.key ? 1 : 0, pinned: e.pinned ? 1 : 0, updated_at: at.toISOString() },
        null,
        at.toISOString(),
      );
      await replaceEntryAuthors(db, entryId, [options.authors[i % options.authors.length] as number]);
    }
    await setCoverageEnd(db, id, new Date(start.getTime() + (last + 5) * 60_000).toISOString());
    options.onArticle?.();
  }
}
