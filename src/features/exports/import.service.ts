import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import type { Db as Connection } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { extractTarGz, isSafeMemberName, type ExtractLimits } from '../../lib/tar.js';
import { bodyMedia, clauseWording, type SourceInput } from '../articles/article.service.js';
import type { BodyDocument } from '../articles/body.js';
import { renderBody } from '../articles/body.js';
import { writeImageFiles } from '../media/media.service.js';
import { indexArticle } from '../search/search-index.repository.js';
import { newWebhookSecret } from '../webhooks/webhook.js';
import { ARCHIVE_FILES, ARCHIVE_FORMAT, ARCHIVE_VERSION, LIST_NAMES, OPTIONAL_LISTS, type ListName, type Manifest } from './archive.js';
import {
  ArchiveInvalid,
  checkArticle,
  type CheckedLive,
  checkAuthor,
  checkEdition,
  checkMedia,
  checkPublication,
  checkSection,
  checkSetting,
  checkEntityRecord,
  checkTag,
  checkUser,
  checkWebhook,
  type CheckedArticle,
} from './archive-check.js';
import {
  advanceSequences,
  chooseId,
  findArticle,
  findAuthorBySlug,
  findEdition,
  findMediaByKey,
  findPublicationBySlug,
  findRedirectPath,
  findSection,
  findSectionRedirect,
  findSettingKey,
  findEntityBySlug,
  findTag,
  findTagRedirect,
  findUserByEmail,
  findWebhookByUrl,
  findWireItem,
  hasDefaultEdition,
  insertArticleChildren,
  insertLive,
  setEntryBreakout,
  insertEdition,
  insertReturningId,
  insertSectionRedirect,
  insertSetting,
  insertTagRedirect,
  linkTagToEntity,
  SERIAL_TABLES,
  setUserAuthor,
} from './import.repository.js';

type Db = Kysely<Database>;

export interface ImportOptions {
  dataDir: string;
  /** The archive (.tar.gz from `dateline export`). */
  file: string;
  limits?: Partial<ExtractLimits>;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface ImportResult {
  created: Record<'articles' | 'media' | 'entities' | 'sections' | 'tags' | 'authors' | 'publications' | 'users' | 'webhooks' | 'editions' | 'settings', number>;
  existing: { articles: number; other: number };
  warnings: string[];
}

/**
 * Generous for a newsroom's archive, small enough to stop a hostile one: an original image is at
 * most tens of MB, and the article list of a very large site a few GB.
 */
export const DEFAULT_LIMITS: ExtractLimits = { maxMemberBytes: 8 * 1024 ** 3, maxTotalBytes: 64 * 1024 ** 3, maxMembers: 2_000_000 };
const MANIFEST_MAX = 256 * 1024 ** 2;

/**
 * Unpacks and checks an archive in a fresh folder: the manifest must come first and name every
 * other member with its exact size (so a huge member is refused before a byte of it is written),
 * each member's SHA-256 must match, and every record must read as docs/export-format.md says.
 * Throws (TarError or ArchiveInvalid) before the database is touched.
 */
export async function openArchive(file: string, work: string, limits: ExtractLimits, onProgress?: ImportOptions['onProgress']): Promise<Manifest> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new ArchiveInvalid(`There is no archive at ${file}.`);
  let manifest: Manifest | undefined;
  const readManifest = async (): Promise<Manifest> => (manifest ??= parseManifest(await fs.readFile(path.join(work, ARCHIVE_FILES.manifest), 'utf8')));
  const names = await extractTarGz(file, work, limits, async (name, size, index) => {
    if (index === 0) {
      if (name !== ARCHIVE_FILES.manifest) throw new ArchiveInvalid(`This is not a Dateline archive: it does not start with ${ARCHIVE_FILES.manifest}.`);
      if (size > MANIFEST_MAX) throw new ArchiveInvalid('The manifest is too large to be a Dateline manifest.');
      return;
    }
    const listed = (await readManifest()).files[name];
    if (!listed) throw new ArchiveInvalid(`The archive holds ${name}, which its manifest does not list.`);
    if (listed.bytes !== size) throw new ArchiveInvalid(`The archive member ${name} is ${size} bytes; the manifest says ${listed.bytes}.`);
  });
  if (names.length === 0) throw new ArchiveInvalid('The archive is empty.');
  const checked = await readManifest();
  const present = new Set(names);
  const listed = Object.entries(checked.files);
  let done = 0;
  for (const [name, expected] of listed) {
    if (!present.has(name)) throw new ArchiveInvalid(`The archive lacks ${name}, which its manifest lists: it may be truncated.`);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path.join(work, name))) hash.update(chunk as Buffer);
    if (hash.digest('hex') !== expected.sha256) throw new ArchiveInvalid(`${name} does not match its checksum in the manifest: the archive is damaged.`);
    onProgress?.('check', ++done, listed.length);
  }
  return checked;
}

