import { createHash } from 'node:crypto';

/**
 * The names of what a cached page depends on ("dependency keys", the surrogate keys of Fastly and
 * the xkeys of Varnish). A page records the keys of everything it shows; a change names the keys
 * it touches; the cache forgets exactly the pages that share one (decision 0020).
 *
 * Keys are short ASCII words without spaces, so that they travel as they are in a `Surrogate-Key`
 * header, a NOTIFY payload and a purge request.
 */
export const pageKeys = {
  /** Every page of an edition (its layout shows the edition's sections and names). */
  edition: (code: string) => `ed:${code}`,
  /** The article's own page and its API answer; also the cards of it shown in related blocks. */
  article: (id: number) => `a:${id}`,
  /** The home page of an edition (every page number) and its feeds. */
  home: (code: string) => `home:${code}`,
  /** A section's list (every page number) and its feeds. */
  section: (id: number) => `s:${id}`,
  /** A tag's list and feeds, and the article pages carrying the tag (their chips and related block). */
  tag: (id: number) => `t:${id}`,
  /** An author's list of articles (every page number) and its feeds. */
  author: (id: number) => `au:${id}`,
  /** An author's name, bio and photo: their page and the article pages with their byline. */
  authorProfile: (id: number) => `ap:${id}`,
  /** An image's alt text, caption and credit, wherever the image is shown. */
  media: (id: number) => `m:${id}`,
  /** The edition's sitemaps and news sitemap. */
  sitemaps: (code: string) => `sm:${code}`,
  /** Search results and the content API's answers, whose lists any article change may alter (the in-app answer cache). */
  queries: 'q:all',
  /** The content API's article lists of an edition (the front cache's purge). */
  apiLists: (code: string) => `api:${code}`,
  /** The article pages of one story across editions (they link to each other); the group is any text, so it is hashed. */
  translations: (group: string) => `tr:${createHash('sha1').update(group).digest('base64url').slice(0, 16)}`,
} as const;

/** What an article change touches: enough of the article to name every page that shows it. */
export interface ArticleFootprint {
  readonly id: number;
  readonly edition: string;
  readonly sectionId: number;
  readonly translationGroup: string | null;
  readonly tagIds: readonly number[];
  readonly authorIds: readonly number[];
}

/**
 * The keys an article change touches, from what the article was before and is after the change
 * (an article moved out of a section or a tag leaves a gap in that list, which must be redrawn
 * too): its page, the edition's home, the lists of its sections, tags and authors (every page
 * number and their feeds), the sitemaps, the API lists, and the article pages of its translations.
 * Related blocks are covered by the tag keys: an article is related to another only through a tag
 * they share, and the other's page records that tag.
 */
export function articleChangeKeys(...footprints: readonly (ArticleFootprint | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const f of footprints) {
    if (!f) continue;
    keys.add(pageKeys.article(f.id));
    keys.add(pageKeys.home(f.edition));
    keys.add(pageKeys.section(f.sectionId));
    keys.add(pageKeys.sitemaps(f.edition));
    keys.add(pageKeys.apiLists(f.edition));
    keys.add(pageKeys.queries);
    for (const id of f.tagIds) keys.add(pageKeys.tag(id));
    for (const id of f.authorIds) keys.add(pageKeys.author(id));
    if (f.translationGroup) keys.add(pageKeys.translations(f.translationGroup));
  }
  return [...keys];
}

/** A key as it may appear in a header or a NOTIFY payload: the shapes above and nothing else. */
export const KEY_PATTERN = /^[a-z]{1,4}:[A-Za-z0-9._-]{1,100}$/;

/** The key of a reader list (any page number, and its feeds), from the list's filter. */
export function listKey(
  edition: string,
  filter: { by: 'edition' | 'top' } | { by: 'section'; sectionId: number } | { by: 'tag'; tagId: number } | { by: 'author'; authorId: number },
): string {
  switch (filter.by) {
    case 'section':
      return pageKeys.section(filter.sectionId);
    case 'tag':
      return pageKeys.tag(filter.tagId);
    case 'author':
      return pageKeys.author(filter.authorId);
    default:
      return pageKeys.home(edition);
  }
}
