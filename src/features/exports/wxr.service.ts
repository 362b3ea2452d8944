import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { ArticleStatus, Database } from '../../db/schema.js';
import { zonedParts } from '../../lib/dates.js';
import { AppError } from '../../lib/errors.js';
import { articlePath, mediaPath } from '../../web/addresses.js';
import { articleUri } from './archive.js';
import { articleChildren, articlesInBatches, countRows, listAuthors, listEditions, listSections, mediaInBatches, tagsInBatches } from './export.repository.js';
import { maxArticleId, leadArticles, authorEmails } from './wxr.repository.js';
import { author, category, channelEnd, channelStart, item, rfc822, tag, wpDate, wpGmt, type WxrStatus } from './wxr.js';

type Db = Kysely<Database>;

export interface WxrOptions {
  siteUrl: string;
  out: string;
  edition?: string | undefined;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
}

export interface WxrResult {
  posts: number;
  attachments: number;
  categories: number;
  tags: number;
  authors: number;
  bytes: number;
}

/** WordPress has no "scheduled" or "unpublished": future, and draft (a post taken down stays out of view). */
const STATUS: Record<ArticleStatus, WxrStatus> = { published: 'publish', scheduled: 'future', draft: 'draft', unpublished: 'draft' };

/** WordPress writes an unset GMT date of a draft like this. */
const NO_DATE = '0000-00-00 00:00:00';

/**
 * Writes a WXR 1.2 file for WordPress's importer (docs/export-format.md): authors, sections as
 * categories, tags, images as attachments with their URLs on this site, then the articles as
 * posts with their HTML and `_thumbnail_id` for the lead image. Written item by item to a
 * temporary file and renamed when complete; nothing is held but the small lists of terms.
 */
