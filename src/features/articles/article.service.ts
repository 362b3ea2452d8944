import type { Kysely, Transaction } from 'kysely';
import type { ArticleStatus, Database, SourceRole, TagType } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { isSlug, slugify } from '../../lib/slug.js';
import { indexArticle } from '../search/search-index.repository.js';
import { renderBody, type BodyDocument } from './body.js';

export interface ArticleInput {
  edition: string;
  sectionId: number;
  slug?: string;
  status: ArticleStatus;
  headline: string;
  standfirst: string;
  body: BodyDocument;
  datelinePlace?: string | null;
  leadMediaId?: number | null;
  translationGroup?: string | null;
  isTop?: boolean;
  publishedAt?: Date | null;
  updatedAt?: Date | null;
  authorIds: number[];
  tags?: { type: TagType; name: string }[];
  sources?: ({ publicationId: number; url?: string | null; role?: SourceRole } | { kind: string })[];
  corrections?: { at: Date; text: string }[];
  /** Who saved it, for the revision. */
  savedBy?: string;
  now?: Date;
}

async function tagId(trx: Transaction<Database>, edition: string, type: TagType, name: string): Promise<number> {
  const slug = slugify(name);
  const existing = await trx
    .selectFrom('tags')
    .select('id')
    .where('edition', '=', edition)
    .where('type', '=', type)
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (existing) return existing.id;
  const row = await trx.insertInto('tags').values({ edition, type, slug, name, description: '' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Creates an article with its bylines, tags, sources, corrections and first revision in one
 * transaction: after a crash it is either all there or not there at all.
 */
export async function createArticle(db: Kysely<Database>, input: ArticleInput): Promise<number> {
  const headline = input.headline.trim();
  if (!headline) throw new AppError(400, 'headline_required', 'An article needs a headline.');
  const slug = input.slug ?? slugify(headline);
  if (!isSlug(slug)) throw new AppError(400, 'bad_slug', `"${slug}" is not a valid slug: use lower-case letters, digits and hyphens.`);
  if (input.status === 'published' && !input.publishedAt) throw new AppError(400, 'published_at_required', 'A published article needs a publication time.');
  if (input.authorIds.length === 0) throw new AppError(400, 'byline_required', 'An article needs at least one author.');
  const now = input.now ?? new Date();
  const changes = [input.publishedAt, input.updatedAt, ...(input.corrections ?? []).map((c) => c.at)].filter((d): d is Date => !!d);
  const modified = changes.sort((a, b) => +b - +a)[0] ?? now;

  return db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('articles').select('id').where('edition', '=', input.edition).where('slug', '=', slug).executeTakeFirst();
    if (clash) throw new AppError(409, 'slug_taken', `The slug "${slug}" is already used in this edition.`);
    const { id } = await trx
      .insertInto('articles')
      .values({
        edition: input.edition,
        section_id: input.sectionId,
        slug,
        status: input.status,
        headline,
        standfirst: input.standfirst.trim(),
        body_doc: JSON.stringify(input.body),
        body_html: renderBody(input.body),
        dateline_place: input.datelinePlace?.trim() || null,
        seo_title: null,
        seo_description: null,
        lead_media_id: input.leadMediaId ?? null,
        translation_group: input.translationGroup ?? null,
        is_top: input.isTop ? 1 : 0,
        created_at: (input.publishedAt ?? now).toISOString(),
        modified_at: modified.toISOString(),
        published_at: input.publishedAt?.toISOString() ?? null,
        updated_at: input.updatedAt?.toISOString() ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('article_authors')
      .values(input.authorIds.map((author_id, position) => ({ article_id: id, author_id, position })))
      .execute();
    const tags = new Set<number>();
    for (const tag of input.tags ?? []) tags.add(await tagId(trx, input.edition, tag.type, tag.name));
    if (tags.size) await trx.insertInto('article_tags').values([...tags].map((tag_id) => ({ article_id: id, tag_id }))).execute();
    const sources = input.sources ?? [];
    if (sources.length) {
      await trx
        .insertInto('sources')
        .values(
          sources.map((s, position) =>
            'kind' in s
              ? { article_id: id, publication_id: null, kind: s.kind, role: 'citing' as const, url: null, position }
              : { article_id: id, publication_id: s.publicationId, kind: null, role: s.role ?? ('citing' as const), url: s.url ?? null, position },
          ),
        )
        .execute();
    }
    const corrections = input.corrections ?? [];
    if (corrections.length) {
      await trx.insertInto('corrections').values(corrections.map((c) => ({ article_id: id, created_at: c.at.toISOString(), text: c.text }))).execute();
    }
    await trx
      .insertInto('revisions')
      .values({ article_id: id, created_at: now.toISOString(), author_name: input.savedBy ?? null, snapshot: JSON.stringify({ ...input, slug, now: undefined }) })
      .execute();
    // In the same transaction: a published article is findable the moment it exists, never before.
    await indexArticle(trx, id);
    return id;
  });
}
