import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ArticleStatus, Database, Edition } from '../../db/schema.js';
import { AppError, FieldErrors } from '../../lib/errors.js';
import { isSlug, slugify } from '../../lib/slug.js';
import { articlePath } from '../../web/addresses.js';
import { parseBodyHtml } from '../articles/body-html.js';
import { normalizeOldPath } from '../articles/old-address.js';
import type { BodyDocument } from '../articles/body.js';
import { createArticle, type SourceInput } from '../articles/article.service.js';
import { trimAtWord } from '../articles/summary.js';
import { listEditions } from '../editions/edition.repository.js';
import { META_LIMITS } from '../media/media.rules.js';
import { storeImage } from '../media/media.service.js';
import type { FetchLimits } from '../wires/feeds/wire-fetch.js';
import { findBodyImages, replaceBodyImages } from './import-body.js';
import { loadImage } from './import-images.js';
import { ImportFileError, type ImportArticle, type ImportAuthor, type ImportImage, type ImportReader, type ImportRecord, type ImportSection, type ImportTag } from './import-record.js';
import { emptyTotals, failedCount, inMemory, type ImportReport, type OldAddress, type ReportEntries, type ReportItem } from './import-report.js';
import * as repo from './import.repository.js';

export type { ImportReport } from './import-report.js';
export { formatReport, reportLines, ReportSpill, writeReportJson, failedCount } from './import-report.js';

type Db = Kysely<Database>;

/** How far an import has come, for a progress bar or a job's page. */
export interface ImportProgress {
  /** Bytes of the file read so far and its size (0 when the reader does not say). */
  bytesRead: number;
  bytesTotal: number;
  /** Records handled so far. */
  items: number;
}

export interface ImportOptions {
  /** DATA_DIR: where library images are stored. */
  dataDir: string;
  /** The edition articles go to (the default edition when absent); translations may go to others. */
  edition?: string | undefined;
  /** Source category slug → our section slug in the edition (each must exist). */
  sectionMap?: Readonly<Record<string, string>> | undefined;
  /** A copy of the old site's uploads, read instead of fetching (`--uploads DIR`). */
  uploadsDir?: string | undefined;
  /** Read and decide everything, write nothing, fetch no image. */
  dryRun?: boolean | undefined;
  /** Images may be fetched from private and loopback addresses. */
  allowPrivate?: boolean | undefined;
  clock?: (() => Date) | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** Image fetching limits (tests shorten the timeouts). */
  fetchLimits?: Partial<FetchLimits> | undefined;
  /**
   * Where the report's items and old addresses go: a `ReportSpill` on disk keeps memory flat for
   * archives of any size (the CLI's); absent, they stay in the report's arrays.
   */
  entries?: ReportEntries | undefined;
}

/** A modified time this much after publication is an update worth showing ("Updated …"). */
const UPDATE_THRESHOLD_MS = 10 * 60 * 1000;
/** Longest old path kept as a redirect (reader paths stop at 1,024 characters). */
const MAX_OLD_PATH = 2_000;
const ARTICLE_LIMITS = { headline: 300, standfirst: 1_000, place: 100, seoTitle: 120, seoDescription: 300, authors: 10, tags: 50, sources: 20 };

/**
 * Imports everything a reader yields into the site, idempotently (decision 0016): each record's
 * key is recorded with what it became in the same transaction as the row, so a second run, or a
 * run after a crash, skips what is there and finishes the rest. An article is written with its
 * bylines, tags, sources, redirects from its old addresses and its import record in one
 * transaction. Never throws for a bad record or a bad file: both are in the report. Throws an
 * AppError before reading anything when the options are wrong (an unknown edition, a section
 * map naming a section the edition lacks).
 */
export async function runImport(db: Db, reader: ImportReader, options: ImportOptions): Promise<ImportReport> {
  const run = await ImportRun.start(db, reader, options);
  return run.execute();
}

interface SectionInfo {
  slug: string;
  name: string;
  description: string;
  /** Our section's slug when the section map names one. */
  mappedTo?: string;
}

