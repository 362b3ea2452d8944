import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, type Actor } from '../users/policy.js';
import { enqueueTestEvent } from './delivery.js';
import { checkWebhookInput, newWebhookSecret, type WebhookInput } from './webhook.js';
import { findWebhook, type WebhookRow } from './webhook.repository.js';

type Db = Kysely<Database>;

/**
 * What admins do with webhooks: every call checks 'webhook.manage' (admins only) and writes the
 * change with its audit entry in one transaction. Secrets are never written to the audit log.
 */
export class WebhookAdmin {
  constructor(
    private readonly db: Db,
    private readonly allowPrivate: boolean,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async get(actor: Actor, id: number): Promise<WebhookRow> {
    authorize(actor, 'webhook.manage');
    const hook = await findWebhook(this.db, id);
    if (!hook) throw notFound('There is no webhook with this id.');
    return hook;
  }

  async create(actor: Actor, input: WebhookInput): Promise<number> {
    authorize(actor, 'webhook.manage');
    const fields = checkWebhookInput(input, { allowPrivate: this.allowPrivate });
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('webhooks')
        .values({ url: fields.url, events: JSON.stringify(fields.events), secret: newWebhookSecret(), description: fields.description, created_by: actor.userId, created_at: now.toISOString(), disabled_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, 'webhook.create', `webhook ${id}`, `${fields.url} (${fields.events.join(', ')})`, now);
      return id;
    });
  }

  async update(actor: Actor, id: number, input: WebhookInput): Promise<void> {
    const before = await this.get(actor, id);
    const fields = checkWebhookInput(input, { allowPrivate: this.allowPrivate });
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('webhooks').set({ url: fields.url, events: JSON.stringify(fields.events), description: fields.description }).where('id', '=', id).execute();
      const moved = before.url !== fields.url ? `${before.url} → ${fields.url}` : fields.url;
      await recordAudit(trx, actor, 'webhook.update', `webhook ${id}`, `${moved} (${fields.events.join(', ')})`, now);
    });
  }

  /** A new secret at once; deliveries signed with the old one are not re-signed, but retries are. */
  async rotateSecret(actor: Actor, id: number): Promise<void> {
    await this.get(actor, id);
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('webhooks').set({ secret: newWebhookSecret() }).where('id', '=', id).execute();
      await recordAudit(trx, actor, 'webhook.rotate_secret', `webhook ${id}`, '', now);
    });
  }

  async setEnabled(actor: Actor, id: number, enabled: boolean): Promise<void> {
    const hook = await this.get(actor, id);
    if (!!hook.disabled_at === !enabled) return;
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('webhooks').set({ disabled_at: enabled ? null : now.toISOString() }).where('id', '=', id).execute();
      await recordAudit(trx, actor, enabled ? 'webhook.enable' : 'webhook.disable', `webhook ${id}`, hook.url, now);
    });
  }

  /** Deletes the webhook and its log; its pending deliveries find it gone and are dropped. */
  async delete(actor: Actor, id: number): Promise<void> {
    const hook = await this.get(actor, id);
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
      await trx.deleteFrom('webhooks').where('id', '=', id).execute();
      await recordAudit(trx, actor, 'webhook.delete', `webhook ${id}`, hook.url, now);
    });
  }

  /** Queues a test event; it goes out within seconds and appears in the log. */
  async sendTest(actor: Actor, id: number): Promise<void> {
    const hook = await this.get(actor, id);
    if (hook.disabled_at) throw new AppError(409, 'disabled', 'This webhook is disabled; enable it to send a test event.');
    await enqueueTestEvent(this.db, id, this.clock());
  }
}
