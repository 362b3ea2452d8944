import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { WorkflowState } from '../users/policy.js';

type Db = Kysely<Database>;

export interface ArticleFilters {
  state?: WorkflowState | undefined;
  sectionId?: number | undefined;
  edition?: string | undefined;
  authorId?: number | undefined;
  /** Words of the headline. */
  text?: string | undefined;
  /** Only articles this user created. */
  createdBy?: number | undefined;
}

export interface ArticleListItem {
  id: number;
  headline: string;
  edition: string;
  status: string;
  submitted_at: string | null;
  published_at: string | null;
  modified_at: string;
  section_name: string;
  time_zone: string;
  authors: string;
}

/** What the article editor offers to choose from. */
export interface EditorChoices {
  sections: { id: number; name: string; edition: string; editionName: string; timeZone: string }[];
  authors: { id: number; name: string }[];
  publications: { id: number; name: string }[];
  media: { id: number; alt: string; created_at: string }[];
}

export const PAGE_SIZE = 25;

/** Newsroom article lists: newest change first, filtered, a page at a time. */
export async function listArticles(db: Db, filters: ArticleFilters, page: number, pageSize = PAGE_SIZE): Promise<{ items: ArticleListItem[]; total: number }> {
  let query = db.selectFrom('articles as a').innerJoin('sections as s', 's.id', 'a.section_id').innerJoin('editions as e', 'e.code', 'a.edition');
  const state = filters.state;
  if (state === 'in_review') query = query.where('a.status', '=', 'draft').where('a.submitted_at', 'is not', null);
  else if (state === 'draft') query = query.where('a.status', '=', 'draft').where('a.submitted_at', 'is', null);
  else if (state) query = query.where('a.status', '=', state);
  if (filters.sectionId !== undefined) query = query.where('a.section_id', '=', filters.sectionId);
  if (filters.edition) query = query.where('a.edition', '=', filters.edition);
  if (filters.createdBy !== undefined) query = query.where('a.created_by', '=', filters.createdBy);
  if (filters.authorId !== undefined) {
    const authorId = filters.authorId;
    query = query.where('a.id', 'in', (eb) => eb.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId));
  }
  for (const word of (filters.text ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const escaped = word.replace(/[\\%_]/g, "");
    query = query.where((eb) => eb(eb.fn('lower', ['a.headline']), 'like', eb.val(`%${escaped}%`)));
  }
  const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await query
    .select(['a.id', 'a.headline', 'a.edition', 'a.status', 'a.submitted_at', 'a.published_at', 'a.modified_at', 's.name as section_name', 'e.time_zone'])
    .orderBy('a.modified_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const bylines = ids.length
    ? await db.selectFrom('article_authors as aa').innerJoin('authors as au', 'au.id', 'aa.author_id').select(['aa.article_id', 'au.name']).where('aa.article_id', 'in', ids).orderBy('aa.position').execute()
    : [];
  return {
    total,
    items: rows.map((r) => ({ ...r, authors: bylines.filter((b) => b.article_id === r.id).map((b) => b.name).join(', ') })),
  };
}

export async function editorChoices(db: Db): Promise<EditorChoices> {
  const [sections, authors, publications, media] = await Promise.all([
    db
      .selectFrom('sections as s')
      .innerJoin('editions as e', 'e.code', 's.edition')
      .select(['s.id', 's.name', 's.edition', 'e.name as editionName', 'e.time_zone as timeZone'])
      .orderBy('e.position')
      .orderBy('s.position')
      .execute(),
    db.selectFrom('authors').select(['id', 'name']).orderBy('name').execute(),
    db.selectFrom('publications').select(['id', 'name']).orderBy('name').execute(),
    db.selectFrom('media').select(['id', 'alt', 'created_at']).orderBy('id', 'desc').limit(200).execute(),
  ]);
  return { sections, authors, publications, media };
}

export async function sectionEditions(db: Db): Promise<Map<number, string>> {
  const rows = await db.selectFrom('sections').select(['id', 'edition']).execute();
  return new Map(rows.map((r) => [r.id, r.edition]));
}

export interface RevisionListItem {
  id: number;
  created_at: string;
  author_name: string | null;
  note: string;
}

export const listRevisions = (db: Db, articleId: number): Promise<RevisionListItem[]> =>
  db.selectFrom('revisions').select(['id', 'created_at', 'author_name', 'note']).where('article_id', '=', articleId).orderBy('id', 'desc').execute();

export const findRevision = (db: Db, articleId: number, id: number) =>
  db.selectFrom('revisions').selectAll().where('article_id', '=', articleId).where('id', '=', id).executeTakeFirst();

/** Tags whose name starts with (or contains) the text, for the editor's type-ahead. */
export async function suggestTags(db: Db, edition: string, type: string, text: string): Promise<{ name: string }[]> {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, "");
  return db
    .selectFrom('tags')
    .select('name')
    .where('edition', '=', edition)
    .where('type', '=', type as never)
    .where((eb) => eb(eb.fn('lower', ['name']), 'like', eb.val(`%${escaped}%`)))
    .orderBy('name')
    .limit(10)
    .execute();
}
