import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database, Edition } from '../../db/schema.js';
import { translator } from '../../i18n/i18n.js';
import { AppError } from '../../lib/errors.js';
import { writeTarGz } from '../../lib/tar.js';
import { articlePath, mediaPath, tagPath, editionPrefix } from '../../web/addresses.js';
import { attributionSentence } from '../articles/attribution.js';
import { originalPath } from '../media/media.service.js';
import {
  ARCHIVE_FILES,
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  LIST_NAMES,
  MEDIA_FOLDER,
  toNinjs,
  type AuthorRecord,
  type DatelineExtension,
  type EditionRecord,
  type EntityRecord,
  type ListName,
  type LiveEntryRecord,
  type LiveRecord,
  type Manifest,
  type ManifestFile,
  type MediaRecord,
  type PublicationRecord,
  type SectionRecord,
  type TagRecord,
  type UserRecord,
  type WebhookRecord,
} from './archive.js';
import {
  articleChildren,
  type ArticleChildren,
  articlesInBatches,
  countRows,
  listAuthors,
  listEditions,
  listEntities,
  listPublications,
  listSectionRedirects,
  listSections,
  listSettings,
  listTagRedirects,
  listUsers,
  listWebhooks,
  mediaInBatches,
  tagsInBatches,
} from './export.repository.js';

type Db = Kysely<Database>;

export interface ExportOptions {
  dataDir: string;
  siteUrl: string;
  /** The archive to write (replaced only once it is complete). */
  out: string;
  /** Only this edition's sections, tags and articles (everything else is site-wide and kept). */
  edition?: string | undefined;
  /** The export time written into the manifest. */
  now?: Date;
  /** Called with a stage name, what is done and the total. */
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface ExportResult {
  file: string;
  bytes: number;
  counts: Record<ListName, number>;
  /** Media rows whose original file was missing on disk (exported without a file). */
  missingOriginals: number;
}

/** The version of Dateline that wrote an archive: package.json's, read once (src/ and dist/ are both three folders down). */
export async function datelineVersion(): Promise<string> {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../package.json');
  const text = await fs.readFile(file, 'utf8').catch(() => '{}');
  return (JSON.parse(text) as { version?: string }).version ?? 'unknown';
}

/** One NDJSON file being written, with its checksum computed on the way. */
class ListWriter {
  private readonly hash = createHash('sha256');
  private readonly stream: WriteStream;
  bytes = 0;
  count = 0;

  constructor(file: string) {
    this.stream = createWriteStream(file);
  }

  async write(record: unknown): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    this.hash.update(line);
    this.bytes += Buffer.byteLength(line);
    this.count++;
    if (!this.stream.write(line)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }

