import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** A keyword alert (with notify on) matched a newly arrived item. */
export interface WireAlertMatch {
  alertId: number;
  userId: number;
  itemId: number;
  keywords: string;
}

/** An item an article was written from was updated, withheld or killed after the writer saw it. */
export interface WireSourceChange {
  articleId: number;
  itemId: number;
  change: 'updated' | 'withheld' | 'canceled';
}

/**
 * What storing wire items tells the rest of the app. The store calls these inside the item's
 * transaction (passing it as `trx`), so that a webhook delivery queued by the app's sink commits
 * or rolls back with the item: an event is never sent for an item that was not stored. The app
 * wires them to webhooks; the store itself knows nothing of webhooks (wires may not be imported
 * by lower features, and the store needs no HTTP).
 */
export interface WireEvents {
  alertMatched(trx: Kysely<Database>, event: WireAlertMatch): Promise<void>;
  sourceChanged(trx: Kysely<Database>, event: WireSourceChange): Promise<void>;
}

/** Events nobody listens to: the CLI, the bench, and tests that do not look at events. */
export const noWireEvents: WireEvents = {
  alertMatched: async () => {},
  sourceChanged: async () => {},
};
