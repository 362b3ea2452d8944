import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/** The WXR export's own reads (the rest are the archive's, in export.repository.ts). */

export async function maxArticleId(db: Db): Promise<number> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.max('id').as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** For each image, the first article (of the editions given) that leads with it: its WordPress parent. */
export async function leadArticles(db: Db, mediaIds: number[], editions: readonly string[]): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  if (!mediaIds.length || !editions.length) return map;
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'lead_media_id'])
    .where('lead_media_id', 'in', mediaIds)
    .where('edition', 'in', editions)
    .orderBy('id')
    .execute();
  for (const r of rows) if (r.lead_media_id !== null && !map.has(r.lead_media_id)) map.set(r.lead_media_id, r.id);
  return map;
}

/** The e-mail of the user who writes under each author, where there is one. */
export async function authorEmails(db: Db): Promise<Map<number, string>> {
  const rows = await db.selectFrom('users').select(['author_id', 'email']).where('author_id', 'is not', null).orderBy('id').execute();
  const map = new Map<number, string>();
  for (const r of rows) if (r.author_id !== null && !map.has(r.author_id)) map.set(r.author_id, r.email);
  return map;
}
