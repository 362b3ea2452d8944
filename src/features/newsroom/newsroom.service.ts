import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { ArticleSnapshot } from '../articles/article.service.js';
import type { Actor } from '../users/policy.js';
import { editorChoices, findRevision, listArticles, listRevisions, PAGE_SIZE, sectionEditions, suggestTags, type ArticleFilters, type ArticleListItem, type EditorChoices, type RevisionListItem } from './newsroom.repository.js';
import { changedFields, type Comparison } from './revision-diff.js';

type Db = Kysely<Database>;

/**
 * What the article desk's pages read: lists, the editor's choices, revisions. The writes go
 * through the ArticleDesk (features/articles), which checks the policy and keeps the history.
 */

export { PAGE_SIZE, type ArticleFilters, type ArticleListItem, type EditorChoices, type RevisionListItem };

export const articlePage = (db: Db, filters: ArticleFilters, page: number) => listArticles(db, filters, page);

export const choicesForEditor = (db: Db): Promise<EditorChoices> => editorChoices(db);

/** The edition of each section, to check a form's section against its edition. */
export const editionsOfSections = (db: Db): Promise<Map<number, string>> => sectionEditions(db);

export const revisionsOf = (db: Db, articleId: number): Promise<RevisionListItem[]> => listRevisions(db, articleId);

export const tagSuggestions = (db: Db, edition: string, type: string, text: string) => suggestTags(db, edition, type, text);

/** The dashboard's lists: ten of each, with their totals. */
export async function dashboardLists(db: Db, actor: Actor) {
  const [review, scheduled, published, mine] = await Promise.all([
    listArticles(db, { state: 'in_review' }, 1, 10),
    listArticles(db, { state: 'scheduled' }, 1, 10),
    listArticles(db, { state: 'published' }, 1, 10),
    actor.userId !== null ? listArticles(db, { state: 'draft', createdBy: actor.userId }, 1, 10) : Promise.resolve({ items: [], total: 0 }),
  ]);
  return { review, scheduled, published, mine };
}

/** Two revisions of an article compared field by field; 404 when either is not the article's. */
export async function compareRevisions(db: Db, articleId: number, from: number, to: number): Promise<Comparison> {
  const [a, b] = await Promise.all([findRevision(db, articleId, from), findRevision(db, articleId, to)]);
  if (!a || !b) throw notFound('There is no such revision of this article.');
  return { from: a.id, to: b.id, changed: changedFields(JSON.parse(a.snapshot) as ArticleSnapshot, JSON.parse(b.snapshot) as ArticleSnapshot) };
}
