import type { Kysely, Transaction } from 'kysely';
import type { ArticleStatus, Database, SourceRole, TagType } from '../../db/schema.js';
import { AppError, FieldErrors, isUniqueViolation } from '../../lib/errors.js';
import { isSlug, MAX_SLUG_LENGTH, slugify } from '../../lib/slug.js';
import { indexArticle } from '../search/search-index.repository.js';
import { translator } from '../../i18n/i18n.js';
import { attributionClause, SOURCE_KINDS, type CitedSource } from './attribution.js';
import { hasAttributionClause, renderBody, type BodyDocument, type BodyMedia } from './body.js';

type Db = Kysely<Database>;

/**
 * A citation: a publication (with the original story's address) or only a kind of media; `guid`
 * names the exact wire item it came from, when it came from one (sources.guid), for provenance.
 */
export type SourceInput = { publicationId: number; url?: string | null; role?: SourceRole; guid?: string | null } | { kind: string; guid?: string | null };

/** A wire item's guid is at most this long (guids are URIs, usually far shorter). */
export const SOURCE_GUID_MAX = 1_000;

/** The fields a journalist edits; everything else about an article is workflow. */
export interface ArticleFields {
  edition: string;
  sectionId: number;
  /** Made from the headline when absent. */
  slug?: string | undefined;
  headline: string;
  standfirst: string;
  body: BodyDocument;
  datelinePlace?: string | null | undefined;
  seoTitle?: string | null | undefined;
  seoDescription?: string | null | undefined;
  leadMediaId?: number | null | undefined;
  translationGroup?: string | null | undefined;
  isTop?: boolean | undefined;
  authorIds: number[];
  tags?: { type: TagType; name: string }[] | undefined;
  sources?: SourceInput[] | undefined;
}

export interface ArticleInput extends ArticleFields {
  status: ArticleStatus;
  publishedAt?: Date | null;
  updatedAt?: Date | null;
  corrections?: { at: Date; text: string }[];
  /** Who saved it, for the revision. */
  savedBy?: string;
  createdBy?: number | null;
  /** The integration key that created it (the admin API's): it owns the article (policy.ts). */
  createdByKey?: number | null;
  /** The editing lock its creator takes at once (article.locks.ts), written with the article. */
  lock?: { lockedBy: number | null; lockedAt: string | null };
  now?: Date;
  /** More writes that belong with the new article (the wire items it was written from), in its transaction. */
  within?: (trx: Transaction<Database>, id: number) => Promise<void>;
}

/** Every field of an article at one moment, with the names that make a revision readable later. */
export interface ArticleSnapshot {
  edition: string;
  sectionId: number;
  section: string;
  slug: string;
  headline: string;
  standfirst: string;
  body: BodyDocument;
  datelinePlace: string | null;
  seoTitle: string | null;
  seoDescription: string | null;
  leadMediaId: number | null;
  leadMedia: string | null;
  translationGroup: string | null;
  isTop: boolean;
  authorIds: number[];
  authors: string[];
  tags: { type: TagType; name: string }[];
  sources: (SourceInput & { label: string })[];
  status: ArticleStatus;
  inReview: boolean;
  publishedAt: string | null;
  updatedAt: string | null;
  corrections: { at: string; text: string }[];
}

const LIMITS = { headline: 300, standfirst: 1_000, place: 100, seoTitle: 120, seoDescription: 300, slug: 120, tags: 50, sources: 20, authors: 10 };