interface TagInfo {
  slug: string;
  name: string;
  description: string;
}

interface Placed {
  id: number;
  slug: string;
}

class ImportRun {
  private readonly origin: string;
  private readonly now: () => Date;
  private readonly dry: boolean;
  private readonly report: ImportReport;
  private readonly entries: ReportEntries;
  private readonly sections = new Map<string, SectionInfo>();
  private readonly tags = new Map<string, TagInfo>();
  /** `${edition}\n${key}` → section or tag placed in that edition. */
  private readonly sectionIds = new Map<string, Placed>();
  private readonly tagIds = new Map<string, number>();
  private readonly authorIds = new Map<string, number>();
  private readonly images = new Map<string, number | null>();
  private readonly publications = new Map<string, number>();
  /** Slugs a dry run has handed out (nothing is written, so the database cannot say). */
  private readonly plannedSlugs = new Set<string>();
  /** Images a dry run would fetch (the report's list, without repeats). */
  private readonly listed = new Set<string>();
  private fakeId = 0;
  private items = 0;
  private bytes = { done: 0, total: 0 };

  private constructor(
    private readonly db: Db,
    private readonly reader: ImportReader,
    private readonly options: ImportOptions,
    private readonly editions: Edition[],
    private readonly edition: Edition,
  ) {
    this.origin = `${reader.format}:${reader.origin()}`;
    this.now = options.clock ?? (() => new Date());
    this.dry = options.dryRun === true;
    const started = this.now().toISOString();
    this.report = {
      format: reader.format,
      origin: reader.origin(),
      edition: edition.code,
      dryRun: this.dry,
      startedAt: started,
      finishedAt: started,
      totals: emptyTotals(),
      items: [],
      images: { stored: 0, reused: 0, failed: 0, listed: [] },
      oldAddresses: [],
      fileError: null,
      ok: true,
    };
    this.entries = options.entries ?? inMemory(this.report);
  }

  static async start(db: Db, reader: ImportReader, options: ImportOptions): Promise<ImportRun> {
    const editions = await listEditions(db);
    const edition = options.edition ? editions.find((e) => e.code === options.edition) : (editions.find((e) => e.is_default === 1) ?? editions[0]);
    if (!edition) {
      throw new AppError(400, 'unknown_edition', options.edition ? `There is no edition "${options.edition}"; the editions are ${editions.map((e) => e.code).join(', ') || 'none'}.` : 'The site has no edition yet.');
    }
    for (const [from, to] of Object.entries(options.sectionMap ?? {})) {
      if (!(await repo.findSectionBySlug(db, edition.code, to))) {
        throw new AppError(400, 'unknown_section', `The section map sends "${from}" to "${to}", but edition ${edition.code} has no section "${to}".`);
      }
    }
    return new ImportRun(db, reader, options, editions, edition);
  }

  async execute(): Promise<ImportReport> {
    try {
      for await (const record of this.reader.records({ onProgress: (done, total) => this.progress(done, total) })) {
        await this.handle(record);
        this.items++;
        this.progress(this.bytes.done, this.bytes.total);
      }
    } catch (error) {
      // The reader could not go on (ImportFileError: a truncated file, an XML bomb...; anything
      // else: the file could not be read at all). What came before stays imported.
      const message = error instanceof Error ? error.message : String(error);
      this.report.fileError = error instanceof ImportFileError && error.where ? `${message} (${error.where})` : message;
    }
    this.report.finishedAt = this.now().toISOString();
    this.report.ok = this.report.fileError === null && failedCount(this.report) === 0;
    return this.report;
  }

