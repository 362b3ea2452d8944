import type { Kysely } from 'kysely';
import type { Database, TagType } from '../../db/schema.js';
import { isoInZone } from '../../lib/dates.js';
import { articlePath, authorPath, childSitemapPath, homePath, mediaPath, sectionPath, tagPath } from '../../web/addresses.js';
import { renditionWidths } from '../../web/partials.js';
import type { EditionContext, SiteStructure } from '../../web/render-context.js';
import { hreflangLinks } from '../../web/hreflang.js';
import {
  articlesBetween,
  authorPages,
  countAuthorPages,
  countTagPages,
  monthStats,
  newestArticles,
  publishedSpan,
  publishedTranslations,
  sectionLastmods,
  tagPages,
  windowLastmod,
  type SitemapArticleRow,
} from './sitemap.repository.js';
import {
  NEWS_MAX_URLS,
  NEWS_WINDOW_MS,
  newest,
  newsLanguage,
  partCount,
  partWindow,
  sitemapFileName,
  sliceSegments,
  type SitemapFile,
} from './sitemap.js';
import { newsSitemapXml, sitemapIndexXml, urlsetXml, type IndexEntry, type UrlEntry } from './sitemap-xml.js';
import { monthOf, monthRange, monthsBetween } from './calendar.js';

type Db = Kysely<Database>;

export interface SitemapContext {
  readonly ed: EditionContext;
  /** Absolute base URL of the site, without a trailing slash. */
  readonly siteUrl: string;
  /** 50,000 by the protocol; smaller in tests that exercise the splitting. */
  readonly maxUrlsPerFile: number;
  /** Every edition, for the language versions of pages (`xhtml:link`); none listed without it. */
  readonly site?: SiteStructure;
}

/** A sitemap context's helpers: absolute URLs, and times in the edition's zone. */
function helpers(ctx: SitemapContext) {
  const { edition } = ctx.ed;
  const url = (path: string) => `${ctx.siteUrl}${path}`;
  const articleUrl = (row: SitemapArticleRow) => url(articlePath(edition, row.section_slug, row.published_at, row.slug));
  const inZone = (iso: string) => isoInZone(new Date(iso), edition.time_zone);
  const lastmod = (iso: string | null | undefined) => (iso ? inZone(iso) : undefined);
  const leadImage = (row: SitemapArticleRow): string[] => {
    if (!row.storage_key || !row.rendition_widths) return [];
    const widths = renditionWidths({ rendition_widths: row.rendition_widths });
    const largest = widths[widths.length - 1];
    return largest === undefined ? [] : [url(mediaPath(row.storage_key, largest, 'jpg'))];
  };
  const fileUrl = (file: SitemapFile) => url(childSitemapPath(ctx.ed.prefix, sitemapFileName(file)));
  return { url, articleUrl, inZone, lastmod, leadImage, fileUrl };
}

/** The sitemap index: the pages file(s), then one file (or more) per month of articles, newest first. */
export async function sitemapIndex(db: Db, ctx: SitemapContext): Promise<string> {
  const h = helpers(ctx);
  const code = ctx.ed.edition.code;
  const span = await publishedSpan(db, code);
  const entries: IndexEntry[] = [];

  const pageCounts = await pageSegmentCounts(db, ctx);
  const pageParts = partCount(pageCounts.reduce((a, b) => a + b, 0), ctx.maxUrlsPerFile);
  for (let part = 1; part <= pageParts; part++) {
    // Part 1 holds the home page, whose lastmod is the edition's newest change: nothing in any part is newer.
    const lastmod = part === 1 ? span.lastmod : newest((await pagesPart(db, ctx, part, pageCounts)).map((e) => e.lastmod));
    entries.push({ loc: h.fileUrl({ kind: 'pages', part }), lastmod: h.lastmod(lastmod) });
  }

  if (span.first && span.last) {
    const zone = ctx.ed.edition.time_zone;
    // Every month from the first publication to the last; the empty ones are left out below.
    const months = await Promise.all(
      monthsBetween(monthOf(new Date(span.first), zone), monthOf(new Date(span.last), zone)).map(async ({ year, month }) => {
        const range = monthRange({ year, month }, zone);
        const stats = await monthStats(db, code, range.from, range.before);
        const parts = partCount(stats.count, ctx.maxUrlsPerFile);
        const files: IndexEntry[] = [];
        for (let part = 1; part <= parts; part++) {
          const lastmod = parts === 1 ? stats.lastmod : await windowLastmod(db, code, range.from, range.before, partWindow(part, ctx.maxUrlsPerFile));
          files.push({ loc: h.fileUrl({ kind: 'articles', year, month, part }), lastmod: h.lastmod(lastmod) });
        }
        return files;
      }),
    );
    entries.push(...months.flat());
  }
  return sitemapIndexXml(entries);
}

/** A child sitemap, or undefined when the file does not exist (a month without articles, a part past the end). */
export async function sitemapFile(db: Db, ctx: SitemapContext, file: SitemapFile): Promise<string | undefined> {
  const entries = file.kind === 'pages' ? await pagesPart(db, ctx, file.part) : await articlesPart(db, ctx, file);
  return entries.length ? urlsetXml(entries) : undefined;
}

