import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { createArticle } from '../features/articles/article.service.js';
import type { BodyBlock } from '../features/articles/body.js';
import { storeImage } from '../features/media/media.service.js';
import { drawIllustration } from './illustration.js';
import { LIVE_DEMO_ARTICLES, seedLiveDemo } from './live-demo.js';
import { DEMO_AUTHORS, DEMO_PUBLICATIONS, type DemoArticle, type DemoBlock, type DemoEditionCode } from './demo-content.js';
import { EN_ARTICLES } from './content/en.js';
import { RU_ARTICLES } from './content/ru.js';
import { AZ_ARTICLES } from './content/az.js';
import { seedDemoWires, type WireSeedResult } from './wires/seed-wires.js';
import { seedDemoEntities } from './entities-demo.js';

// The footer note says what the demo is, in each edition's language: a site of one's own sets
// its own (or none) in the newsroom's settings.
const EDITIONS = [
  {
    code: 'en',
    name: 'English',
    locale: 'en-GB',
    site_name: 'Caspian Herald',
    time_zone: 'Asia/Baku',
    is_default: 1,
    position: 0,
    footer_note: 'Caspian Herald is a demonstration of Dateline. Its articles, people and places are invented.',
  },
  {
    code: 'ru',
    name: 'Русский',
    locale: 'ru',
    site_name: 'Каспийский вестник',
    time_zone: 'Asia/Baku',
    is_default: 0,
    position: 1,
    footer_note: '«Каспийский вестник» — демонстрация Dateline. Его статьи, люди и места вымышлены.',
  },
  {
    code: 'az',
    name: 'Azərbaycanca',
    locale: 'az',
    site_name: 'Xəzər Carçısı',
    time_zone: 'Asia/Baku',
    is_default: 0,
    position: 2,
    footer_note: '«Xəzər Carçısı» Dateline platformasının nümayiş saytıdır. Buradakı məqalələr, insanlar və yerlər uydurmadır.',
  },
] as const;

const SECTIONS: Record<DemoEditionCode, Record<string, { name: string; description: string }>> = {
  en: {
    world: { name: 'World', description: 'News from the region and beyond.' },
    politics: { name: 'Politics', description: 'Parliament, government and the people who run them.' },
    business: { name: 'Business', description: 'Trade, energy, ports and the economy.' },
    science: { name: 'Science', description: 'Research, health and the environment.' },
    culture: { name: 'Culture', description: 'Arts, books, film and music.' },
    sport: { name: 'Sport', description: 'Results, clubs and the people who play.' },
  },
  ru: {
    world: { name: 'В мире', description: 'Новости региона и мира.' },
    politics: { name: 'Политика', description: 'Парламент, правительство и политики.' },
    business: { name: 'Экономика', description: 'Торговля, энергетика, порты и экономика.' },
    science: { name: 'Наука', description: 'Исследования, здоровье и окружающая среда.' },
    culture: { name: 'Культура', description: 'Искусство, книги, кино и музыка.' },
    sport: { name: 'Спорт', description: 'Результаты, клубы и спортсмены.' },
  },
  az: {
    world: { name: 'Dünya', description: 'Regiondan və dünyadan xəbərlər.' },
    politics: { name: 'Siyasət', description: 'Parlament, hökumət və onları idarə edən insanlar.' },
    business: { name: 'İqtisadiyyat', description: 'Ticarət, enerji, limanlar və iqtisadiyyat.' },
    science: { name: 'Elm', description: 'Tədqiqatlar, səhiyyə və ətraf mühit.' },
    culture: { name: 'Mədəniyyət', description: 'İncəsənət, kitablar, kino və musiqi.' },
    sport: { name: 'İdman', description: 'Nəticələr, klublar və idmançılar.' },
  },
};

export interface SeedOptions {
  dataDir: string;
  /** The moment the demo is seeded; articles are dated back from it. */
  now?: Date;
  onProgress?: (done: number, total: number) => void;
  /** Demo image width; smaller is faster (tests). */
  imageWidth?: number;
}

export interface SeedResult {
  seeded: boolean;
  articles: number;
  /** The demo agency's feeds and reports on the wire desk (none when nothing was seeded). */
  wires: WireSeedResult | null;
}

function toBodyBlock(block: DemoBlock): BodyBlock {
  if ('before' in block) return { type: 'paragraph', html: block.before, attribution: { after: block.after } };
  if ('p' in block) return { type: 'paragraph', html: block.p };
  if ('h2' in block) return { type: 'heading', text: block.h2 };
  return { type: 'quote', text: block.quote, speaker: block.speaker, ...(block.role ? { role: block.role } : {}) };
}

/** Publication time: `daysAgo` days before `now`, at `hour` o'clock Baku time (UTC+4, no DST). */
function publishedAt(now: Date, article: DemoArticle): Date {
  const day = new Date(now.getTime() - article.daysAgo * 86_400_000);
  const date = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), article.hour - 4, (article.slug.length * 7) % 60));
  // Never in the future: today's stories published "at 18:00" when it is only noon move back a day.
  return date.getTime() > now.getTime() ? new Date(date.getTime() - 86_400_000) : date;
}

/**
 * Fills an empty database with the demo site: three editions, six sections each, authors,
 * publications, the invented articles of `content/` and the wire desk's demo agency (`wires/`).
 * Does nothing when articles exist, so it is safe to run at every start. Each article is written
 * in one transaction.
 */
