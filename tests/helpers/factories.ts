import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Media } from '../../src/db/schema.js';
import { drawIllustration } from '../../src/demo/illustration.js';
import { articlePath } from '../../src/web/addresses.js';
import { createArticle, type ArticleFields, type ArticleInput } from '../../src/features/articles/article.service.js';
import { storeImage } from '../../src/features/media/media.service.js';
import { testClock } from './clock.js';

export interface Site {
  sections: { en: Record<'world' | 'business', number>; ru: Record<'world' | 'business', number> };
  authors: { ada: number; boris: number };
  publications: { reuters: number; afp: number; xinhua: number };
}

/** Two editions (English at the root, Russian under /ru), two sections each, two authors, three publications. */
export async function createSite(db: Kysely<Database>): Promise<Site> {
  await db
    .insertInto('editions')
    .values([
      { code: 'en', name: 'English', locale: 'en-GB', site_name: 'Test Herald', time_zone: 'Asia/Baku', is_default: 1, position: 0 },
      { code: 'ru', name: 'Русский', locale: 'ru', site_name: 'Тестовый вестник', time_zone: 'Asia/Baku', is_default: 0, position: 1 },
    ])
    .execute();
  const at = testClock.now().toISOString();
  const dated = { created_at: at, updated_at: at };
  const section = async (edition: string, slug: string, name: string, position: number) =>
    (await db.insertInto('sections').values({ edition, slug, name, description: `${name} news.`, position, ...dated }).returning('id').executeTakeFirstOrThrow()).id;
  const author = async (slug: string, name: string) =>
    (await db.insertInto('authors').values({ slug, name, bio: `${name} writes tests.`, ...dated }).returning('id').executeTakeFirstOrThrow()).id;
  const publication = async (slug: string, name: string, url: string) =>
    (await db.insertInto('publications').values({ slug, name, url, kind: 'agency', ...dated }).returning('id').executeTakeFirstOrThrow()).id;
  return {
    sections: {
      en: { world: await section('en', 'world', 'World', 0), business: await section('en', 'business', 'Business', 1) },
      ru: { world: await section('ru', 'world', 'В мире', 0), business: await section('ru', 'business', 'Экономика', 1) },
    },
    authors: { ada: await author('ada-quill', 'Ada Quill'), boris: await author('boris-penn', 'Boris Penn') },
    publications: {
      reuters: await publication('reuters', 'Reuters', 'https://www.reuters.com'),
      afp: await publication('afp', 'AFP', 'https://www.afp.com'),
      xinhua: await publication('xinhua', 'Xinhua', 'https://english.news.cn'),
    },
  };
}

export async function createImage(db: Kysely<Database>, dataDir: string, overrides: Partial<{ alt: string; caption: string; credit: string }> = {}): Promise<Media> {
  const picture = await drawIllustration(randomBytes(4).toString('hex'), 200, 800, 500);
  return storeImage(db, dataDir, picture, { alt: 'Illustration of hills at dusk', caption: 'The hills above the test harbour.', credit: 'Illustration: Test', ...overrides }, testClock.now());
}

let counter = 0;

/** A published English article with a body, a quotation and one author; override anything. */
export async function createTestArticle(db: Kysely<Database>, site: Site, overrides: Partial<ArticleInput> = {}): Promise<number> {
  counter++;
  return createArticle(db, {
    edition: 'en',
    sectionId: site.sections.en.world,
    status: 'published',
    headline: `Harbour council approves plan number ${counter} ${randomBytes(3).toString('hex')}`,
    standfirst: 'The vote ends a year of argument over the old pier.',
    body: {
      version: 1,
      blocks: [
        { type: 'paragraph', html: 'The council voted seven to two on Tuesday, the chair said <q>at last</q>.' },
        { type: 'quote', text: 'We have waited long enough.', speaker: 'Ines Marlow', role: 'council chair' },
        { type: 'paragraph', html: 'Work is due to begin in spring.' },
      ],
    },
    publishedAt: new Date(testClock.ms() - counter * 60_000),
    authorIds: [site.authors.ada],
    now: testClock.now(),
    ...overrides,
  });
}

/** The path of an English-edition (or `/ru`) article, as the reader site builds it. */
export const testArticlePath = (section: string, publishedAt: Date, slug: string, edition: 'en' | 'ru' = 'en') =>
  articlePath({ code: edition, is_default: edition === 'en' ? 1 : 0, time_zone: 'Asia/Baku' }, section, publishedAt.toISOString(), slug);

export const FULL_ARTICLE = { slug: 'harbour-council-approves-pier', section: 'world', publishedAt: new Date('2026-03-10T08:15:00Z') } as const;

/**
 * The article with everything the page can show: a lead image, two authors, a tag of each type,
 * two cited sources (one with a URL), a substantive update, a correction, quotations.
 */
export async function createFullArticle(db: Kysely<Database>, site: Site, dataDir: string, overrides: Partial<ArticleInput> = {}): Promise<string> {
  const image = await createImage(db, dataDir);
  await createTestArticle(db, site, {
    slug: FULL_ARTICLE.slug,
    headline: 'Harbour council approves new pier',
    datelinePlace: 'Port Velmar',
    publishedAt: FULL_ARTICLE.publishedAt,
    updatedAt: new Date('2026-03-10T14:00:00Z'),
    leadMediaId: image.id,
    authorIds: [site.authors.ada, site.authors.boris],
    isTop: true,
    tags: [
      { type: 'person', name: 'Ines Marlow' },
      { type: 'place', name: 'Port Velmar' },
      { type: 'organisation', name: 'Harbour Council' },
      { type: 'topic', name: 'Infrastructure' },
    ],
    sources: [{ publicationId: site.publications.reuters, url: 'https://www.reuters.com/example-story' }, { publicationId: site.publications.afp }],
    corrections: [{ at: new Date('2026-03-11T09:00:00Z'), text: 'An earlier version gave the wrong length of the pier.' }],
    ...overrides,
  });
  return testArticlePath(FULL_ARTICLE.section, FULL_ARTICLE.publishedAt, FULL_ARTICLE.slug);
}

/** The fields of a short English draft, as the desk takes them (create, save); override anything. */
export const draftFields = (site: Site, headline: string, overrides: Partial<ArticleFields> = {}): ArticleFields => ({
  edition: 'en',
  sectionId: site.sections.en.world,
  headline,
  standfirst: 'The harbour board met on Thursday evening.',
  body: { version: 1, blocks: [{ type: 'paragraph', html: 'The board agreed to extend the night ferry.' }] },
  authorIds: [site.authors.ada],
  ...overrides,
});
