import type { Kysely, Selectable } from 'kysely';
import type { Database, WebhookDeliveryTable, WebhookTable } from '../../db/schema.js';

type Db = Kysely<Database>;

export type WebhookRow = Selectable<WebhookTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;

export interface WebhookListItem extends WebhookRow {
  last: Pick<DeliveryRow, 'status_code' | 'error' | 'at'> | null;
}

export const findWebhook = (db: Db, id: number) => db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();

/** Every webhook, oldest first, each with its latest attempt. */
export async function listWebhooks(db: Db): Promise<WebhookListItem[]> {
  const hooks = await db.selectFrom('webhooks').selectAll().orderBy('id').execute();
  if (!hooks.length) return [];
  const latest = await db
    .selectFrom('webhook_deliveries as d')
    .select(['d.webhook_id', 'd.status_code', 'd.error', 'd.at'])
    .where('d.id', 'in', (eb) => eb.selectFrom('webhook_deliveries').select((e) => e.fn.max('id').as('id')).groupBy('webhook_id'))
    .execute();
  const byHook = new Map(latest.map((d) => [d.webhook_id, d]));
  return hooks.map((h) => {
    const d = byHook.get(h.id);
    return { ...h, last: d ? { status_code: d.status_code, error: d.error, at: d.at } : null };
  });
}

export interface DeliveryLogItem extends DeliveryRow {
  /** When the job will try again, on the latest attempt of a job still pending. */
  next_run_at: string | null;
  /** The job gave up: this was its last attempt. */
  gave_up: boolean;
}

export const DELIVERY_PAGE_SIZE = 25;

/** A webhook's attempts, newest first, a page at a time, with each pending job's next try. */
export async function listDeliveries(db: Db, webhookId: number, page: number, pageSize = DELIVERY_PAGE_SIZE): Promise<{ items: DeliveryLogItem[]; total: number }> {
  const total = Number(
    (await db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll().as('n')).where('webhook_id', '=', webhookId).executeTakeFirstOrThrow()).n,
  );
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .leftJoin('jobs as j', 'j.id', 'd.job_id')
    .selectAll('d')
    .select(['j.attempts as job_attempts', 'j.run_at as job_run_at', 'j.done_at as job_done_at', 'j.last_error as job_last_error'])
    .where('d.webhook_id', '=', webhookId)
    .orderBy('d.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total,
    items: rows.map(({ job_attempts, job_run_at, job_done_at, job_last_error, ...d }) => {
      const latestOfJob = job_attempts !== null && job_attempts === d.attempt;
      const failed = !(d.status_code !== null && d.status_code >= 200 && d.status_code < 300);
      return {
        ...d,
        next_run_at: latestOfJob && failed && job_done_at === null ? job_run_at : null,
        gave_up: latestOfJob && failed && job_done_at !== null && job_last_error !== null,
      };
    }),
  };
}