export async function seedDemo(db: Kysely<Database>, options: SeedOptions): Promise<SeedResult> {
  const existing = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return { seeded: false, articles: 0, wires: null };
  const now = options.now ?? new Date();
  // The site's structure existed before its oldest story: dated with the earliest demo article.
  const since = [...EN_ARTICLES, ...RU_ARTICLES, ...AZ_ARTICLES].reduce((first, a) => Math.min(first, publishedAt(now, a).getTime()), now.getTime());
  const dated = { created_at: new Date(since).toISOString(), updated_at: new Date(since).toISOString() };

  await db.transaction().execute(async (trx) => {
    for (const edition of EDITIONS) {
      const present = await trx.selectFrom('editions').select('code').where('code', '=', edition.code).executeTakeFirst();
      if (!present) await trx.insertInto('editions').values(edition).execute();
      let position = 0;
      for (const [slug, section] of Object.entries(SECTIONS[edition.code])) {
        const has = await trx.selectFrom('sections').select('id').where('edition', '=', edition.code).where('slug', '=', slug).executeTakeFirst();
        if (!has) await trx.insertInto('sections').values({ edition: edition.code, slug, ...section, position: position++, ...dated }).execute();
      }
    }
    for (const [slug, author] of Object.entries(DEMO_AUTHORS)) {
      const has = await trx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst();
      if (!has) await trx.insertInto('authors').values({ slug, ...author, ...dated }).execute();
    }
    for (const [slug, publication] of Object.entries(DEMO_PUBLICATIONS)) {
      const has = await trx.selectFrom('publications').select('id').where('slug', '=', slug).executeTakeFirst();
      if (!has) await trx.insertInto('publications').values({ slug, ...publication, ...dated }).execute();
    }
  });

  const sections = await db.selectFrom('sections').select(['id', 'edition', 'slug']).execute();
  const authors = new Map((await db.selectFrom('authors').select(['id', 'slug']).execute()).map((a) => [a.slug, a.id]));
  const publications = new Map((await db.selectFrom('publications').select(['id', 'slug']).execute()).map((p) => [p.slug, p.id]));
  const all = [
    ...EN_ARTICLES.map((a) => ({ edition: 'en' as const, a })),
    ...RU_ARTICLES.map((a) => ({ edition: 'ru' as const, a })),
    ...AZ_ARTICLES.map((a) => ({ edition: 'az' as const, a })),
  ];

  let done = 0;
  for (const { edition, a } of all) {
    const section = sections.find((s) => s.edition === edition && s.slug === a.section);
    if (!section) throw new Error(`Demo article ${a.slug} names an unknown section ${a.section}.`);
    const published = publishedAt(now, a);
    const picture = await drawIllustration(a.slug, a.image.hue, options.imageWidth ?? 1200, Math.round((options.imageWidth ?? 1200) / 1.6));
    const media = await storeImage(db, options.dataDir, picture, { alt: a.image.alt, caption: a.image.caption, credit: a.image.credit }, published);
    const updated = a.updatedHoursLater ? new Date(published.getTime() + a.updatedHoursLater * 3_600_000) : null;

    await createArticle(db, {
      edition,
      sectionId: section.id,
      slug: a.slug,
      status: 'published',
      headline: a.headline,
      standfirst: a.standfirst,
      body: { version: 1, blocks: a.body.map(toBodyBlock) },
      datelinePlace: a.dateline ?? null,
      leadMediaId: media.id,
      translationGroup: a.translationKey ?? null,
      isTop: a.top ?? false,
      publishedAt: published,
      updatedAt: updated && updated <= now ? updated : null,
      authorIds: a.authors.map((key) => authors.get(key) as number),
      tags: a.tags,
      sources: a.sources.map((s) =>
        'kind' in s ? { kind: s.kind } : { publicationId: publications.get(s.publication) as number, url: s.url ?? null, role: s.role ?? 'citing' },
      ),
      corrections: (a.corrections ?? [])
        .map((c) => ({ at: new Date(published.getTime() + c.hoursLater * 3_600_000), text: c.text }))
        .filter((c) => c.at <= now),
      savedBy: 'Demo',
      now: published,
    });
    options.onProgress?.(++done, all.length + LIVE_DEMO_ARTICLES);
  }
  // The live page (decision 0022): ended coverage of an invented storm, in all three editions, among the top stories.
  const sectionOf = (edition: string) => sections.find((s) => s.edition === edition && s.slug === 'world')?.id as number;
  await seedLiveDemo(db, {
    dataDir: options.dataDir,
    now,
    sections: { en: sectionOf('en'), ru: sectionOf('ru'), az: sectionOf('az') },
    authors: ['mira-talbot', 'leyla-hamidova', 'ravil-sadiqov'].map((slug) => authors.get(slug) as number),
    ...(options.imageWidth ? { imageWidth: options.imageWidth } : {}),
    onArticle: () => options.onProgress?.(++done, all.length + LIVE_DEMO_ARTICLES),
  });
  // People, places and organisations linked across the three editions (decision 0027).
  await seedDemoEntities(db, now);
  // The wire desk's demo agency: only on a new site (this point is reached only when there were no articles).
  const wires = await seedDemoWires(db, { dataDir: options.dataDir, now, publications });
  return { seeded: true, articles: all.length + LIVE_DEMO_ARTICLES, wires };
}