  /** One record; a failure is the record's (in the report), never the whole import's. */
  private async handle(record: ImportRecord): Promise<void> {
    try {
      switch (record.kind) {
        case 'author':
          return await this.author(record);
        case 'section':
          return await this.section(record);
        case 'tag':
          return await this.tag(record);
        case 'article':
          return await this.article(record);
        case 'skipped':
          return this.add({ kind: 'skipped', key: record.key, title: record.what, outcome: 'skipped', reason: record.reason, warnings: [] });
      }
    } catch (error) {
      const title = record.kind === 'author' || record.kind === 'section' || record.kind === 'tag' ? record.name : record.kind === 'article' ? record.headline : record.what;
      this.add({ kind: record.kind === 'skipped' ? 'skipped' : record.kind, key: record.key, title, outcome: 'failed', reason: reasonOf(error), warnings: [] });
    }
  }

  private progress(done: number, total: number): void {
    this.bytes = { done, total };
    this.options.onProgress?.({ bytesRead: done, bytesTotal: total, items: this.items });
  }

  private add(item: ReportItem): void {
    this.entries.item(item);
    this.report.totals[item.kind][item.outcome]++;
  }

  /** Writes in a transaction, or (dry run) hands out a stand-in id. */
  private async write(fn: (trx: Db) => Promise<number>): Promise<number> {
    if (this.dry) return --this.fakeId;
    return this.db.transaction().execute(fn);
  }

  // --- Authors, sections, tags -----------------------------------------------------------------

  private async author(record: ImportAuthor): Promise<void> {
    const title = record.name.trim() || record.key;
    const known = await repo.findImported(this.db, this.origin, 'author', record.key);
    if (known !== undefined) {
      this.authorIds.set(record.key, known);
      return this.add({ kind: 'author', key: record.key, title, outcome: 'already', id: known, warnings: [] });
    }
    const warnings: string[] = [];
    const name = trimAtWord(title.replace(/\s+/g, ' '), 120);
    const wanted = slugify(record.slug ?? '') || slugify(name) || 'author';
    const slug = await this.freeSlug(wanted, (s) => repo.authorSlugTaken(this.db, s), 'author');
    if (slug !== wanted) warnings.push(`The slug "${wanted}" belongs to another author; this one is "${slug}".`);
    const id = await this.write(async (trx) => {
      const id = await repo.insertAuthor(trx, { slug, name, bio: (record.bio ?? '').trim().slice(0, 2_000) }, this.now());
      await repo.recordImported(trx, this.origin, 'author', record.key, id, this.now());
      return id;
    });
    this.authorIds.set(record.key, id);
    this.add({ kind: 'author', key: record.key, title, outcome: 'created', ...(this.dry ? {} : { id }), warnings });
  }

  private async section(record: ImportSection): Promise<void> {
    const info: SectionInfo = { slug: record.slug, name: record.name.trim() || record.slug, description: (record.description ?? '').trim() };
    const mapped = this.options.sectionMap?.[record.slug];
    if (mapped) info.mappedTo = mapped;
    this.sections.set(record.key, info);
    const placed = await this.placeSection(this.edition.code, record.key, info);
    const outcome = placed.outcome;
    this.add({ kind: 'section', key: record.key, title: info.name, outcome, ...(mapped ? { reason: `mapped to section "${mapped}"` } : {}), ...(this.dry ? {} : { id: placed.id }), warnings: [] });
  }

  /** The section a source category becomes in an edition: mapped, already imported, one with its slug, or a new one. */
  private async placeSection(edition: string, key: string, info: SectionInfo): Promise<Placed & { outcome: 'created' | 'existing' | 'already' }> {
    const mapKey = `${edition}\n${key}`;
    const cached = this.sectionIds.get(mapKey);
    if (cached) return { ...cached, outcome: 'already' };
    const recordKey = edition === this.edition.code ? key : `${key}@${edition}`;
    const remember = (placed: Placed) => {
      this.sectionIds.set(mapKey, placed);
      return placed;
    };
    if (info.mappedTo) {
      const ours = await repo.findSectionBySlug(this.db, edition, info.mappedTo);
      if (ours) return { ...remember(ours), outcome: 'existing' };
    }
    const known = await repo.findImported(this.db, this.origin, 'section', recordKey);
    const knownRow = known === undefined ? undefined : await repo.findSectionById(this.db, known);
    if (knownRow) return { ...remember(knownRow), outcome: 'already' };
    const slug = slugify(info.slug) || slugify(info.name) || 'section';
    const same = await repo.findSectionBySlug(this.db, edition, slug);
    if (same) return { ...remember(same), outcome: 'existing' };
    const id = await this.write(async (trx) => {
      const id = await repo.insertSection(trx, { edition, slug, name: trimAtWord(info.name, 80), description: trimAtWord(info.description, 500) }, this.now());
      await repo.recordImported(trx, this.origin, 'section', recordKey, id, this.now());
      return id;
    });
    return { ...remember({ id, slug }), outcome: 'created' };
  }