function parseManifest(text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ArchiveInvalid('The manifest is not JSON: this is not a Dateline archive, or it is damaged.');
  }
  const m = value as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || m.format !== ARCHIVE_FORMAT) throw new ArchiveInvalid(`The manifest does not name the format "${ARCHIVE_FORMAT}": this is not a Dateline archive.`);
  if (m.formatVersion !== ARCHIVE_VERSION) {
    throw new ArchiveInvalid(`The archive is in version ${String(m.formatVersion)} of the format; this Dateline reads version ${ARCHIVE_VERSION}. Use the Dateline version that wrote it (${String(m.datelineVersion)}) or a newer one.`);
  }
  if (!m.files || typeof m.files !== 'object') throw new ArchiveInvalid('The manifest lists no files.');
  for (const [name, entry] of Object.entries(m.files)) {
    if (!isSafeMemberName(name) || name === ARCHIVE_FILES.manifest) throw new ArchiveInvalid(`The manifest lists an unsafe name: ${JSON.stringify(name.slice(0, 120))}.`);
    if (!entry || typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256) || !Number.isSafeInteger(entry.bytes) || entry.bytes < 0) {
      throw new ArchiveInvalid(`The manifest's entry for ${name} has no valid checksum and size.`);
    }
  }
  for (const list of LIST_NAMES) if (!OPTIONAL_LISTS.includes(list) && !m.files[ARCHIVE_FILES[list]]) throw new ArchiveInvalid(`The manifest does not list ${ARCHIVE_FILES[list]}.`);
  return m as Manifest;
}

