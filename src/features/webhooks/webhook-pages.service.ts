import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { DELIVERY_PAGE_SIZE, listDeliveries, listWebhooks, type DeliveryLogItem, type WebhookListItem } from './webhook.repository.js';

/** What the newsroom's webhook pages read; the changes go through WebhookAdmin. */

export { DELIVERY_PAGE_SIZE };

export const webhookList = (db: Kysely<Database>): Promise<WebhookListItem[]> => listWebhooks(db);

/** A webhook's delivery log, a page at a time, newest first. */
export const deliveryPage = (db: Kysely<Database>, webhookId: number, page: number): Promise<{ items: DeliveryLogItem[]; total: number }> => listDeliveries(db, webhookId, page);