export async function exportWxr(db: Db, options: WxrOptions): Promise<WxrResult> {
  const siteUrl = options.siteUrl.replace(/\/$/, '');
  const now = options.now ?? new Date();
  const allEditions = await listEditions(db);
  if (options.edition !== undefined && !allEditions.some((e) => e.code === options.edition)) {
    throw new AppError(400, 'unknown_edition', `There is no edition "${options.edition}". Editions: ${allEditions.map((e) => e.code).join(', ') || 'none'}.`);
  }
  const editions = options.edition === undefined ? allEditions : allEditions.filter((e) => e.code === options.edition);
  const codes = editions.map((e) => e.code);
  const byCode = new Map(allEditions.map((e) => [e.code, e]));
  const main = editions.find((e) => e.is_default === 1) ?? editions[0];
  // One WordPress site has one set of categories and tags: another edition's get its code in front.
  const prefix = (edition: string) => (editions.length > 1 && byCode.get(edition)?.is_default !== 1 ? `${edition}-` : '');

  const outDir = path.dirname(path.resolve(options.out));
  if (!(await fs.stat(outDir).catch(() => null))?.isDirectory()) throw new AppError(400, 'no_such_folder', `There is no folder ${outDir} to write the file into.`);
  const temp = `${options.out}.partial-${process.pid}`;
  const out = createWriteStream(temp);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  const result: WxrResult = { posts: 0, attachments: 0, categories: 0, tags: 0, authors: 0, bytes: 0 };
  try {
    await write(
      channelStart({
        title: main?.site_name ?? 'Dateline',
        link: siteUrl,
        description: main?.footer_note ?? '',
        pubDate: rfc822(now.toISOString()),
        language: main?.locale ?? 'en',
      }),
    );

    const authors = await listAuthors(db);
    const emails = await authorEmails(db);
    const logins = new Map<number, string>();
    for (const a of authors) {
      logins.set(a.id, a.slug);
      await write(author({ id: a.id, login: a.slug, email: emails.get(a.id) ?? '', name: a.name }));
      result.authors++;
    }

    const sections = new Map<number, { slug: string; name: string }>();
    let maxSection = 0;
    for (const s of await listSections(db)) {
      maxSection = Math.max(maxSection, s.id);
      if (!codes.includes(s.edition)) continue;
      const slug = `${prefix(s.edition)}${s.slug}`;
      sections.set(s.id, { slug, name: s.name });
      await write(category({ id: s.id, slug, name: s.name, description: s.description }));
      result.categories++;
    }

    // Tags of different types may share a slug (a person and a place): WordPress would merge them, so the later gets its type.
    const tags = new Map<number, { slug: string; name: string }>();
    const taken = new Set<string>();
    for await (const batch of tagsInBatches(db)) {
      for (const t of batch) {
        if (!codes.includes(t.edition)) continue;
        let slug = `${prefix(t.edition)}${t.slug}`;
        if (taken.has(slug)) slug = `${slug}-${t.type}`;
        taken.add(slug);
        tags.set(t.id, { slug, name: t.name });
        await write(tag({ id: maxSection + t.id, slug, name: t.name, description: t.description }));
        result.tags++;
      }
    }

    // Posts and attachments share WordPress's id space: attachments come after the largest article id.
    const offset = await maxArticleId(db);
    for await (const batch of mediaInBatches(db)) {
      const parents = await leadArticles(db, batch.map((m) => m.id), codes);
      for (const m of batch) {
        const widths = JSON.parse(m.rendition_widths) as number[];
        const url = `${siteUrl}${mediaPath(m.storage_key, widths.length ? Math.max(...widths) : m.width, 'jpg')}`;
        const zone = main?.time_zone ?? 'UTC';
        await write(
          item({
            id: offset + m.id,
            type: 'attachment',
            title: m.alt || m.caption || `Image ${m.id}`,
            link: url,
            guid: url,
            creator: '',
            date: m.created_at,
            localDate: wpDate(zonedParts(new Date(m.created_at), zone)),
            gmtDate: wpGmt(m.created_at),
            modified: wpDate(zonedParts(new Date(m.created_at), zone)),
            modifiedGmt: wpGmt(m.created_at),
            content: m.credit,
            excerpt: m.caption,
            slug: `image-${m.id}`,
            status: 'inherit',
            parent: parents.get(m.id) ?? 0,
            sticky: false,
            attachmentUrl: url,
            terms: [],
            meta: [{ key: '_wp_attachment_image_alt', value: m.alt }],
          }),
        );
        result.attachments++;
      }
    }

    const { articles: total } = await countRows(db, codes);
    const sectionSlugs = new Map((await listSections(db)).map((s) => [s.id, s.slug]));
    for await (const batch of articlesInBatches(db, 100, codes)) {
      const children = await articleChildren(db, batch.map((a) => a.id));
      for (const a of batch) {
        const edition = byCode.get(a.edition);
        const zone = edition?.time_zone ?? 'UTC';
        const dated = a.published_at ?? a.created_at;
        const bylines = children.authors(a.id).map((x) => x.author_id);
        const section = sections.get(a.section_id);
        const link = a.status === 'published' && a.published_at && edition ? `${siteUrl}${articlePath(edition, sectionSlugs.get(a.section_id) ?? '', a.published_at, a.slug)}` : siteUrl;
        await write(
          item({
            id: a.id,
            type: 'post',
            title: a.headline,
            link,
            guid: articleUri(siteUrl, a.id),
            creator: logins.get(bylines[0] ?? 0) ?? '',
            date: a.published_at,
            localDate: wpDate(zonedParts(new Date(dated), zone)),
            gmtDate: a.published_at ? wpGmt(a.published_at) : NO_DATE,
            modified: wpDate(zonedParts(new Date(a.modified_at), zone)),
            modifiedGmt: wpGmt(a.modified_at),
            content: absoluteMedia(a.body_html, siteUrl),
            excerpt: a.standfirst,
            slug: a.slug,
            status: STATUS[a.status],
            parent: 0,
            sticky: a.is_top === 1,
            terms: [
              ...(section ? [{ domain: 'category' as const, ...section }] : []),
              ...children.tags(a.id).flatMap((t) => {
                const found = tags.get(t.tag_id);
                return found ? [{ domain: 'post_tag' as const, ...found }] : [];
              }),
            ],
            meta: [
              ...(a.lead_media_id !== null ? [{ key: '_thumbnail_id', value: String(offset + a.lead_media_id) }] : []),
              // WordPress has one author per post; the rest of the byline is kept where a theme can read it.
              ...(bylines.length > 1 ? [{ key: 'dateline_bylines', value: bylines.map((id) => logins.get(id) ?? '').join(',') }] : []),
              ...(a.dateline_place ? [{ key: 'dateline_place', value: a.dateline_place }] : []),
            ],
          }),
        );
        result.posts++;
        options.onProgress?.(result.posts, total);
      }
    }
    await write(channelEnd());
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await fs.rename(temp, options.out);
    return { ...result, bytes };
  } catch (error) {
    out.destroy();
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Our image addresses are site-relative (`/media/…`); WordPress fetches and shows them from this site. */
function absoluteMedia(html: string, siteUrl: string): string {
  return html.replace(/(\s(?:src|href)="|\ssrcset="|,\s*)\/media\//g, (_m, before: string) => `${before}${siteUrl}/media/`);
}