  private async tag(record: ImportTag): Promise<void> {
    const info: TagInfo = { slug: record.slug, name: record.name.trim().replace(/\s+/g, ' ') || record.slug, description: (record.description ?? '').trim() };
    this.tags.set(record.key, info);
    const placed = await this.placeTag(this.edition.code, record.key, info);
    if (placed === undefined) return this.add({ kind: 'tag', key: record.key, title: info.name, outcome: 'skipped', reason: 'no letter or digit to make an address of', warnings: [] });
    this.add({ kind: 'tag', key: record.key, title: info.name, outcome: placed.outcome, ...(this.dry ? {} : { id: placed.id }), warnings: [] });
  }

  private async placeTag(edition: string, key: string, info: TagInfo): Promise<{ id: number; outcome: 'created' | 'existing' | 'already' } | undefined> {
    const mapKey = `${edition}\n${key}`;
    const cached = this.tagIds.get(mapKey);
    if (cached !== undefined) return { id: cached, outcome: 'already' };
    const recordKey = edition === this.edition.code ? key : `${key}@${edition}`;
    const known = await repo.findImported(this.db, this.origin, 'tag', recordKey);
    if (known !== undefined && (await repo.findTagById(this.db, known))) {
      this.tagIds.set(mapKey, known);
      return { id: known, outcome: 'already' };
    }
    // A tag's address is made from its name, as the newsroom makes it (article.service.ts).
    const slug = slugify(info.name) || slugify(info.slug);
    if (!slug) return undefined;
    const same = await repo.findTagBySlug(this.db, edition, 'topic', slug);
    if (same) {
      this.tagIds.set(mapKey, same.id);
      return { id: same.id, outcome: 'existing' };
    }
    const id = await this.write(async (trx) => {
      const id = await repo.insertTag(trx, { edition, type: 'topic', slug, name: trimAtWord(info.name, 100), description: trimAtWord(info.description, 1_000) }, this.now());
      await repo.recordImported(trx, this.origin, 'tag', recordKey, id, this.now());
      return id;
    });
    this.tagIds.set(mapKey, id);
    return { id, outcome: 'created' };
  }

  // --- Articles ----------------------------------------------------------------------------------

  private async article(record: ImportArticle): Promise<void> {
    const title = record.headline.trim() || record.key;
    const item: ReportItem = { kind: 'article', key: record.key, title, outcome: 'created', warnings: [...record.warnings] };
    try {
      const known = await repo.findImported(this.db, this.origin, 'article', record.key);
      const existing = known === undefined ? undefined : await repo.importedArticle(this.db, known);
      if (existing) {
        const ed = this.editions.find((e) => e.code === existing.edition) ?? this.edition;
        const to = existing.status === 'published' && existing.published_at ? articlePath(ed, existing.section_slug, existing.published_at, existing.slug) : null;
        for (const path of await repo.redirectsTo(this.db, existing.id)) this.entries.oldAddress({ from: path, path, to, key: record.key });
        return this.add({ ...item, outcome: 'already', id: existing.id, edition: existing.edition, url: to, warnings: [] });
      }
      await this.createArticle(record, item);
    } catch (error) {
      item.outcome = 'failed';
      item.reason = reasonOf(error);
    }
    this.add(item);
  }

