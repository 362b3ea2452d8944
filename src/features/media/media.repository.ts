import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database, Media } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';

type Db = Kysely<Database>;

export const MEDIA_PAGE_SIZE = 24;

/** LIKE's own characters, escaped for `escape '\'` (which SQLite needs spelled out). */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The media library, newest first: every word must appear in the alt text, the caption or the
 * credit, in any case. (SQLite's lower() folds ASCII only, so on SQLite a Cyrillic word matches
 * in the case it was typed; PostgreSQL folds everything.)
 */
export async function listMedia(db: Db, options: { text?: string | undefined; page?: number; pageSize?: number } = {}): Promise<{ items: Media[]; total: number }> {
  const pageSize = options.pageSize ?? MEDIA_PAGE_SIZE;
  const page = Math.max(1, options.page ?? 1);
  let query = db.selectFrom('media');
  const words = (options.text ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const word of words) {
    const pattern = `%${likeEscape(word)}%`;
    query = query.where((eb) => eb.or((['alt', 'caption', 'credit'] as const).map((column) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`)));
  }
  const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const items = await query
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items, total };
}

export async function findMedia(db: Db, id: number): Promise<Media | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getMedia(db: Db, id: number): Promise<Media> {
  const media = await findMedia(db, id);
  if (!media) throw notFound('There is no image with this id. It may have been deleted.');
  return media;
}

export interface MediaUsage {
  articles: { id: number; headline: string; status: string; lead: boolean }[];
  authors: { id: number; name: string }[];
  /** Keys of site settings that name the image (`site.logo_media_id`). */
  settings: string[];
  count: number;
}

/**
 * Where an image is used: as an article's lead image or in its body, and as an author's photo.
 * Bodies are JSON (`"mediaId":12,` or `"mediaId":12}` as JSON.stringify writes it), so the number
 * is matched with what follows it, lest 12 match 123.
 */
export async function mediaUsage(db: Db, id: number): Promise<MediaUsage> {
  const inBody = [`%"mediaId":${id},%`, `%"mediaId":${id}}%`];
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'headline', 'status', 'lead_media_id'])
    .where((eb) => eb.or([eb('lead_media_id', '=', id), ...inBody.map((p) => eb('body_doc', 'like', p))]))
    .orderBy('id', 'desc')
    .execute();
  const authors = await db.selectFrom('authors').select(['id', 'name']).where('photo_media_id', '=', id).orderBy('name').execute();
  // Any setting named like `*media_id` holds an image id (the site logo, and whatever comes next).
  const settings = (await db.selectFrom('settings').select('key').where('value', '=', String(id)).orderBy('key').execute()).filter((r) => r.key.endsWith('media_id'));
  const articles = rows.map((r) => ({ id: r.id, headline: r.headline, status: r.status, lead: r.lead_media_id === id }));
  return { articles, authors, settings: settings.map((r) => r.key), count: articles.length + authors.length + settings.length };
}