  async close(): Promise<ManifestFile> {
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

async function copyWithHash(from: string, to: string): Promise<ManifestFile> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  const hash = createHash('sha256');
  let bytes = 0;
  const out = createWriteStream(to);
  for await (const chunk of createReadStream(from)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { sha256: hash.digest('hex'), bytes };
}


/**
 * Writes the whole site (or one edition's content) into a Dateline archive: the lists are written
 * to a staging folder one record at a time (articles in batches of 100 with their children), the
 * originals copied beside them, each file's SHA-256 taken on the way; then the manifest, then the
 * tar.gz, written to a temporary name and renamed over `out` only when complete.
 */
export async function exportArchive(db: Db, options: ExportOptions): Promise<ExportResult> {
  const now = options.now ?? new Date();
  const progress = options.onProgress ?? (() => {});
  const siteUrl = options.siteUrl.replace(/\/$/, '');
  const allEditions = await listEditions(db);
  if (options.edition !== undefined && !allEditions.some((e) => e.code === options.edition)) {
    throw new AppError(400, 'unknown_edition', `There is no edition "${options.edition}". Editions: ${allEditions.map((e) => e.code).join(', ') || 'none'}.`);
  }
  const editions = options.edition === undefined ? allEditions : allEditions.filter((e) => e.code === options.edition);
  const editionCodes = editions.map((e) => e.code);
  const inScope = (edition: string) => editionCodes.includes(edition);

  // Staged beside the archive: the same disk, which must hold the archive anyway.
  const outDir = path.dirname(path.resolve(options.out));
  if (!(await fs.stat(outDir).catch(() => null))?.isDirectory()) throw new AppError(400, 'no_such_folder', `There is no folder ${outDir} to write the archive into.`);
  const staging = await fs.mkdtemp(path.join(outDir, '.dateline-export-'));
  const files: Record<string, ManifestFile> = {};
  const counts = Object.fromEntries(LIST_NAMES.map((n) => [n, 0])) as Record<ListName, number>;
  const order: string[] = [ARCHIVE_FILES.manifest];
  let missingOriginals = 0;
  const temp = `${options.out}.partial-${process.pid}`;

  const list = (name: ListName) => new ListWriter(path.join(staging, ARCHIVE_FILES[name]));
  const finish = async (name: ListName, writer: ListWriter) => {
    files[ARCHIVE_FILES[name]] = await writer.close();
    counts[name] = writer.count;
    order.push(ARCHIVE_FILES[name]);
  };

  try {
    // Editions and settings.
    const editionList = list('editions');
    for (const e of editions) {
      const record: EditionRecord = { code: e.code, name: e.name, locale: e.locale, site_name: e.site_name, time_zone: e.time_zone, is_default: e.is_default === 1, position: e.position, footer_note: e.footer_note, sign_off: e.sign_off };
      await editionList.write(record);
    }
    await finish('editions', editionList);
    const settingList = list('settings');
    for (const s of await listSettings(db)) await settingList.write({ key: s.key, value: s.value });
    await finish('settings', settingList);

    // Users, without password hashes, sessions or keys.
    const userList = list('users');
    for (const u of await listUsers(db)) {
      const record: UserRecord = { id: u.id, email: u.email, name: u.name, role: u.role, author: u.author_id, created_at: u.created_at, password_changed_at: u.password_changed_at, disabled_at: u.disabled_at };
      await userList.write(record);
    }
    await finish('users', userList);

    // Media: metadata a line each, originals as files.
    const { articles: articleTotal, media: mediaTotal } = await countRows(db, options.edition === undefined ? undefined : editionCodes);
    const mediaList = list('media');
    const mediaInfo: Map<number, { storage_key: string; mime: string; alt: string; caption: string; uri: string }> = new Map();
    const mediaFiles: string[] = [];
    let mediaDone = 0;
    for await (const batch of mediaInBatches(db)) {
      for (const m of batch) {
        const original = await originalPath(options.dataDir, m);
        let file: string | null = null;
        if (original) {
          file = `${MEDIA_FOLDER}/${m.storage_key}/${path.basename(original)}`;
          files[file] = await copyWithHash(original, path.join(staging, file));
          mediaFiles.push(file);
        } else missingOriginals++;
        const record: MediaRecord = { id: m.id, storage_key: m.storage_key, mime: m.mime, width: m.width, height: m.height, alt: m.alt, caption: m.caption, credit: m.credit, created_at: m.created_at, created_by: m.created_by, file };
        await mediaList.write(record);
        const widths = JSON.parse(m.rendition_widths) as number[];
        const largest = widths.length ? Math.max(...widths) : m.width;
        mediaInfo.set(m.id, { storage_key: m.storage_key, mime: m.mime, alt: m.alt, caption: m.caption, uri: `${siteUrl}${mediaPath(m.storage_key, largest, 'jpg')}` });
        progress('media', ++mediaDone, mediaTotal);
      }
    }
    await finish('media', mediaList);

    // Authors, publications.
    const authorList = list('authors');
    const authors = new Map<number, { slug: string; name: string }>();
    for (const a of await listAuthors(db)) {
      const record: AuthorRecord = { id: a.id, slug: a.slug, name: a.name, bio: a.bio, photo: a.photo_media_id, created_at: a.created_at, updated_at: a.updated_at };
      authors.set(a.id, { slug: a.slug, name: a.name });
      await authorList.write(record);
    }
    await finish('authors', authorList);
    const publicationList = list('publications');
    const publications = new Map<number, { name: string; url: string | null }>();
    for (const p of await listPublications(db)) {
      const record: PublicationRecord = { id: p.id, slug: p.slug, name: p.name, url: p.url, kind: p.kind, created_at: p.created_at, updated_at: p.updated_at };
      publications.set(p.id, { name: p.name, url: p.url });
      await publicationList.write(record);
    }
    await finish('publications', publicationList);

    // People, places and organisations across editions (decision 0032): every one, as tags of any edition may name them.
    const entityList = list('entities');
    for (const e of await listEntities(db)) {
      const record: EntityRecord = {
        id: e.id,
        type: e.type,
        slug: e.slug,
        name: e.name,
        aliases: e.aliases.split('\n').filter(Boolean),
        description: e.description,
        role: e.role,
        wikidata: e.wikidata,
        photo: e.photo_media_id,
        created_at: e.created_at,
        updated_at: e.updated_at,
      };
      await entityList.write(record);
    }
    await finish('entities', entityList);

    // Sections and tags, with their old slugs.
    const byEdition = new Map<string, Edition>(allEditions.map((e) => [e.code, e]));
    const sectionRedirects = groupBy(await listSectionRedirects(db), (r) => r.section_id);
    const sectionList = list('sections');
    const sectionSlugs = new Map<number, string>();
    for (const s of await listSections(db)) {
      sectionSlugs.set(s.id, s.slug);
      if (!inScope(s.edition)) continue;
      const record: SectionRecord = {
        id: s.id,
        edition: s.edition,
        slug: s.slug,
        name: s.name,
        description: s.description,
        position: s.position,
        redirects: (sectionRedirects.get(s.id) ?? []).map((r) => r.from_slug),
        created_at: s.created_at,
        updated_at: s.updated_at,
      };
      await sectionList.write(record);
    }
    await finish('sections', sectionList);
    const tagRedirects = groupBy(await listTagRedirects(db), (r) => r.tag_id);
    const tagList = list('tags');
    const tags = new Map<number, { type: TagRecord['type']; slug: string; name: string; uri: string }>();
    for await (const batch of tagsInBatches(db)) {
      for (const t of batch) {
        if (!inScope(t.edition)) continue;
        const edition = byEdition.get(t.edition);
        tags.set(t.id, { type: t.type, slug: t.slug, name: t.name, uri: `${siteUrl}${tagPath(edition ? editionPrefix(edition) : '', t.type, t.slug)}` });
        const record: TagRecord = { id: t.id, edition: t.edition, type: t.type, slug: t.slug, name: t.name, description: t.description, redirects: (tagRedirects.get(t.id) ?? []).map((r) => r.from_slug), entity: t.entity_id, created_at: t.created_at, updated_at: t.updated_at };
        await tagList.write(record);
      }
    }
    await finish('tags', tagList);

    // Webhooks, without their signing secrets.
    const webhookList = list('webhooks');
    for (const w of await listWebhooks(db)) {
      const record: WebhookRecord = { id: w.id, url: w.url, events: JSON.parse(w.events) as string[], description: w.description, created_by: w.created_by, created_at: w.created_at, disabled_at: w.disabled_at };
      await webhookList.write(record);
    }
    await finish('webhooks', webhookList);

    // Articles, one ninjs document a line, read in batches of 100 with their children.
    const articleList = list('articles');
    let articlesDone = 0;
    for await (const batch of articlesInBatches(db, 100, options.edition === undefined ? undefined : editionCodes)) {
      const children = await articleChildren(db, batch.map((a) => a.id));
      for (const row of batch) {
        const edition = byEdition.get(row.edition);
        const sources = children.sources(row.id).map((s) => ({ publication: s.publication_id, kind: s.kind, role: s.role, url: s.url, guid: s.guid }));
        const ext: Omit<DatelineExtension, 'attribution'> = {
          id: row.id,
          edition: row.edition,
          section: row.section_id,
          slug: row.slug,
          status: row.status,
          body: JSON.parse(row.body_doc) as unknown,
          dateline_place: row.dateline_place,
          lead_media: row.lead_media_id,
          translation_group: row.translation_group,
          is_top: row.is_top === 1,
          created_at: row.created_at,
          modified_at: row.modified_at,
          published_at: row.published_at,
          updated_at: row.updated_at,
          created_by: row.created_by,
          submitted_at: row.submitted_at,
          submitted_by: row.submitted_by,
          authors: children.authors(row.id).map((a) => a.author_id),
          tags: children.tags(row.id).map((t) => t.tag_id),
          sources,
          corrections: children.corrections(row.id).map((c) => ({ created_at: c.created_at, text: c.text })),
          revisions: children.revisions(row.id).map((r) => ({ created_at: r.created_at, author_name: r.author_name, user: r.user_id, note: r.note, snapshot: parseOrText(r.snapshot) })),
          redirects: children.redirects(row.id).map((r) => ({ from_path: r.from_path, created_at: r.created_at })),
          wire: children.wire(row.id).map((w) => ({ feed: w.feed, guid: w.guid, url: w.url, seen_version: w.seen_version, seen_status: w.seen_status, changed_at: w.changed_at })),
          ...liveRecord(children, row.id),
        };
        const cited = sources
          .filter((s) => s.role === 'citing')
          .map((s) => (s.publication !== null ? { name: publications.get(s.publication)?.name ?? '' } : { kind: s.kind ?? '' }));
        const sectionSlug = sectionSlugs.get(row.section_id) ?? '';
        const publicUrl = row.status === 'published' && row.published_at && edition ? `${siteUrl}${articlePath(edition, sectionSlug, row.published_at, row.slug)}` : null;
        const doc = toNinjs(row, ext, {
          siteUrl,
          locale: edition?.locale ?? row.edition,
          publicUrl,
          authors,
          tags,
          publications,
          media: mediaInfo,
          attribution: edition ? attributionSentence(edition.site_name, cited, translator(edition.locale)) : null,
        });
        await articleList.write(doc);
        progress('articles', ++articlesDone, articleTotal);
      }
    }
    await finish('articles', articleList);
    order.push(...mediaFiles);

    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_VERSION,
      datelineVersion: await datelineVersion(),
      exportedAt: now.toISOString(),
      siteUrl,
      editions: editionCodes,
      counts,
      files,
    };
    await fs.writeFile(path.join(staging, ARCHIVE_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    progress('archive', 0, 1);
    await writeTarGz(staging, order, temp, Math.floor(now.getTime() / 1000));
    await fs.rename(temp, options.out);
    progress('archive', 1, 1);
    const { size } = await fs.stat(options.out);
    return { file: options.out, bytes: size, counts, missingOriginals };
  } finally {
    await fs.rm(temp, { force: true });
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** A live article's coverage and entries, or nothing for an article that was never live. */
function liveRecord(children: ArticleChildren, articleId: number): { live?: LiveRecord } {
  const coverage = children.coverage(articleId);
  if (!coverage) return {};
  const entries = children.entries(articleId).map(
    (e): LiveEntryRecord => ({
      id: e.id,
      published_at: e.published_at,
      headline: e.headline,
      body: JSON.parse(e.body_doc) as unknown,
      key_event: e.key_event === 1,
      pinned: e.pinned === 1,
      breakout_article: e.breakout_article_id,
      authors: children.entryAuthors(e.id),
      created_by: e.created_by,
      created_at: e.created_at,
      updated_at: e.updated_at,
    }),
  );
  return { live: { started_at: coverage.started_at, ended_at: coverage.ended_at, entries } };
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/** A revision snapshot is JSON as stored; one that is not (never expected) is kept as its text. */
function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