async function articlesPart(db: Db, ctx: SitemapContext, file: Extract<SitemapFile, { kind: 'articles' }>): Promise<UrlEntry[]> {
  const h = helpers(ctx);
  const range = monthRange(file, ctx.ed.edition.time_zone);
  const rows = await articlesBetween(db, ctx.ed.edition.code, range.from, range.before, partWindow(file.part, ctx.maxUrlsPerFile));
  const versions = await articleVersions(db, ctx, rows);
  return rows.map((row) => ({
    loc: h.articleUrl(row),
    lastmod: h.lastmod(row.modified_at),
    images: h.leadImage(row),
    alternates: row.translation_group ? (versions.get(row.translation_group) ?? []) : [],
  }));
}

/**
 * Per translation group, the hreflang links of its published versions with absolute URLs: the
 * same list, x-default included, that each version's page has in its head (decision 0026).
 */
async function articleVersions(db: Db, ctx: SitemapContext, rows: readonly SitemapArticleRow[]): Promise<Map<string, { hreflang: string; href: string }[]>> {
  const site = ctx.site;
  const groups = rows.flatMap((r) => (r.translation_group ? [r.translation_group] : []));
  const result = new Map<string, { hreflang: string; href: string }[]>();
  if (!site || groups.length === 0) return result;
  const byGroup = new Map<string, { lang: string; path: string; isDefaultEdition: boolean; publishedAt: string }[]>();
  for (const v of await publishedTranslations(db, groups)) {
    const ed = site.byCode(v.edition);
    if (!ed) continue;
    const list = byGroup.get(v.translation_group) ?? [];
    list.push({ lang: ed.edition.locale, path: articlePath(ed.edition, v.section_slug, v.published_at, v.slug), isDefaultEdition: ed === site.defaultEdition, publishedAt: v.published_at });
    byGroup.set(v.translation_group, list);
  }
  for (const [group, list] of byGroup) result.set(group, hreflangLinks(list).map((l) => ({ hreflang: l.hreflang, href: `${ctx.siteUrl}${l.path}` })));
  return result;
}

/** The pages sitemap is three lists read one after the other: home and sections, tags, authors. */
async function pageSegmentCounts(db: Db, ctx: SitemapContext): Promise<number[]> {
  const code = ctx.ed.edition.code;
  const [tags, authors] = await Promise.all([countTagPages(db, code), countAuthorPages(db, code)]);
  return [1 + ctx.ed.sections.length, tags, authors];
}

async function pagesPart(db: Db, ctx: SitemapContext, part: number, knownCounts?: number[]): Promise<UrlEntry[]> {
  const h = helpers(ctx);
  const { ed } = ctx;
  const code = ed.edition.code;
  const counts = knownCounts ?? (await pageSegmentCounts(db, ctx));
  const slices = await Promise.all(
    sliceSegments(counts, part, ctx.maxUrlsPerFile).map(async ({ segment, offset, limit }): Promise<UrlEntry[]> => {
      const window = { offset, limit };
      if (segment === 0) {
        const [span, bySection] = await Promise.all([publishedSpan(db, code), sectionLastmods(db, code)]);
        // The home pages are one another's language versions, as in their heads.
        const homes = (ctx.site?.editions ?? []).map((e) => ({ lang: e.edition.locale, path: homePath(e.prefix), isDefaultEdition: e === ctx.site?.defaultEdition }));
        const fixed: UrlEntry[] = [
          { loc: h.url(homePath(ed.prefix)), lastmod: h.lastmod(span.lastmod), alternates: hreflangLinks(homes).map((l) => ({ hreflang: l.hreflang, href: h.url(l.path) })) },
          ...ed.sections.map((s) => ({ loc: h.url(sectionPath(ed.prefix, s.slug)), lastmod: h.lastmod(bySection.get(s.id)) })),
        ];
        return fixed.slice(offset, offset + limit);
      }
      if (segment === 1) {
        const tags = await tagPages(db, code, window);
        return tags.map((t) => ({ loc: h.url(tagPath(ed.prefix, t.type as TagType, t.slug)), lastmod: h.lastmod(t.lastmod) }));
      }
      const authors = await authorPages(db, code, window);
      return authors.map((a) => ({ loc: h.url(authorPath(ed.prefix, a.slug)), lastmod: h.lastmod(a.lastmod) }));
    }),
  );
  return slices.flat();
}

/**
 * The Google News sitemap: articles published in the 48 hours before `now`, newest first, at
 * most 1,000. After a quiet two days it is an empty <urlset>: the sitemaps.org schema wants at
 * least one <url>, but an empty file that parses is better than a 404 for an address robots.txt
 * names, and padding it with older articles would break Google's 48-hour rule.
 */
export async function newsSitemap(db: Db, ctx: SitemapContext, now: Date): Promise<string> {
  const h = helpers(ctx);
  const { edition } = ctx.ed;
  const rows = await newestArticles(db, edition.code, new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), now.toISOString(), NEWS_MAX_URLS);
  const language = newsLanguage(edition.locale);
  return newsSitemapXml(
    rows.map((row) => ({
      loc: h.articleUrl(row),
      lastmod: h.lastmod(row.modified_at),
      publicationName: edition.site_name,
      language,
      publicationDate: h.inZone(row.published_at),
      title: row.headline,
      images: h.leadImage(row),
    })),
  );
}
