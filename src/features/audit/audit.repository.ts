import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * Who did it, as the log records it: a signed-in user or an integration key (users/policy.ts's
 * Actor fits), or null for the system. Declared here rather than imported, so that the audit log
 * stays below every feature that writes to it, users included.
 */
export interface AuditActor {
  readonly userId: number | null;
  readonly name: string;
}

/**
 * The audit log: publish, unpublish, delete, role and account changes, key and settings changes.
 * Written in the same transaction as the change it records.
 */
export async function recordAudit(
  db: Kysely<Database>,
  actor: AuditActor | null,
  action: string,
  subject: string,
  detail = '',
  now = new Date(),
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ at: now.toISOString(), user_id: actor?.userId ?? null, actor: actor?.name ?? 'System', action, subject, detail })
    .execute();
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string;
}

export async function listAudit(db: Kysely<Database>, options: { limit: number; beforeId?: number | undefined; action?: string | undefined }): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').select(['id', 'at', 'actor', 'action', 'subject', 'detail']).orderBy('id', 'desc').limit(options.limit);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  if (options.action) query = query.where('action', '=', options.action);
  return query.execute();
}