  private async createArticle(record: ImportArticle, item: ReportItem): Promise<void> {
    const warnings = item.warnings;
    const { edition, translationGroup } = this.editionOf(record, warnings);
    item.edition = edition.code;
    const section = await this.sectionOf(record, edition.code, warnings);
    const dates = this.datesOf(record, warnings);
    const authorIds = this.authorsOf(record, warnings);
    const tagIds = await this.tagsOf(record, edition.code, warnings);
    const sources = await this.sourcesOf(record, warnings);
    const leadMediaId = record.featuredImage ? await this.imageId(record.featuredImage, warnings) : undefined;
    const body = await this.bodyOf(record, warnings);
    const headline = limited(record.headline.trim().replace(/\s+/g, ' '), ARTICLE_LIMITS.headline, 'headline', warnings);
    const wantedSlug = articleSlug(record, headline);
    const slug = await this.freeSlug(wantedSlug, (s) => repo.articleSlugTaken(this.db, edition.code, s), `${edition.code}:article`);
    if (slug !== wantedSlug) warnings.push(`The slug "${wantedSlug}" is taken in edition ${edition.code}; this article is "${slug}".`);
    const to = dates.status === 'published' && dates.publishedAt ? articlePath(edition, section.slug, dates.publishedAt.toISOString(), slug) : null;
    item.url = to;
    const oldPaths = this.oldPathsOf(record, to, warnings);

    if (this.dry) {
      for (const [from, path] of oldPaths) this.entries.oldAddress({ from, path, to, key: record.key });
      return;
    }
    const now = this.now();
    const redirected: OldAddress[] = [];
    item.id = await createArticle(this.db, {
      edition: edition.code,
      sectionId: section.id,
      slug,
      headline,
      standfirst: limited((record.standfirst ?? '').trim(), ARTICLE_LIMITS.standfirst, 'standfirst', warnings),
      body,
      datelinePlace: record.datelinePlace ? limited(record.datelinePlace.trim(), ARTICLE_LIMITS.place, 'dateline place', warnings) : null,
      seoTitle: record.seoTitle ? limited(record.seoTitle.trim(), ARTICLE_LIMITS.seoTitle, 'SEO title', warnings) : null,
      seoDescription: record.seoDescription ? limited(record.seoDescription.trim(), ARTICLE_LIMITS.seoDescription, 'SEO description', warnings) : null,
      leadMediaId: leadMediaId ?? null,
      translationGroup,
      authorIds,
      tags: [],
      sources,
      status: dates.status,
      publishedAt: dates.publishedAt,
      updatedAt: dates.updatedAt,
      savedBy: `Import (${this.reader.format})`,
      now,
      within: async (trx, id) => {
        await repo.insertArticleTags(trx, id, tagIds);
        await repo.setArticleTimes(trx, id, { createdAt: dates.createdAt.toISOString(), modifiedAt: dates.modifiedAt.toISOString() });
        for (const [from, path] of oldPaths) {
          const owner = await repo.redirectOwner(trx, path);
          if (owner !== undefined) {
            warnings.push(`The old address ${path} already leads to article ${owner}; left as it is.`);
            continue;
          }
          await repo.insertRedirect(trx, { edition: edition.code, fromPath: path, articleId: id, at: now });
          redirected.push({ from, path, to, key: record.key });
        }
        await repo.recordImported(trx, this.origin, 'article', record.key, id, now);
      },
    });
    for (const address of redirected) this.entries.oldAddress(address);
  }

  /** The record's edition: the one in its language when it is a translation and that edition exists. */
  private editionOf(record: ImportArticle, warnings: string[]): { edition: Edition; translationGroup: string | null } {
    if (!record.translationKey) return { edition: this.edition, translationGroup: null };
    const language = record.language?.trim().toLowerCase();
    const match = language ? (this.editions.find((e) => e.code.toLowerCase() === language || e.locale.toLowerCase() === language) ?? this.editions.find((e) => primary(e.locale) === primary(language) || primary(e.code) === primary(language))) : undefined;
    if (!match) {
      warnings.push(`A translation${language ? ` in "${language}"` : ''}, but the site has no edition in that language; imported into ${this.edition.code} without linking it.`);
      return { edition: this.edition, translationGroup: null };
    }
    const group = `import-${createHash('sha256').update(`${this.origin}\n${record.translationKey}`).digest('hex').slice(0, 20)}`;
    return { edition: match, translationGroup: group };
  }