/** Checks what can be checked without the database; returns the fields cleaned up. */
export function checkFields(fields: ArticleFields): ArticleFields {
  const errors: Record<string, string> = {};
  const headline = fields.headline.trim();
  if (!headline) errors.headline = 'An article needs a headline.';
  else if (headline.length > LIMITS.headline) errors.headline = `A headline may have at most ${LIMITS.headline} characters.`;
  const standfirst = fields.standfirst.trim();
  if (standfirst.length > LIMITS.standfirst) errors.standfirst = `The standfirst may have at most ${LIMITS.standfirst} characters.`;
  const slug = fields.slug?.trim() ? fields.slug.trim() : slugify(headline);
  if (headline && !isSlug(slug)) errors.slug = `"${slug}" is not a valid slug: use lower-case letters, digits and hyphens.`;
  else if (slug.length > LIMITS.slug) errors.slug = `A slug may have at most ${LIMITS.slug} characters.`;
  const place = fields.datelinePlace?.trim() || null;
  if (place && place.length > LIMITS.place) errors.datelinePlace = `The dateline place may have at most ${LIMITS.place} characters.`;
  const seoTitle = fields.seoTitle?.trim() || null;
  if (seoTitle && seoTitle.length > LIMITS.seoTitle) errors.seoTitle = `The SEO title may have at most ${LIMITS.seoTitle} characters.`;
  const seoDescription = fields.seoDescription?.trim() || null;
  if (seoDescription && seoDescription.length > LIMITS.seoDescription) errors.seoDescription = `The SEO description may have at most ${LIMITS.seoDescription} characters.`;
  // No author is allowed: agency copy often has no byline (the page then shows none, and JSON-LD
  // names the publisher as the author).
  const authorIds = [...new Set(fields.authorIds)];
  if (authorIds.length > LIMITS.authors) errors.authorIds = `At most ${LIMITS.authors} authors.`;
  const tags = (fields.tags ?? []).map((t) => ({ type: t.type, name: t.name.trim().replace(/\s+/g, ' ') })).filter((t) => t.name);
  if (tags.length > LIMITS.tags) errors.tags = `At most ${LIMITS.tags} tags.`;
  if (tags.some((t) => t.name.length > 100 || !slugify(t.name))) errors.tags = 'Each tag needs a name of at most 100 characters with at least one letter or digit.';
  const sources = fields.sources ?? [];
  if (sources.length > LIMITS.sources) errors.sources = `At most ${LIMITS.sources} sources.`;
  for (const s of sources) {
    if ('publicationId' in s && s.url && !/^https?:\/\/[^\s]+$/i.test(s.url)) errors.sources = `"${s.url}" is not a web address (http:// or https://).`;
    if ('kind' in s && !(SOURCE_KINDS as readonly string[]).includes(s.kind)) errors.sources = 'A source without a publication is foreign media, local media or social media.';
    if (s.guid && (s.guid.length > SOURCE_GUID_MAX || [...s.guid].some((c) => c.charCodeAt(0) < 0x20))) errors.sources = `A source's wire item id (guid) may have at most ${SOURCE_GUID_MAX} characters and no control characters.`;
  }
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return { ...fields, headline, standfirst, slug, datelinePlace: place, seoTitle, seoDescription, authorIds, tags, sources };
}

