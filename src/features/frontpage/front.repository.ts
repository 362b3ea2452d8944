import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/** The articles an editor placed at the top of an edition's front, in order (the first is the lead). */
export async function listSlotIds(db: Db, edition: string): Promise<number[]> {
  const rows = await db.selectFrom('front_slots').select('article_id').where('edition', '=', edition).orderBy('position').execute();
  return rows.map((r) => r.article_id);
}

/** Replaces an edition's chosen stories; call inside a transaction. */
export async function replaceSlots(trx: Db, edition: string, articleIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('front_slots').where('edition', '=', edition).execute();
  if (articleIds.length) {
    await trx
      .insertInto('front_slots')
      .values(articleIds.map((article_id, position) => ({ edition, position, article_id })))
      .execute();
  }
}

export interface BreakingRow {
  active: boolean;
  text: string;
  url: string;
}

export async function findBreaking(db: Db, edition: string): Promise<BreakingRow | undefined> {
  const row = await db.selectFrom('front_breaking').select(['active', 'text', 'url']).where('edition', '=', edition).executeTakeFirst();
  return row ? { active: row.active === 1, text: row.text, url: row.url } : undefined;
}

export async function saveBreaking(db: Db, edition: string, breaking: BreakingRow, at: Date): Promise<void> {
  const values = { active: breaking.active ? 1 : 0, text: breaking.text, url: breaking.url, updated_at: at.toISOString() };
  await db
    .insertInto('front_breaking')
    .values({ edition, ...values })
    .onConflict((oc) => oc.column('edition').doUpdateSet(values))
    .execute();
}

/** Published articles of an edition by slug, for counting views by address. */
export async function findPublishedIdsBySlug(db: Db, edition: string, slugs: readonly string[]): Promise<Map<string, number>> {
  if (!slugs.length) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'slug'])
    .where('edition', '=', edition)
    .where('status', '=', 'published')
    .where('slug', 'in', slugs)
    .execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/**
 * Adds views to the hour's rows: an existing row grows by the amount (never overwritten), so
 * that several instances each add their share to the same row.
 */
export async function addViews(db: Db, hour: string, views: readonly { articleId: number; edition: string; views: number }[]): Promise<void> {
  if (!views.length) return;
  await db
    .insertInto('article_views')
    .values(views.map((v) => ({ article_id: v.articleId, hour, edition: v.edition, views: v.views })))
    .onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet({ views: sql<number>`article_views.views + excluded.views` }))
    .execute();
}

/** The most viewed articles of an edition since an hour (inclusive), most views first. */
export async function mostViewedIds(db: Db, edition: string, sinceHour: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('article_views')
    .select(['article_id', (eb) => eb.fn.sum<number>('views').as('total')])
    .where('edition', '=', edition)
    .where('hour', '>=', sinceHour)
    .groupBy('article_id')
    .orderBy('total', 'desc')
    .orderBy('article_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.article_id);
}

/** Forgets the counts older than an hour: "Most read" looks back one day only. */
export async function purgeViews(db: Db, edition: string, beforeHour: string): Promise<void> {
  await db.deleteFrom('article_views').where('edition', '=', edition).where('hour', '<', beforeHour).execute();
}
