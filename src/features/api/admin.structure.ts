import type { Kysely } from 'kysely';
import type { Database, TagType } from '../../db/schema.js';

/**
 * The admin API's lists of the site's structure (sections, authors, tags, publications): rows in
 * id order after a given id, `limit` of them (callers ask one more to know whether a page follows).
 */
export interface IdPage {
  after: number;
  limit: number;
  /** Only rows changed at or after this instant (ISO 8601 UTC, as stored). */
  updatedSince?: string | undefined;
}

const TIMES = ['created_at', 'updated_at'] as const;

export const sectionRows = (db: Kysely<Database>, page: IdPage, edition?: string) => {
  let query = db.selectFrom('sections').select(['id', 'edition', 'slug', 'name', 'description', 'position', ...TIMES]).where('id', '>', page.after);
  if (page.updatedSince) query = query.where('updated_at', '>=', page.updatedSince);
  if (edition) query = query.where('edition', '=', edition);
  return query.orderBy('id').limit(page.limit).execute();
};

export const authorRows = (db: Kysely<Database>, page: IdPage) => {
  let query = db.selectFrom('authors').select(['id', 'slug', 'name', 'bio', 'photo_media_id', ...TIMES]).where('id', '>', page.after);
  if (page.updatedSince) query = query.where('updated_at', '>=', page.updatedSince);
  return query.orderBy('id').limit(page.limit).execute();
};

export const tagRows = (db: Kysely<Database>, page: IdPage, filter: { edition?: string | undefined; type?: TagType | undefined }) => {
  let query = db.selectFrom('tags').select(['id', 'edition', 'type', 'slug', 'name', 'description', ...TIMES]).where('id', '>', page.after);
  if (page.updatedSince) query = query.where('updated_at', '>=', page.updatedSince);
  if (filter.edition) query = query.where('edition', '=', filter.edition);
  if (filter.type) query = query.where('type', '=', filter.type);
  return query.orderBy('id').limit(page.limit).execute();
};

export const publicationRows = (db: Kysely<Database>, page: IdPage) => {
  let query = db.selectFrom('publications').select(['id', 'slug', 'name', 'url', 'kind', ...TIMES]).where('id', '>', page.after);
  if (page.updatedSince) query = query.where('updated_at', '>=', page.updatedSince);
  return query.orderBy('id').limit(page.limit).execute();
};