async function tagId(trx: Transaction<Database>, edition: string, type: TagType, name: string, now: Date): Promise<number> {
  const slug = slugify(name);
  const existing = await trx.selectFrom('tags').select('id').where('edition', '=', edition).where('type', '=', type).where('slug', '=', slug).executeTakeFirst();
  if (existing) return existing.id;
  // A renamed or merged tag's old name finds the tag it became, rather than bringing it back.
  const moved = await trx.selectFrom('tag_redirects').select('tag_id').where('edition', '=', edition).where('type', '=', type).where('from_slug', '=', slug).executeTakeFirst();
  if (moved) return moved.tag_id;
  const at = now.toISOString();
  // Two saves naming the same new tag at once (PostgreSQL runs them side by side): the second
  // insert waits for the first, then does nothing, and the tag the first made is the one used.
  // Without ON CONFLICT the loser's unique violation was a 500 (and aborts its transaction).
  const row = await trx
    .insertInto('tags')
    .values({ edition, type, slug, name, description: '', created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['edition', 'type', 'slug']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return row.id;
  return (await trx.selectFrom('tags').select('id').where('edition', '=', edition).where('type', '=', type).where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/** How many suffixed slugs (`-2`, `-3`…) a new article tries before giving up with a 400. */
const SLUG_ATTEMPTS = 50;

/** `base-n`, cut so that it is still a valid slug (at most MAX_SLUG_LENGTH characters). */
const suffixed = (base: string, n: number): string => `${base.slice(0, MAX_SLUG_LENGTH - String(n).length - 1).replace(/-+$/, '')}-${n}`;

/** The first of `slug`, `slug-2`, `slug-3`… that no article of the edition has (as far as this transaction sees). */
async function freeSlug(trx: Transaction<Database>, edition: string, slug: string, from: number): Promise<string> {
  for (let n = from; n < from + SLUG_ATTEMPTS; n++) {
    const candidate = n === 1 ? slug : suffixed(slug, n);
    if (!(await trx.selectFrom('articles').select('id').where('edition', '=', edition).where('slug', '=', candidate).executeTakeFirst())) return candidate;
  }
  throw new FieldErrors({ slug: `The slug "${slug}" and the next ${SLUG_ATTEMPTS} numbered after it are taken in this edition; give the article a slug of its own.` });
}

const slugTaken = (slug: string) => new FieldErrors({ slug: `The slug "${slug}" is already used by another article in this edition.` });

/** The checks that need the database: the section, authors, publications and image exist; the slug is free. */
async function checkReferences(trx: Transaction<Database>, fields: ArticleFields, articleId: number | null, options: { slugChosen: boolean }): Promise<void> {
  const errors: Record<string, string> = {};
  const section = await trx.selectFrom('sections').select('edition').where('id', '=', fields.sectionId).executeTakeFirst();
  if (!section) errors.sectionId = 'Choose a section.';
  else if (section.edition !== fields.edition) errors.sectionId = 'The section belongs to another edition.';
  const authors = fields.authorIds.length ? await trx.selectFrom('authors').select('id').where('id', 'in', fields.authorIds).execute() : [];
  if (authors.length !== fields.authorIds.length) errors.authorIds = 'One of the authors no longer exists.';
  const publicationIds = (fields.sources ?? []).flatMap((s) => ('publicationId' in s ? [s.publicationId] : []));
  if (publicationIds.length) {
    const found = await trx.selectFrom('publications').select('id').where('id', 'in', publicationIds).execute();
    if (found.length !== new Set(publicationIds).size) errors.sources = 'One of the publications no longer exists.';
  }
  if (fields.leadMediaId != null && !(await trx.selectFrom('media').select('id').where('id', '=', fields.leadMediaId).executeTakeFirst())) {
    errors.leadMediaId = 'The lead image no longer exists.';
  }
  if (options.slugChosen) {
    let clash = trx.selectFrom('articles').select('id').where('edition', '=', fields.edition).where('slug', '=', fields.slug as string);
    if (articleId !== null) clash = clash.where('id', '<>', articleId);
    if (await clash.executeTakeFirst()) errors.slug = slugTaken(fields.slug as string).fields.slug as string;
  }
  if (Object.keys(errors).length) throw new FieldErrors(errors);
}

/** Images the body refers to, for rendering it (and for loading it into the editor). */
export async function bodyMedia(trx: Db, body: BodyDocument): Promise<Map<number, BodyMedia>> {
  const ids = body.blocks.flatMap((b) => (b.type === 'image' ? [b.mediaId] : []));
  const map = new Map<number, BodyMedia>();
  if (!ids.length) return map;
  const rows = await trx.selectFrom('media').select(['id', 'storage_key', 'width', 'height', 'rendition_widths']).where('id', 'in', ids).execute();
  for (const r of rows) map.set(r.id, { storageKey: r.storage_key, width: r.width, height: r.height, renditionWidths: JSON.parse(r.rendition_widths) as number[] });
  return map;
}

/**
 * The wording of the attribution clause for a body that places one (undefined when it does not):
 * from the sources cited, the edition's site name and language, as the end-of-story line is.
 * Rendered into `body_html` on every save, so the feeds and the API carry it too.
 */
export async function clauseWording(trx: Db, fields: Pick<ArticleFields, 'edition' | 'body' | 'sources'>): Promise<string | undefined> {
  if (!hasAttributionClause(fields.body)) return undefined;
  const edition = await trx.selectFrom('editions').select(['site_name', 'locale']).where('code', '=', fields.edition).executeTakeFirst();
  if (!edition) return undefined;
  const cited = (fields.sources ?? []).filter((s) => 'kind' in s || (s.role ?? 'citing') === 'citing');
  const ids = cited.flatMap((s) => ('publicationId' in s ? [s.publicationId] : []));
  const names = new Map<number, string>();
  if (ids.length) {
    for (const p of await trx.selectFrom('publications').select(['id', 'name']).where('id', 'in', ids).execute()) names.set(p.id, p.name);
  }
  const sources = cited.flatMap((s): CitedSource[] =>
    'kind' in s ? [{ kind: s.kind }] : names.has(s.publicationId) ? [{ name: names.get(s.publicationId) as string }] : [],
  );
  return attributionClause(edition.site_name, sources, translator(edition.locale));
}

/** The columns the editable fields map to (all but the workflow's). */
async function fieldColumns(trx: Transaction<Database>, fields: ArticleFields) {
  return {
    edition: fields.edition,
    section_id: fields.sectionId,
    slug: fields.slug as string,
    headline: fields.headline,
    standfirst: fields.standfirst,
    body_doc: JSON.stringify(fields.body),
    body_html: renderBody(fields.body, await bodyMedia(trx, fields.body), await clauseWording(trx, fields)),
    dateline_place: fields.datelinePlace ?? null,
    seo_title: fields.seoTitle ?? null,
    seo_description: fields.seoDescription ?? null,
    lead_media_id: fields.leadMediaId ?? null,
    translation_group: fields.translationGroup ?? null,
    is_top: fields.isTop ? 1 : 0,
  };
}

/** Bylines, tags and sources: replaced as a whole on every save; a new tag name makes a tag dated `now`. */
async function writeChildren(trx: Transaction<Database>, id: number, fields: ArticleFields, now: Date): Promise<void> {
  await trx.deleteFrom('article_authors').where('article_id', '=', id).execute();
  await trx.deleteFrom('article_tags').where('article_id', '=', id).execute();
  await trx.deleteFrom('sources').where('article_id', '=', id).execute();
  if (fields.authorIds.length) {
    await trx.insertInto('article_authors').values(fields.authorIds.map((author_id, position) => ({ article_id: id, author_id, position }))).execute();
  }
  const tags = new Set<number>();
  // In one order (type, slug) for every save, so that two saves creating the same new tags wait
  // for each other instead of deadlocking on PostgreSQL.
  const ordered = [...(fields.tags ?? [])].sort((a, b) => a.type.localeCompare(b.type) || slugify(a.name).localeCompare(slugify(b.name)));
  for (const tag of ordered) tags.add(await tagId(trx, fields.edition, tag.type, tag.name, now));
  if (tags.size) await trx.insertInto('article_tags').values([...tags].map((tag_id) => ({ article_id: id, tag_id }))).execute();
  const sources = fields.sources ?? [];
  if (sources.length) {
    await trx
      .insertInto('sources')
      .values(
        sources.map((s, position) =>
          'kind' in s
            ? { article_id: id, publication_id: null, kind: s.kind.trim(), role: 'citing' as const, url: null, guid: s.guid?.trim() || null, position }
            : { article_id: id, publication_id: s.publicationId, kind: null, role: s.role ?? ('citing' as const), url: s.url || null, guid: s.guid?.trim() || null, position },
        ),
      )
      .execute();
  }
}

/** Reads back every field of an article as stored: what a revision keeps. */
export async function loadSnapshot(db: Db, id: number): Promise<ArticleSnapshot | undefined> {
  const a = await db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('media as m', 'm.id', 'a.lead_media_id')
    .selectAll('a')
    .select(['s.name as section_name', 'm.alt as media_alt'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) return undefined;
  const [authors, tags, sources, corrections] = await Promise.all([
    db.selectFrom('article_authors as aa').innerJoin('authors as au', 'au.id', 'aa.author_id').select(['au.id', 'au.name']).where('aa.article_id', '=', id).orderBy('aa.position').execute(),
    db.selectFrom('article_tags as at').innerJoin('tags as t', 't.id', 'at.tag_id').select(['t.type', 't.name']).where('at.article_id', '=', id).orderBy('t.type').orderBy('t.name').execute(),
    db
      .selectFrom('sources as so')
      .leftJoin('publications as p', 'p.id', 'so.publication_id')
      .select(['so.publication_id', 'so.kind', 'so.role', 'so.url', 'so.guid', 'p.name'])
      .where('so.article_id', '=', id)
      .orderBy('so.position')
      .execute(),
    db.selectFrom('corrections').select(['created_at', 'text']).where('article_id', '=', id).orderBy('created_at').orderBy('id').execute(),
  ]);
  return {
    edition: a.edition,
    sectionId: a.section_id,
    section: a.section_name,
    slug: a.slug,
    headline: a.headline,
    standfirst: a.standfirst,
    body: JSON.parse(a.body_doc) as BodyDocument,
    datelinePlace: a.dateline_place,
    seoTitle: a.seo_title,
    seoDescription: a.seo_description,
    leadMediaId: a.lead_media_id,
    leadMedia: a.media_alt ?? null,
    translationGroup: a.translation_group,
    isTop: a.is_top === 1,
    authorIds: authors.map((x) => x.id),
    authors: authors.map((x) => x.name),
    tags: tags.map((t) => ({ type: t.type, name: t.name })),
    sources: sources.map((s) =>
      s.publication_id === null
        ? { kind: s.kind ?? '', label: s.kind ?? '', ...(s.guid ? { guid: s.guid } : {}) }
        : { publicationId: s.publication_id, url: s.url, role: s.role, label: s.name ?? `publication ${s.publication_id}`, ...(s.guid ? { guid: s.guid } : {}) },
    ),
    status: a.status,
    inReview: a.submitted_at !== null,
    publishedAt: a.published_at,
    updatedAt: a.updated_at,
    corrections: corrections.map((c) => ({ at: c.created_at, text: c.text })),
  };
}

export async function writeRevision(trx: Db, id: number, by: { userId: number | null; name: string | null }, note: string, now: Date): Promise<number> {
  const snapshot = await loadSnapshot(trx, id);
  const row = await trx
    .insertInto('revisions')
    .values({ article_id: id, created_at: now.toISOString(), author_name: by.name, user_id: by.userId, note, snapshot: JSON.stringify(snapshot) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Creates an article with its bylines, tags, sources, corrections, first revision, editing lock
 * and owning key in one transaction: after a crash or a failure it is either all there or not
 * there at all.
 */
export async function createArticle(db: Db, input: ArticleInput): Promise<number> {
  if (input.status === 'published' && !input.publishedAt) throw new AppError(400, 'published_at_required', 'A published article needs a publication time.');
  const fields = checkFields(input);
  const now = input.now ?? new Date();
  const changes = [input.publishedAt, input.updatedAt, ...(input.corrections ?? []).map((c) => c.at)].filter((d): d is Date => !!d);
  const modified = changes.sort((a, b) => +b - +a)[0] ?? now;

  // A slug made from the headline gets a number when another article of the edition has it
  // (`-2`, `-3`…); a slug the writer chose is theirs or a 400.
  const slugChosen = !!input.slug?.trim();
  return db.transaction().execute(async (trx) => {
    await checkReferences(trx, fields, null, { slugChosen });
    const columns = await fieldColumns(trx, fields);
    const row = {
      ...columns,
      status: input.status,
      created_at: (input.publishedAt && input.publishedAt < now ? input.publishedAt : now).toISOString(),
      modified_at: modified.toISOString(),
      published_at: input.publishedAt?.toISOString() ?? null,
      updated_at: input.updatedAt?.toISOString() ?? null,
      created_by: input.createdBy ?? null,
      created_by_key: input.createdByKey ?? null,
      submitted_at: null,
      submitted_by: null,
      locked_by: input.lock?.lockedBy ?? null,
      locked_at: input.lock?.lockedAt ?? null,
      preview_token: null,
    };
    // Look-then-insert races with a save of the same headline on another connection: ON CONFLICT
    // makes the second insert wait for the first and then do nothing (instead of a unique violation,
    // a 500 that also aborts the transaction), and the next free number is tried.
    let id: number | undefined;
    let slug = fields.slug as string;
    for (let attempt = 1; id === undefined; attempt++) {
      if (!slugChosen) slug = await freeSlug(trx, fields.edition, fields.slug as string, attempt === 1 ? 1 : 2);
      const inserted = await trx
        .insertInto('articles')
        .values({ ...row, slug })
        .onConflict((oc) => oc.columns(['edition', 'slug']).doNothing())
        .returning('id')
        .executeTakeFirst();
      id = inserted?.id;
      if (id === undefined && (slugChosen || attempt >= SLUG_ATTEMPTS)) throw slugChosen ? slugTaken(slug) : new FieldErrors({ slug: `Could not find a free slug for "${fields.slug}"; give the article a slug of its own.` });
    }
    await writeChildren(trx, id, { ...fields, slug }, now);
    if (input.within) await input.within(trx, id);
    const corrections = input.corrections ?? [];
    if (corrections.length) {
      await trx.insertInto('corrections').values(corrections.map((c) => ({ article_id: id, created_at: c.at.toISOString(), text: c.text }))).execute();
    }
    await writeRevision(trx, id, { userId: input.createdBy ?? null, name: input.savedBy ?? null }, 'Created', now);
    // In the same transaction: a published article is findable the moment it exists, never before.
    await indexArticle(trx, id);
    return id;
  });
}

/** Replaces an article's editable fields (in the caller's transaction); returns its new columns. */
export async function updateFields(trx: Transaction<Database>, id: number, fields: ArticleFields, now: Date): Promise<void> {
  await checkReferences(trx, fields, id, { slugChosen: true });
  try {
    await trx.updateTable('articles').set(await fieldColumns(trx, fields)).where('id', '=', id).execute();
  } catch (error) {
    // Another article took the slug after the check: the usual 400 (the transaction is rolled back).
    if (isUniqueViolation(error)) throw slugTaken(fields.slug as string);
    throw error;
  }
  await writeChildren(trx, id, fields, now);
}
