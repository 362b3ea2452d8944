import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { articlePath } from '../../web/addresses.js';
import type { ArticleEventSink } from '../articles/article.desk.js';
import { enqueue, type ClaimedJob } from '../jobs/queue.js';
import { PermanentJobError, type JobHandler } from '../jobs/worker.js';
import { isSuccess, postJson, type PostOptions, type PostResult } from './post.js';
import { signDelivery } from './signature.js';
import { parseEvents, TEST_EVENT, type WebhookEvent } from './webhook.js';

type Db = Kysely<Database>;

export const DELIVER_JOB = 'webhook.deliver';
export const USER_AGENT = 'Dateline-Webhooks/1';
export const TIMEOUT_MS = 10_000;

/** What a delivery job carries: which event, to which webhook; the article is read when it runs. */
export interface DeliveryPayload {
  webhookId: number;
  event: WebhookEvent | typeof TEST_EVENT;
  articleId: number | null;
  /** What the event says beyond the article, as it was when it happened (wire events). */
  data?: Record<string, unknown>;
  /** The article's edition, still known when the article has been deleted since. */
  edition: string | null;
  /** The same for every webhook and every retry of one event: receivers deduplicate by it. */
  eventId: string;
  occurredAt: string;
  /** A test event is tried once: the admin who pressed the button wants to see the answer now. */
  test?: boolean;
}

/** The JSON body of a delivery (documented in docs/decisions/0009-webhooks-and-jobs.md). */
export interface DeliveryBody {
  id: string;
  event: string;
  occurredAt: string;
  article: {
    id: number;
    edition: string | null;
    headline: string | null;
    /** The public address, while the article is published. */
    url: string | null;
    status: string;
    publishedAt: string | null;
    updatedAt: string | null;
    modifiedAt: string | null;
  } | null;
  /** The event's own facts: the wire item and the change (`article.source_changed`), the alert and the item (`wire.alert`). */
  data?: Record<string, unknown>;
}