  private async sectionOf(record: ImportArticle, edition: string, warnings: string[]): Promise<Placed> {
    for (const key of record.sectionKeys) {
      let info = this.sections.get(key);
      if (!info && edition === this.edition.code) {
        const known = await repo.findImported(this.db, this.origin, 'section', key);
        const row = known === undefined ? undefined : await repo.findSectionById(this.db, known);
        if (row) return row;
      }
      if (!info) {
        warnings.push(`The category ${key} is not in the file.`);
        continue;
      }
      if (edition !== this.edition.code && !info.mappedTo) info = { ...info, mappedTo: this.options.sectionMap?.[info.slug] ?? info.slug };
      return this.placeSection(edition, key, info);
    }
    const fallback = (await repo.firstSection(this.db, edition)) ?? (await this.placeSection(edition, '(default)', { slug: 'news', name: 'News', description: '' }));
    warnings.push(`${record.sectionKeys.length ? 'No category of this article maps to a section' : 'The article has no category'}; it goes to the section "${fallback.slug}".`);
    return fallback;
  }

  private datesOf(record: ImportArticle, warnings: string[]) {
    const now = this.now();
    const date = (value: string | undefined, what: string): Date | undefined => {
      if (!value) return undefined;
      const d = new Date(value);
      if (Number.isNaN(d.getTime())) {
        warnings.push(`The ${what} date "${value}" is not a date; left out.`);
        return undefined;
      }
      return d;
    };
    const published = date(record.publishedAt, 'publication');
    const modified = date(record.modifiedAt, 'modification');
    const created = date(record.createdAt, 'creation');
    let status: ArticleStatus = record.status;
    let publishedAt: Date | null = published ?? null;
    if ((status === 'published' || status === 'scheduled') && !publishedAt) {
      publishedAt = status === 'published' ? (created ?? modified ?? null) : null;
      if (!publishedAt) {
        warnings.push(`A ${status} article without a publication date; imported as a draft.`);
        status = 'draft';
      } else {
        warnings.push('No publication date; the creation date is used.');
      }
    }
    if (status === 'draft') publishedAt = null;
    const updatedAt = status === 'published' && publishedAt && modified && +modified - +publishedAt > UPDATE_THRESHOLD_MS ? modified : null;
    const createdAt = created ?? publishedAt ?? modified ?? now;
    const modifiedAt = [modified, publishedAt, created].filter((d): d is Date => !!d).sort((a, b) => +b - +a)[0] ?? now;
    return { status, publishedAt, updatedAt, createdAt, modifiedAt };
  }

  private authorsOf(record: ImportArticle, warnings: string[]): number[] {
    const ids: number[] = [];
    for (const key of record.authorKeys) {
      const id = this.authorIds.get(key);
      if (id === undefined) warnings.push(`The author ${key} is not in the file; no byline for them.`);
      else if (!ids.includes(id)) ids.push(id);
    }
    if (ids.length > ARTICLE_LIMITS.authors) warnings.push(`${ids.length} authors; the first ${ARTICLE_LIMITS.authors} are kept.`);
    return this.dry ? [] : ids.slice(0, ARTICLE_LIMITS.authors);
  }

