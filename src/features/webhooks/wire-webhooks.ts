import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { enqueueWebhookEvent } from './delivery.js';

type Db = Kysely<Database>;

/** A keyword alert with notifications on matched an incoming item (the wire store's WireAlertMatch). */
export interface WireAlertFacts {
  alertId: number;
  userId: number;
  itemId: number;
  keywords: string;
}

/** An item an article was written from changed after it was written (the wire store's WireSourceChange). */
export interface WireSourceChangeFacts {
  articleId: number;
  itemId: number;
  change: 'updated' | 'withheld' | 'canceled';
}

/** The item as a delivery describes it, read in the event's transaction (so as it is at that moment). */
async function itemFacts(trx: Db, itemId: number): Promise<Record<string, unknown> | null> {
  const row = await trx
    .selectFrom('wire_items as wi')
    .innerJoin('wire_feeds as wf', 'wf.id', 'wi.feed_id')
    .innerJoin('publications as p', 'p.id', 'wf.publication_id')
    .select(['wi.id', 'wi.guid', 'wi.version', 'wi.headline', 'wi.url', 'wi.language', 'wi.urgency', 'wi.status', 'wi.embargo_until', 'wf.slug as feed', 'p.name as publication'])
    .where('wi.id', '=', itemId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    guid: row.guid,
    version: row.version,
    headline: row.headline,
    url: row.url,
    language: row.language || null,
    urgency: row.urgency,
    status: row.status,
    embargoUntil: row.embargo_until ? new Date(row.embargo_until).toISOString() : null,
    feed: row.feed,
    publication: row.publication,
  };
}

/**
 * The wire store's events (features/wires/wire-events.ts, `WireEvents`) as webhook deliveries:
 * `alertMatched` → `wire.alert`, `sourceChanged` → `article.source_changed`, queued in the item's
 * transaction. Declared here by shape, so that webhooks need not import the wire desk (which sits
 * above it); the app passes this as `AppOptions.wireEvents`' default.
 */
export function webhookWireEvents(options: { clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());
  return {
    async alertMatched(trx: Db, event: WireAlertFacts): Promise<void> {
      const item = await itemFacts(trx, event.itemId);
      await enqueueWebhookEvent(trx, 'wire.alert', { data: { alert: { id: event.alertId, keywords: event.keywords }, item } }, clock());
    },
    async sourceChanged(trx: Db, event: WireSourceChangeFacts): Promise<void> {
      const article = await trx.selectFrom('articles').select(['id', 'edition']).where('id', '=', event.articleId).executeTakeFirst();
      const item = await itemFacts(trx, event.itemId);
      await enqueueWebhookEvent(
        trx,
        'article.source_changed',
        { articleId: event.articleId, edition: article?.edition ?? null, data: { change: event.change, item } },
        clock(),
      );
    },
  };
}