/** What an event is about: an article (read again when the delivery runs) and the event's own facts. */
export interface WebhookSubject {
  articleId?: number | null;
  edition?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Queues one event for every active webhook subscribed to it, in the caller's transaction: it
 * is sent by the job worker only if the change it reports commits. Returns the event's id
 * (null when no webhook wants it).
 */
export async function enqueueWebhookEvent(trx: Db, event: WebhookEvent, subject: WebhookSubject, now: Date): Promise<string | null> {
  const hooks = await trx.selectFrom('webhooks').select(['id', 'events']).where('disabled_at', 'is', null).orderBy('id').execute();
  const subscribed = hooks.filter((h) => parseEvents(h.events).includes(event));
  if (!subscribed.length) return null;
  const eventId = randomUUID();
  for (const hook of subscribed) {
    const payload: DeliveryPayload = {
      webhookId: hook.id,
      event,
      articleId: subject.articleId ?? null,
      edition: subject.edition ?? null,
      eventId,
      occurredAt: now.toISOString(),
      ...(subject.data ? { data: subject.data } : {}),
    };
    await enqueue(trx, DELIVER_JOB, payload, now);
  }
  return eventId;
}

/**
 * The article event sink: for each active webhook subscribed to the event, one delivery job,
 * written in the transaction of the change. Nothing is sent here, so a publish never waits for
 * a receiver, and an event of a change that rolls back is never sent.
 */
export function webhookEventSink(options: { clock?: () => Date } = {}): ArticleEventSink {
  const clock = options.clock ?? (() => new Date());
  return async (trx, event, article) => {
    await enqueueWebhookEvent(trx, event, { articleId: article.id, edition: article.edition }, clock());
  };
}

/** Queues a test event for one webhook (the "Send a test event" button). */
export async function enqueueTestEvent(db: Db, webhookId: number, now: Date): Promise<string> {
  const eventId = randomUUID();
  const payload: DeliveryPayload = { webhookId, event: TEST_EVENT, articleId: null, edition: null, eventId, occurredAt: now.toISOString(), test: true };
  await enqueue(db, DELIVER_JOB, payload, now);
  return eventId;
}

const utc = (iso: string | null) => (iso ? new Date(iso).toISOString() : null);

/**
 * The article as it is when the delivery runs, not as it was at the event: a retry an hour later
 * carries the current headline and status, and `event` and `occurredAt` say what happened when.
 */
export async function deliveryBody(db: Db, siteUrl: string, payload: DeliveryPayload): Promise<DeliveryBody> {
  const base = { id: payload.eventId, event: payload.event, occurredAt: payload.occurredAt, ...(payload.data ? { data: payload.data } : {}) };
  let articleId = payload.articleId;
  if (payload.test) {
    // A realistic body to test with: the newest published article, if there is one.
    articleId = (await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('published_at', 'desc').orderBy('id', 'desc').executeTakeFirst())?.id ?? null;
  }
  if (articleId === null) return { ...base, article: null };
  const row = await db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .innerJoin('editions as e', 'e.code', 'a.edition')
    .select(['a.id', 'a.edition', 'a.headline', 'a.slug', 'a.status', 'a.published_at', 'a.updated_at', 'a.modified_at', 's.slug as section_slug', 'e.code', 'e.is_default', 'e.time_zone'])
    .where('a.id', '=', articleId)
    .executeTakeFirst();
  if (!row) {
    return { ...base, article: { id: articleId, edition: payload.edition, headline: null, url: null, status: 'deleted', publishedAt: null, updatedAt: null, modifiedAt: null } };
  }
  const published = row.status === 'published' && row.published_at;
  return {
    ...base,
    article: {
      id: row.id,
      edition: row.edition,
      headline: row.headline,
      url: published ? `${siteUrl}${articlePath(row, row.section_slug, row.published_at as string, row.slug)}` : null,
      status: row.status,
      publishedAt: row.status === 'published' || row.status === 'unpublished' || row.status === 'scheduled' ? utc(row.published_at) : null,
      // As in the content API: only a substantive update after publication counts.
      updatedAt: row.updated_at && row.published_at && row.updated_at > row.published_at ? utc(row.updated_at) : null,
      modifiedAt: utc(row.modified_at),
    },
  };
}

export interface DeliveryOptions {
  db: Db;
  siteUrl: string;
  allowPrivate: boolean;
  timeoutMs?: number;
  clock?: () => Date;
  /** Replaces the HTTP request (tests of the job logic alone). */
  post?: (url: string, body: string, headers: Record<string, string>, options: PostOptions) => Promise<PostResult>;
}

function readPayload(value: unknown): DeliveryPayload {
  const p = value as Partial<DeliveryPayload> | null;
  if (!p || typeof p.webhookId !== 'number' || typeof p.event !== 'string' || typeof p.eventId !== 'string' || typeof p.occurredAt !== 'string') {
    throw new PermanentJobError('The delivery job has no webhook, event or event id.');
  }
  return { articleId: null, edition: null, ...p } as DeliveryPayload;
}

/** One attempt: sign, POST, log the attempt; throw (to retry) unless the receiver answered 2xx. */
export async function deliver(options: DeliveryOptions, value: unknown, job: ClaimedJob): Promise<void> {
  const { db } = options;
  const clock = options.clock ?? (() => new Date());
  const payload = readPayload(value);
  const hook = await db.selectFrom('webhooks').selectAll().where('id', '=', payload.webhookId).executeTakeFirst();
  // Deleted or disabled since the event: its pending deliveries are dropped, quietly.
  if (!hook || hook.disabled_at) return;
  const body = JSON.stringify(await deliveryBody(db, options.siteUrl, payload));
  const timestamp = Math.floor(clock().getTime() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'x-dateline-event': payload.event,
    'x-dateline-delivery': payload.eventId,
    'x-dateline-timestamp': String(timestamp),
    'x-dateline-signature': signDelivery(hook.secret, timestamp, body),
  };
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const result = await (options.post ?? postJson)(hook.url, body, headers, { timeoutMs, allowPrivate: options.allowPrivate });
  await db
    .insertInto('webhook_deliveries')
    .values({
      webhook_id: hook.id,
      job_id: job.id,
      event: payload.event,
      article_id: payload.articleId,
      attempt: job.attempts,
      status_code: result.statusCode,
      response_excerpt: result.excerpt,
      error: result.error,
      duration_ms: result.durationMs,
      at: clock().toISOString(),
    })
    .execute();
  if (isSuccess(result)) return;
  const reason = result.error ?? `The receiver answered ${result.statusCode}.`;
  throw payload.test ? new PermanentJobError(reason) : new Error(reason);
}

/** The job handlers of webhooks, for the worker (server.ts). */
export function webhookJobHandlers(options: DeliveryOptions): Record<string, JobHandler> {
  return { [DELIVER_JOB]: (payload, job) => deliver(options, payload, job) };
}

/** Delivery logs are kept as long as the jobs they ran in (the worker's housekeeping). */
export async function purgeDeliveries(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('webhook_deliveries').where('at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