  private async tagsOf(record: ImportArticle, edition: string, warnings: string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const key of record.tagKeys) {
      const info = this.tags.get(key);
      if (!info) {
        const known = edition === this.edition.code ? await repo.findImported(this.db, this.origin, 'tag', key) : undefined;
        if (known !== undefined) ids.push(known);
        else warnings.push(`The tag ${key} is not in the file.`);
        continue;
      }
      const placed = await this.placeTag(edition, key, info);
      if (placed) ids.push(placed.id);
    }
    const unique = [...new Set(ids)];
    if (unique.length > ARTICLE_LIMITS.tags) warnings.push(`${unique.length} tags; the first ${ARTICLE_LIMITS.tags} are kept.`);
    return unique.slice(0, ARTICLE_LIMITS.tags);
  }

  /** Publications the story cites (ninjs infosource), matched by name, else added to the list of publications. */
  private async sourcesOf(record: ImportArticle, warnings: string[]): Promise<SourceInput[]> {
    const ids: number[] = [];
    for (const raw of record.sourceNames ?? []) {
      const name = raw.trim().replace(/\s+/g, ' ').slice(0, 120);
      const slug = slugify(name);
      if (!slug) continue;
      let id = this.publications.get(slug) ?? (await repo.findImported(this.db, this.origin, 'publication', slug)) ?? (await repo.findPublicationByName(this.db, name, slug));
      id ??= await this.write(async (trx) => {
        const id = await repo.insertPublication(trx, { slug, name }, this.now());
        await repo.recordImported(trx, this.origin, 'publication', slug, id, this.now());
        return id;
      });
      this.publications.set(slug, id);
      if (!ids.includes(id)) ids.push(id);
    }
    if (ids.length > ARTICLE_LIMITS.sources) warnings.push(`${ids.length} sources; the first ${ARTICLE_LIMITS.sources} are kept.`);
    return this.dry ? [] : ids.slice(0, ARTICLE_LIMITS.sources).map((publicationId) => ({ publicationId }));
  }

  /** The body with its images stored and made library image blocks, as the editor's document. */
  private async bodyOf(record: ImportArticle, warnings: string[]): Promise<BodyDocument> {
    const images = findBodyImages(record.bodyHtml);
    const ids = new Map<string, number | undefined>();
    for (const image of images) {
      if (!ids.has(image.src)) ids.set(image.src, await this.imageId({ url: image.src, alt: image.alt, caption: image.caption }, warnings));
    }
    const html = replaceBodyImages(record.bodyHtml, images, (image) => ids.get(image.src));
    return parseBodyHtml(html);
  }

  /** A library image for an image URL: stored once per URL across the import and its re-runs. */
  private async imageId(image: ImportImage, warnings: string[]): Promise<number | undefined> {
    const url = this.absolute(image.url);
    if (!url) {
      warnings.push(`The image "${image.url}" has no usable address; left out.`);
      return undefined;
    }
    if (this.images.has(url)) {
      const id = this.images.get(url);
      if (id === null) warnings.push(`The image ${url} could not be stored (see above); left out.`);
      else this.report.images.reused++;
      return id ?? undefined;
    }
    const known = await repo.findImported(this.db, this.origin, 'image', url);
    if (known !== undefined && (await repo.mediaExists(this.db, known))) {
      this.images.set(url, known);
      this.report.images.reused++;
      return known;
    }
    if (this.dry) {
      if (!this.listed.has(url)) this.report.images.listed.push(url);
      this.listed.add(url);
      return undefined;
    }
    const loaded = await loadImage(url, { uploadsDir: this.options.uploadsDir, allowPrivate: this.options.allowPrivate === true, limits: this.options.fetchLimits });
    let id: number | null = null;
    if (!loaded.ok) {
      warnings.push(`The image ${url} could not be fetched: ${loaded.message} The article is imported without it.`);
    } else {
      try {
        const meta = { alt: (image.alt ?? '').slice(0, META_LIMITS.alt), caption: (image.caption ?? '').slice(0, META_LIMITS.caption), credit: (image.credit ?? '').slice(0, META_LIMITS.credit) };
        id = await this.db.transaction().execute(async (trx) => {
          const media = await storeImage(trx, this.options.dataDir, loaded.bytes, meta, this.now());
          await repo.recordImported(trx, this.origin, 'image', url, media.id, this.now());
          return media.id;
        });
        this.report.images.stored++;
      } catch (error) {
        warnings.push(`The image ${url} could not be stored: ${reasonOf(error)} The article is imported without it.`);
      }
    }
    if (id === null) this.report.images.failed++;
    this.images.set(url, id);
    return id ?? undefined;
  }

  /** An image URL made absolute against the old site (readers should give absolute ones). */
  private absolute(url: string): string | undefined {
    try {
      return new URL(url.trim(), this.reader.siteUrl()).href;
    } catch {
      return this.options.uploadsDir && url.trim() ? url.trim() : undefined;
    }
  }

  /** Each old URL as the path (and query) that should lead to the article: [as given, path]. */
  private oldPathsOf(record: ImportArticle, to: string | null, warnings: string[]): [string, string][] {
    const siteUrl = this.reader.siteUrl();
    let site: URL | undefined;
    try {
      site = siteUrl ? new URL(siteUrl) : undefined;
    } catch {
      site = undefined;
    }
    const paths = new Map<string, string>();
    for (const raw of record.oldUrls) {
      const path = oldPath(raw, site);
      if (path === undefined) {
        warnings.push(`The old address "${raw}" is not on the old site (${site?.host ?? 'unknown'}); no redirect from it.`);
        continue;
      }
      if (path === '/' || path === '') {
        warnings.push(`The old address "${raw}" is the home page; it is not redirected.`);
        continue;
      }
      if (path.length > MAX_OLD_PATH) {
        warnings.push(`The old address "${raw.slice(0, 80)}…" is longer than ${MAX_OLD_PATH} characters; no redirect from it.`);
        continue;
      }
      if (path === to) continue;
      if (!paths.has(path)) paths.set(path, raw);
    }
    return [...paths].map(([path, raw]) => [raw, path]);
  }

  /** `wanted`, or `wanted-2`, `-3`... when taken (or handed out in this dry run). */
  private async freeSlug(wanted: string, taken: (slug: string) => Promise<boolean>, scope: string): Promise<string> {
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : `-${n}`;
      const slug = `${wanted.slice(0, 80 - suffix.length).replace(/-+$/, '')}${suffix}`;
      if (this.plannedSlugs.has(`${scope}\n${slug}`) || (await taken(slug))) continue;
      if (this.dry) this.plannedSlugs.add(`${scope}\n${slug}`);
      return slug;
    }
  }
}