/** The records of one list, a line at a time, with the line number for messages. */
async function* lines(work: string, list: ListName): AsyncGenerator<{ value: unknown; where: string }> {
  const name = ARCHIVE_FILES[list];
  const rl = createInterface({ input: createReadStream(path.join(work, name), 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ArchiveInvalid(`${name} line ${n} is not JSON.`);
    }
    yield { value, where: `${name} line ${n}` };
  }
}

async function readList<T>(work: string, list: ListName, check: (value: unknown, where: string) => T): Promise<T[]> {
  const out: T[] = [];
  for await (const { value, where } of lines(work, list)) out.push(check(value, where));
  return out;
}

/** ids of the archive -> ids on this site, per kind. */
class IdMap {
  private readonly map = new Map<number, number>();
  constructor(private readonly what: string) {}
  set(from: number, to: number) {
    this.map.set(from, to);
  }
  get(from: number): number | undefined {
    return this.map.get(from);
  }
  need(from: number, where: string): number {
    const to = this.map.get(from);
    if (to === undefined) throw new ArchiveInvalid(`${where} refers to ${this.what} ${from}, which the archive does not hold.`);
    return to;
  }
  has(from: number) {
    return this.map.has(from);
  }
}

/**
 * Restores a Dateline archive into the site (docs/export-format.md): checks the whole archive
 * first, then writes what is not there yet, things before the articles that use them, and each
 * article with its children (and its search index entry) in one transaction. What exists is
 * matched by its natural key and kept as it is; ids are kept where free. Running it again after
 * a crash, or twice, completes the restore without making anything twice.
 */
export async function importArchive(connection: Connection, options: ImportOptions): Promise<ImportResult> {
  const db = connection.kysely;
  const progress = options.onProgress ?? (() => {});
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // Unpacked inside the data folder: the disk the images go to, rather than a possibly small /tmp.
  await fs.mkdir(options.dataDir, { recursive: true });
  await removeAbandoned(options.dataDir);
  const work = await fs.mkdtemp(path.join(options.dataDir, `.import-${process.pid}-`));
  const result: ImportResult = {
    created: { articles: 0, media: 0, entities: 0, sections: 0, tags: 0, authors: 0, publications: 0, users: 0, webhooks: 0, editions: 0, settings: 0 },
    existing: { articles: 0, other: 0 },
    warnings: [],
  };
  try {
    const manifest = await openArchive(options.file, work, limits, progress);

    // Every record read and checked, and every reference resolved within the archive, before any write.
    const editions = await readList(work, 'editions', checkEdition);
    const settings = await readList(work, 'settings', checkSetting);
    const users = await readList(work, 'users', checkUser);
    const media = await readList(work, 'media', checkMedia);
    const authors = await readList(work, 'authors', checkAuthor);
    const publications = await readList(work, 'publications', checkPublication);
    const sections = await readList(work, 'sections', checkSection);
    const tags = await readList(work, 'tags', checkTag);
    // People, places and organisations (decision 0032): an archive written before them has none.
    const entities = manifest.files[ARCHIVE_FILES.entities] ? await readList(work, 'entities', checkEntityRecord) : [];
    const webhooks = await readList(work, 'webhooks', checkWebhook);
    const editionCodes = new Set(editions.map((e) => e.code));
    const ids = (records: { id: number }[]) => new Set(records.map((r) => r.id));
    const known = { sections: ids(sections), tags: ids(tags), authors: ids(authors), publications: ids(publications), media: ids(media), users: ids(users) };
    const entityIdsInArchive = ids(entities);
    for (const e of entities) if (e.photo !== null && !known.media.has(e.photo)) throw new ArchiveInvalid(`entities.ndjson: ${e.slug} has the photo ${e.photo}, which the archive does not hold.`);
    for (const t of tags) if (t.entity != null && !entityIdsInArchive.has(t.entity)) throw new ArchiveInvalid(`tags.ndjson: ${t.edition}/${t.slug} names entity ${t.entity}, which the archive does not hold.`);
    for (const m of media) if (m.file && !manifest.files[m.file]) throw new ArchiveInvalid(`media.ndjson names ${m.file}, which the archive does not hold.`);
    for (const s of [...sections, ...tags]) {
      if (!editionCodes.has(s.edition) && !(await findEdition(db, s.edition))) throw new ArchiveInvalid(`A section or tag belongs to the edition "${s.edition}", which is neither in the archive nor on this site.`);
    }
    let articleCount = 0;
    for await (const { value, where } of lines(work, 'articles')) {
      const a = checkArticle(value, where);
      const refs: [Set<number>, number | null, string][] = [
        [known.sections, a.ext.section, 'section'],
        [known.media, a.ext.lead_media, 'image'],
        ...a.ext.authors.map((id): [Set<number>, number, string] => [known.authors, id, 'author']),
        ...a.ext.tags.map((id): [Set<number>, number, string] => [known.tags, id, 'tag']),
        ...a.ext.sources.map((s): [Set<number>, number | null, string] => [known.publications, s.publication, 'publication']),
        ...(a.ext.live?.entries ?? []).flatMap((e) => e.authors.map((id): [Set<number>, number, string] => [known.authors, id, 'author'])),
      ];
      for (const [set, id, what] of refs) if (id !== null && !set.has(id)) throw new ArchiveInvalid(`${where} refers to ${what} ${id}, which the archive does not hold.`);
      articleCount++;
    }
    if (articleCount !== manifest.counts.articles) throw new ArchiveInvalid(`articles.ndjson holds ${articleCount} articles; the manifest says ${manifest.counts.articles}.`);

    // A restore killed before its last step may have left PostgreSQL's sequences behind its rows.
    if (connection.dialect === 'postgres') await advanceSequences(db, SERIAL_TABLES);

    // Editions: a site keeps its own default edition.
    for (const e of editions) {
      if (await findEdition(db, e.code)) {
        result.existing.other++;
        continue;
      }
      const isDefault = e.is_default && !(await hasDefaultEdition(db));
      await insertEdition(db, { code: e.code, name: e.name, locale: e.locale, site_name: e.site_name, time_zone: e.time_zone, is_default: isDefault ? 1 : 0, position: e.position, footer_note: e.footer_note, sign_off: e.sign_off });
      result.created.editions++;
    }

    // Users first without their author (authors come after the images their photos are).
    const userIds = new IdMap('user');
    const userAuthors: { userId: number; author: number }[] = [];
    for (const u of users) {
      const found = await findUserByEmail(db, u.email);
      if (found) {
        userIds.set(u.id, found.id);
        result.existing.other++;
        continue;
      }
      // No password hash: an empty one matches no password (verifyPassword), so the account
      // cannot be used until an admin sets a password.
      const id = await insertReturningId(db, 'users', {
        ...withId(await chooseId(db, 'users', u.id)),
        email: u.email,
        name: u.name,
        role: u.role,
        password_hash: '',
        author_id: null,
        created_at: u.created_at,
        password_changed_at: u.password_changed_at,
        disabled_at: u.disabled_at,
      });
      userIds.set(u.id, id);
      if (u.author !== null) userAuthors.push({ userId: id, author: u.author });
      result.created.users++;
    }

    // Images: the original from the archive, renditions made again; files before the row.
    const mediaIds = new IdMap('image');
    let mediaDone = 0;
    for (const m of media) {
      const found = await findMediaByKey(db, m.storage_key);
      if (found) {
        mediaIds.set(m.id, found.id);
        result.existing.other++;
      } else {
        let files = { mime: m.mime, width: m.width, height: m.height, widths: [] as number[] };
        if (m.file) files = await writeImageFiles(options.dataDir, m.storage_key, await fs.readFile(path.join(work, m.file)));
        else result.warnings.push(`Image ${m.id} (${m.storage_key}) had no original in the archive: it is listed, and shows nowhere until it is uploaded again.`);
        const id = await insertReturningId(db, 'media', {
          ...withId(await chooseId(db, 'media', m.id)),
          storage_key: m.storage_key,
          mime: files.mime,
          width: files.width,
          height: files.height,
          rendition_widths: JSON.stringify(files.widths),
          alt: m.alt,
          caption: m.caption,
          credit: m.credit,
          created_at: m.created_at,
          created_by: m.created_by === null ? null : (userIds.get(m.created_by) ?? null),
        });
        mediaIds.set(m.id, id);
        result.created.media++;
      }
      progress('media', ++mediaDone, media.length);
    }

    const authorIds = new IdMap('author');
    for (const a of authors) {
      const found = await findAuthorBySlug(db, a.slug);
      if (found) {
        authorIds.set(a.id, found.id);
        result.existing.other++;
        continue;
      }
      const id = await insertReturningId(db, 'authors', { ...withId(await chooseId(db, 'authors', a.id)), slug: a.slug, name: a.name, bio: a.bio, photo_media_id: a.photo === null ? null : (mediaIds.get(a.photo) ?? null), created_at: a.created_at, updated_at: a.updated_at });
      authorIds.set(a.id, id);
      result.created.authors++;
    }
    for (const { userId, author } of userAuthors) {
      const id = authorIds.get(author);
      if (id !== undefined) await setUserAuthor(db, userId, id);
    }

    const publicationIds = new IdMap('publication');
    for (const p of publications) {
      const found = await findPublicationBySlug(db, p.slug);
      if (found) {
        publicationIds.set(p.id, found.id);
        result.existing.other++;
        continue;
      }
      const id = await insertReturningId(db, 'publications', { ...withId(await chooseId(db, 'publications', p.id)), slug: p.slug, name: p.name, url: p.url, kind: p.kind, created_at: p.created_at, updated_at: p.updated_at });
      publicationIds.set(p.id, id);
      result.created.publications++;
    }

    const sectionIds = new IdMap('section');
    for (const s of sections) {
      const found = await findSection(db, s.edition, s.slug);
      let id = found?.id;
      if (id === undefined) {
        id = await insertReturningId(db, 'sections', { ...withId(await chooseId(db, 'sections', s.id)), edition: s.edition, slug: s.slug, name: s.name, description: s.description, position: s.position, created_at: s.created_at, updated_at: s.updated_at });
        result.created.sections++;
      } else result.existing.other++;
      sectionIds.set(s.id, id);
      for (const from of s.redirects) if (!(await findSectionRedirect(db, s.edition, from))) await insertSectionRedirect(db, { edition: s.edition, from_slug: from, section_id: id });
    }

    // Entities before the tags that name them; one with the slug of one this site has is that one.
    const entityIds = new IdMap('entity');
    for (const e of entities) {
      const found = await findEntityBySlug(db, e.slug);
      let id = found?.id;
      if (id === undefined) {
        id = await insertReturningId(db, 'entities', {
          ...withId(await chooseId(db, 'entities', e.id)),
          type: e.type,
          slug: e.slug,
          name: e.name,
          aliases: e.aliases.join('\n'),
          description: e.description,
          role: e.role,
          wikidata: e.wikidata,
          photo_media_id: e.photo === null ? null : (mediaIds.get(e.photo) ?? null),
          created_at: e.created_at,
          updated_at: e.updated_at,
        });
        result.created.entities++;
      } else result.existing.other++;
      entityIds.set(e.id, id);
    }
    if (connection.dialect === 'postgres' && entities.length) await advanceSequences(db, ['entities']);

    const tagIds = new IdMap('tag');
    for (const t of tags) {
      const found = await findTag(db, t.edition, t.type, t.slug);
      let id = found?.id;
      const entity = t.entity == null ? null : (entityIds.get(t.entity) ?? null);
      if (id === undefined) {
        id = await insertReturningId(db, 'tags', { ...withId(await chooseId(db, 'tags', t.id)), edition: t.edition, type: t.type, slug: t.slug, name: t.name, description: t.description, created_at: t.created_at, updated_at: t.updated_at, entity_id: entity });
        result.created.tags++;
      } else {
        result.existing.other++;
        if (entity !== null) await linkTagToEntity(db, id, entity);
      }
      tagIds.set(t.id, id);
      for (const from of t.redirects) if (!(await findTagRedirect(db, t.edition, t.type, from))) await insertTagRedirect(db, { edition: t.edition, type: t.type, from_slug: from, tag_id: id });
    }

    // Webhooks get a new signing secret: the old one was not exported.
    for (const w of webhooks) {
      if (await findWebhookByUrl(db, w.url)) {
        result.existing.other++;
        continue;
      }
      await insertReturningId(db, 'webhooks', {
        ...withId(await chooseId(db, 'webhooks', w.id)),
        url: w.url,
        events: JSON.stringify(w.events),
        secret: newWebhookSecret(),
        description: w.description,
        created_by: w.created_by === null ? null : (userIds.get(w.created_by) ?? null),
        created_at: w.created_at,
        disabled_at: w.disabled_at,
      });
      result.created.webhooks++;
    }
    if (result.created.webhooks) result.warnings.push(`${result.created.webhooks} webhooks were restored with new signing secrets: give each receiver its new secret (Webhooks in the newsroom).`);

    // Settings the site does not have yet; an image id names the image as restored here.
    for (const s of settings) {
      if (await findSettingKey(db, s.key)) {
        result.existing.other++;
        continue;
      }
      let value = s.value;
      if (s.key.endsWith('media_id') && /^\d+$/.test(value)) value = String(mediaIds.get(Number(value)) ?? value);
      await insertSetting(db, s.key, value);
      result.created.settings++;
    }
    if (connection.dialect === 'postgres') await advanceSequences(db, SERIAL_TABLES);

    const maps = { users: userIds, media: mediaIds, authors: authorIds, publications: publicationIds, sections: sectionIds, tags: tagIds, entities: entityIds };
    let articlesDone = 0;
    // Live entries broken out into an article: linked once every article is restored.
    const articleIds = new Map<number, number>();
    const breakouts: { entryId: number; article: number }[] = [];
    for await (const { value, where } of lines(work, 'articles')) {
      const restored = await restoreArticle(db, checkArticle(value, where), maps, where);
      articleIds.set(restored.archiveId, restored.id);
      breakouts.push(...restored.breakouts);
      const created = restored.created;
      if (created) result.created.articles++;
      else result.existing.articles++;
      progress('articles', ++articlesDone, articleCount);
      if (connection.dialect === 'postgres' && created && result.created.articles % 100 === 0) await advanceSequences(db, SERIAL_TABLES);
    }
    for (const b of breakouts) {
      const article = articleIds.get(b.article);
      if (article !== undefined) await setEntryBreakout(db, b.entryId, article);
    }
    if (connection.dialect === 'postgres') await advanceSequences(db, SERIAL_TABLES);
    return result;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/**
 * The unpacked folders of imports that were killed (a `finally` does not run on SIGKILL): named
 * after their process, they are removed when that process is gone. A running import's is kept.
 */
async function removeAbandoned(dataDir: string): Promise<void> {
  for (const name of await fs.readdir(dataDir)) {
    const match = /^\.import-(\d+)-/.exec(name);
    if (!match || isRunning(Number(match[1]))) continue;
    await fs.rm(path.join(dataDir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const withId = (id: number | undefined): { id?: number } => (id === undefined ? {} : { id });

type Maps = Record<'users' | 'media' | 'authors' | 'publications' | 'sections' | 'tags' | 'entities', IdMap>;

/**
 * Body image blocks name images by id, and quotations their speakers (`speakerEntity`,
 * `<q data-speaker>`) by entity id: rewritten where one got another id here. A speaker the
 * archive does not hold is left as it was only when the site has no such entity either.
 */
function remapBody(body: BodyDocument, media: IdMap, entities: IdMap): BodyDocument {
  const speaker = (id: number) => entities.get(id) ?? id;
  const inline = (html: string) => html.replace(/<q data-speaker="(\d{1,10})">/g, (_m, id: string) => `<q data-speaker="${speaker(Number(id))}">`);
  return {
    ...body,
    blocks: body.blocks.map((b) => {
      if (b.type === 'image') return { ...b, mediaId: media.get(b.mediaId) ?? b.mediaId };
      if (b.type === 'quote' && b.speakerEntity !== undefined) return { ...b, speakerEntity: speaker(b.speakerEntity) };
      if (b.type === 'paragraph') return { ...b, html: inline(b.html), ...(b.attribution ? { attribution: { after: inline(b.attribution.after) } } : {}) };
      if (b.type === 'list') return { ...b, items: b.items.map(inline) };
      return b;
    }),
  };
}

interface RestoredArticle {
  /** False when the site already had it (same edition and slug). */
  created: boolean;
  archiveId: number;
  /** Its id on this site. */
  id: number;
  /** Its live entries broken out into articles: this site's entry id, the archive's article id. */
  breakouts: { entryId: number; article: number }[];
}

/** One article and its children (live coverage and entries included) in one transaction. */
async function restoreArticle(db: Db, a: CheckedArticle, maps: Maps, where: string): Promise<RestoredArticle> {
  const e = a.ext;
  return db.transaction().execute(async (trx) => {
    const existing = await findArticle(trx, e.edition, e.slug);
    if (existing) return { created: false, archiveId: e.id, id: existing.id, breakouts: [] };
    const body = remapBody(a.body, maps.media, maps.entities);
    const sources: SourceInput[] = e.sources.map((s) =>
      s.publication === null ? { kind: s.kind ?? '' } : { publicationId: maps.publications.need(s.publication, where), role: s.role, url: s.url },
    );
    const bodyHtml = renderBody(body, await bodyMedia(trx, body), await clauseWording(trx, { edition: e.edition, body, sources }));
    const user = (id: number | null) => (id === null ? null : (maps.users.get(id) ?? null));
    const id = await insertReturningId(trx, 'articles', {
      ...withId(await chooseId(trx, 'articles', e.id)),
      edition: e.edition,
      section_id: maps.sections.need(e.section, where),
      slug: e.slug,
      status: e.status,
      headline: a.headline,
      standfirst: a.standfirst,
      body_doc: JSON.stringify(body),
      body_html: bodyHtml,
      dateline_place: e.dateline_place,
      seo_title: a.seoTitle,
      seo_description: a.seoDescription,
      lead_media_id: e.lead_media === null ? null : maps.media.need(e.lead_media, where),
      translation_group: e.translation_group,
      is_top: e.is_top ? 1 : 0,
      created_at: e.created_at,
      modified_at: e.modified_at,
      published_at: e.published_at,
      updated_at: e.updated_at,
      created_by: user(e.created_by),
      submitted_at: e.submitted_at,
      submitted_by: user(e.submitted_by),
      locked_by: null,
      locked_at: null,
      preview_token: null,
    });
    const redirects = [];
    for (const r of e.redirects) if (!(await findRedirectPath(trx, r.from_path))) redirects.push({ edition: e.edition, from_path: r.from_path, article_id: id, created_at: r.created_at });
    const wire = [];
    for (const [position, w] of e.wire.entries()) {
      const item = await findWireItem(trx, w.feed, w.guid);
      if (item) wire.push({ article_id: id, item_id: item.id, seen_version: w.seen_version, seen_status: w.seen_status, changed_at: w.changed_at, position });
    }
    await insertArticleChildren(trx, {
      authors: e.authors.map((author, position) => ({ article_id: id, author_id: maps.authors.need(author, where), position })),
      tags: [...new Set(e.tags.map((tag) => maps.tags.need(tag, where)))].map((tag_id) => ({ article_id: id, tag_id })),
      sources: e.sources.map((s, position) => ({ article_id: id, publication_id: s.publication === null ? null : maps.publications.need(s.publication, where), kind: s.kind, role: s.role, url: s.url, guid: s.guid, position })),
      corrections: e.corrections.map((c) => ({ article_id: id, created_at: c.created_at, text: c.text })),
      revisions: e.revisions.map((r) => ({ article_id: id, created_at: r.created_at, author_name: r.author_name, snapshot: r.snapshot, user_id: user(r.user), note: r.note })),
      redirects,
      wire,
    });
    const breakouts = e.live ? await restoreLive(trx, id, e.live, maps, where) : [];
    await indexArticle(trx, id);
    return { created: true, archiveId: e.id, id, breakouts };
  });
}

/** A live article's coverage and entries; each entry's HTML rendered here, as the live desk renders it. */
async function restoreLive(trx: Db, articleId: number, live: CheckedLive, maps: Maps, where: string): Promise<RestoredArticle['breakouts']> {
  const user = (id: number | null) => (id === null ? null : (maps.users.get(id) ?? null));
  const entries = [];
  for (const entry of live.entries) {
    const body = remapBody(entry.body, maps.media, maps.entities);
    entries.push({
      row: {
        ...withId(await chooseId(trx, 'live_entries', entry.id)),
        article_id: articleId,
        published_at: entry.published_at,
        headline: entry.headline,
        body_doc: JSON.stringify(body),
        body_html: renderBody(body, await bodyMedia(trx, body)),
        key_event: entry.key_event ? 1 : 0,
        pinned: entry.pinned ? 1 : 0,
        breakout_article_id: null,
        created_by: user(entry.created_by),
        created_at: entry.created_at,
        updated_at: entry.updated_at,
      },
      authors: entry.authors.map((author) => maps.authors.need(author, where)),
    });
  }
  const ids = await insertLive(trx, { article_id: articleId, started_at: live.started_at, ended_at: live.ended_at }, entries);
  return live.entries.flatMap((entry, i) => (entry.breakout_article === null ? [] : [{ entryId: ids[i] as number, article: entry.breakout_article }]));
}