/**
 * An old URL as the path and query the new site should redirect: relative ones as they are,
 * absolute ones on the old site's host (with or without "www."); undefined for another host.
 */
export function oldPath(raw: string, site: URL | undefined): string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//');
  let url: URL;
  try {
    url = new URL(text, site ?? 'http://old.invalid/');
  } catch {
    return undefined;
  }
  if (absolute) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    const bare = (host: string) => host.toLowerCase().replace(/^www\./, '');
    if (site && bare(url.hostname) !== bare(site.hostname)) return undefined;
  }
  return normalizeOldPath(`${url.pathname}${url.search}`);
}

const primary = (tag: string | undefined) => (tag ?? '').toLowerCase().split(/[-_]/)[0];

function limited(text: string, max: number, what: string, warnings: string[]): string {
  if (text.length <= max) return text;
  warnings.push(`The ${what} is longer than ${max} characters; cut.`);
  return trimAtWord(text, max);
}

/** The old slug (percent-decoded, made ASCII), else one made from the headline. */
function articleSlug(record: ImportArticle, headline: string): string {
  let suggested = record.slug?.trim() ?? '';
  try {
    suggested = decodeURIComponent(suggested);
  } catch {
    // Keep it as it is: slugify drops what is not a letter or digit.
  }
  if (isSlug(suggested)) return suggested;
  return slugify(suggested) || slugify(headline) || 'article';
}

/** A failure in words for the report (never a stack). */
function reasonOf(error: unknown): string {
  if (error instanceof FieldErrors) return Object.values(error.fields).join(' ');
  if (error instanceof AppError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
