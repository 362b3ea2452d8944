import { type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { ArticleRow, Database } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { indexArticle } from '../search/search-index.repository.js';
import { authorize, type Actor, type ArticleFacts, type WorkflowState } from '../users/policy.js';
import { articlePath } from '../../web/addresses.js';
import { checkFields, createArticle, FieldErrors, loadSnapshot, updateFields, writeRevision, type ArticleFields, type ArticleSnapshot } from './article.service.js';

type Db = Kysely<Database>;

/** An editor's lock lapses this long after the editor page last said it is still open. */
export const LOCK_TTL_MS = 2 * 60_000;
/** Autosaves by the same person within this time are kept as one revision. */
const AUTOSAVE_COALESCE_MS = 10 * 60_000;
/** How far ahead an article may be scheduled. */
const MAX_SCHEDULE_MS = 2 * 366 * 24 * 3600_000;

export function workflowState(a: Pick<ArticleRow, 'status' | 'submitted_at'>): WorkflowState {
  return a.status === 'draft' && a.submitted_at ? 'in_review' : a.status;
}

export const factsOf = (a: Pick<ArticleRow, 'status' | 'submitted_at' | 'created_by'> & Partial<Pick<ArticleRow, 'created_by_key'>>): ArticleFacts => ({
  createdBy: a.created_by,
  createdByKey: a.created_by_key ?? null,
  state: workflowState(a),
});

export interface SaveOptions {
  autosave?: boolean;
  /** A substantive update of a published article: sets "Updated …". */
  substantive?: boolean;
  /** Text of a correction note to add (published articles). */
  correction?: string;
  /** The modified_at the editor started from: a save over someone else's newer save is refused. */
  baseModifiedAt?: string | undefined;
}

/** What readers (and webhook subscribers) see happen to an article. */
export type ArticleEvent = 'article.published' | 'article.updated' | 'article.unpublished';

/**
 * Called inside the transaction of the change, so that whatever it records (a webhook delivery
 * job, say) commits or rolls back with the change itself: an outbox, not a side effect.
 */
export type ArticleEventSink = (trx: Transaction<Database>, event: ArticleEvent, article: ArticleRow) => Promise<void>;

export interface LockState {
  held: boolean;
  /** The other person holding it, when not us. */
  holder: { userId: number; name: string; since: string } | null;
}

/**
 * The newsroom's use cases for articles: each checks the actor's role (policy.ts), writes in one
 * transaction with a revision and the search index, records the audit log, and clears the page
 * cache when readers can see the change. The newsroom pages and the admin API both call this.
 */
export class ArticleDesk {
  constructor(
    private readonly db: Db,
    private readonly invalidate: (editions: readonly string[]) => void,
    private readonly clock: () => Date = () => new Date(),
    private readonly emit: ArticleEventSink = async () => undefined,
  ) {}

  async get(id: number): Promise<ArticleRow> {
    const row = await this.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('There is no article with this id.');
    return row;
  }

  async view(actor: Actor, id: number): Promise<{ row: ArticleRow; snapshot: ArticleSnapshot }> {
    const row = await this.get(id);
    authorize(actor, 'article.view', factsOf(row));
    return { row, snapshot: (await loadSnapshot(this.db, id)) as ArticleSnapshot };
  }

  async create(actor: Actor, fields: ArticleFields): Promise<number> {
    authorize(actor, 'article.create');
    const now = this.clock();
    const id = await createArticle(this.db, { ...fields, status: 'draft', createdBy: actor.userId, savedBy: actor.name, now });
    if (actor.userId !== null) await this.db.updateTable('articles').set({ locked_by: actor.userId, locked_at: now.toISOString() }).where('id', '=', id).execute();
    // An integration key has no user row; it is remembered so that it owns what it created (policy.ts).
    if (actor.apiKeyId !== undefined) await this.db.updateTable('articles').set({ created_by_key: actor.apiKeyId }).where('id', '=', id).execute();
    return id;
  }

  async save(actor: Actor, id: number, input: ArticleFields, options: SaveOptions = {}): Promise<ArticleRow> {
    const fields = checkFields(input);
    const correction = options.correction?.trim() ?? '';
    if (correction.length > 2_000) throw new FieldErrors({ correction: 'A correction may have at most 2,000 characters.' });
    const now = this.clock();
    const result = await this.db.transaction().execute(async (trx) => {
      const before = await this.locked(trx, id);
      authorize(actor, 'article.edit', factsOf(before));
      if (correction) {
        authorize(actor, 'article.correct', factsOf(before));
        if (before.status !== 'published') throw new FieldErrors({ correction: 'Only a published article can carry a correction.' });
      }
      if (options.autosave && before.status !== 'draft') throw new AppError(409, 'not_a_draft', 'Only drafts are saved automatically; save this article yourself.');
      this.checkLock(actor, before, now);
      if (options.baseModifiedAt && options.baseModifiedAt !== before.modified_at) {
        const last = await trx.selectFrom('revisions').select(['author_name', 'created_at']).where('article_id', '=', id).orderBy('id', 'desc').executeTakeFirst();
        throw new AppError(409, 'stale', `${last?.author_name ?? 'Someone'} saved this article after you opened it; reload it to see their changes (yours are still in the form).`);
      }
      await updateFields(trx, id, fields);
      const published = before.status === 'published';
      const substantive = published && (options.substantive || !!correction);
      await trx
        .updateTable('articles')
        .set({ modified_at: now.toISOString(), ...(substantive ? { updated_at: now.toISOString() } : {}) })
        .where('id', '=', id)
        .execute();
      if (correction) await trx.insertInto('corrections').values({ article_id: id, created_at: now.toISOString(), text: correction }).execute();
      if (published && before.slug !== fields.slug && before.published_at) await this.keepOldPath(trx, before);
      const note = correction ? 'Correction' : substantive ? 'Substantive update' : options.autosave ? 'Autosave' : 'Saved';
      await this.revision(trx, actor, id, note, now, options.autosave === true);
      if (correction) await recordAudit(trx, actor, 'article.correct', `article ${id}`, correction, now);
      await indexArticle(trx, id);
      const row = await this.get2(trx, id);
      if (published) await this.emit(trx, 'article.updated', row);
      return { published, row };
    });
    if (result.published) await this.invalidateFor(result.row);
    return result.row;
  }

  async submit(actor: Actor, id: number): Promise<void> {
    await this.transition(actor, id, 'article.submit', async (trx, row, now) => {
      if (workflowState(row) !== 'draft') throw new AppError(409, 'bad_state', 'Only a draft can be submitted for review.');
      await trx.updateTable('articles').set({ submitted_at: now.toISOString(), submitted_by: actor.userId }).where('id', '=', id).execute();
      return 'Submitted for review';
    });
  }

  async withdraw(actor: Actor, id: number): Promise<void> {
    await this.transition(actor, id, 'article.withdraw', async (trx, row) => {
      if (workflowState(row) !== 'in_review') throw new AppError(409, 'bad_state', 'The article is not in review.');
      await trx.updateTable('articles').set({ submitted_at: null, submitted_by: null }).where('id', '=', id).execute();
      return 'Returned to draft';
    });
  }

  async publish(actor: Actor, id: number): Promise<void> {
    await this.transition(actor, id, 'article.publish', async (trx, row, now) => {
      if (row.status === 'published') throw new AppError(409, 'bad_state', 'The article is already published.');
      // Republishing an unpublished story keeps its original date; a scheduled one goes out now.
      const publishedAt = row.status === 'unpublished' && row.published_at ? row.published_at : now.toISOString();
      await trx
        .updateTable('articles')
        .set({ status: 'published', published_at: publishedAt, submitted_at: null, submitted_by: null, modified_at: now.toISOString() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, 'article.publish', `article ${id}`, row.headline, now);
      return 'Published';
    });
  }

  async schedule(actor: Actor, id: number, at: Date): Promise<void> {
    const now = this.clock();
    if (Number.isNaN(at.getTime())) throw new FieldErrors({ publishAt: 'Give a date and time to publish at.' });
    if (at.getTime() <= now.getTime()) throw new FieldErrors({ publishAt: 'The time to publish at must be in the future.' });
    if (at.getTime() - now.getTime() > MAX_SCHEDULE_MS) throw new FieldErrors({ publishAt: 'An article can be scheduled at most two years ahead.' });
    await this.transition(actor, id, 'article.schedule', async (trx, row) => {
      if (row.status === 'published') throw new AppError(409, 'bad_state', 'A published article cannot be scheduled; unpublish it first.');
      await trx
        .updateTable('articles')
        .set({ status: 'scheduled', published_at: at.toISOString(), submitted_at: null, submitted_by: null })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, 'article.schedule', `article ${id}`, `${row.headline} at ${at.toISOString()}`, now);
      return `Scheduled for ${at.toISOString()}`;
    });
  }

  async unschedule(actor: Actor, id: number): Promise<void> {
    await this.transition(actor, id, 'article.schedule', async (trx, row, now) => {
      if (row.status !== 'scheduled') throw new AppError(409, 'bad_state', 'The article is not scheduled.');
      await trx.updateTable('articles').set({ status: 'draft', published_at: null }).where('id', '=', id).execute();
      await recordAudit(trx, actor, 'article.unschedule', `article ${id}`, row.headline, now);
      return 'Schedule cancelled';
    });
  }

  async unpublish(actor: Actor, id: number): Promise<void> {
    await this.transition(actor, id, 'article.unpublish', async (trx, row, now) => {
      if (row.status !== 'published') throw new AppError(409, 'bad_state', 'The article is not published.');
      await trx.updateTable('articles').set({ status: 'unpublished', modified_at: now.toISOString() }).where('id', '=', id).execute();
      await recordAudit(trx, actor, 'article.unpublish', `article ${id}`, row.headline, now);
      return 'Unpublished';
    });
  }

  async delete(actor: Actor, id: number): Promise<void> {
    const now = this.clock();
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await this.locked(trx, id);
      authorize(actor, 'article.delete', factsOf(row));
      await recordAudit(trx, actor, 'article.delete', `article ${id}`, `${row.headline} (${row.status})`, now);
      if (row.status === 'published') await this.emit(trx, 'article.unpublished', row);
      await trx.deleteFrom('search_documents').where('article_id', '=', id).execute();
      await trx.deleteFrom('articles').where('id', '=', id).execute();
      return row;
    });
    if (row.status === 'published') await this.invalidateFor(row);
  }

  /** Brings back an earlier revision's fields as a new revision (the workflow state stays). */
  async restore(actor: Actor, id: number, revisionId: number): Promise<void> {
    const revision = await this.db.selectFrom('revisions').select(['snapshot']).where('id', '=', revisionId).where('article_id', '=', id).executeTakeFirst();
    if (!revision) throw notFound('There is no such revision of this article.');
    const old = JSON.parse(revision.snapshot) as ArticleSnapshot;
    const row = await this.get(id);
    authorize(actor, 'article.restore', factsOf(row));
    const fields: ArticleFields = {
      edition: row.edition,
      sectionId: old.sectionId,
      slug: old.slug,
      headline: old.headline,
      standfirst: old.standfirst,
      body: old.body,
      datelinePlace: old.datelinePlace,
      seoTitle: old.seoTitle,
      seoDescription: old.seoDescription,
      leadMediaId: old.leadMediaId,
      translationGroup: old.translationGroup,
      isTop: old.isTop,
      authorIds: old.authorIds,
      tags: old.tags,
      sources: old.sources.map((s) => ('kind' in s ? { kind: s.kind } : { publicationId: s.publicationId, url: s.url ?? null, ...(s.role ? { role: s.role } : {}) })),
    };
    await this.saveAs(actor, id, fields, `Restored revision ${revisionId}`);
  }

  /** Publishes scheduled articles whose time has come; run every few seconds and at start-up. */
  async publishDue(): Promise<number> {
    const now = this.clock();
    const due = await this.db.selectFrom('articles').select('id').where('status', '=', 'scheduled').where('published_at', '<=', now.toISOString()).orderBy('published_at').limit(100).execute();
    let published = 0;
    for (const { id } of due) {
      const row = await this.db.transaction().execute(async (trx) => {
        // The status guard makes this safe when several instances race for the same article.
        const result = await trx
          .updateTable('articles')
          .set({ status: 'published', modified_at: now.toISOString() })
          .where('id', '=', id)
          .where('status', '=', 'scheduled')
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return undefined;
        await this.revision(trx, null, id, 'Published on schedule', now, false);
        const row = await this.get2(trx, id);
        await recordAudit(trx, null, 'article.publish', `article ${id}`, `${row.headline} (scheduled for ${row.published_at})`, now);
        await indexArticle(trx, id);
        await this.emit(trx, 'article.published', row);
        return row;
      });
      if (row) {
        published++;
        await this.invalidateFor(row);
      }
    }
    return published;
  }

  /** Takes (or refreshes) the editing lock; `takeOver` takes it from someone else. */
  async lock(actor: Actor, id: number, takeOver = false): Promise<LockState> {
    if (actor.userId === null) return { held: true, holder: null };
    const row = await this.get(id);
    authorize(actor, 'article.view', factsOf(row));
    const now = this.clock();
    const holder = await this.named(this.holder(actor, row, now));
    if (holder && !takeOver) return { held: false, holder };
    await this.db.updateTable('articles').set({ locked_by: actor.userId, locked_at: now.toISOString() }).where('id', '=', id).execute();
    return { held: true, holder: null };
  }

  async unlock(actor: Actor, id: number): Promise<void> {
    if (actor.userId === null) return;
    await this.db.updateTable('articles').set({ locked_by: null, locked_at: null }).where('id', '=', id).where('locked_by', '=', actor.userId).execute();
  }

  async lockHolder(actor: Actor, row: ArticleRow): Promise<LockState['holder']> {
    return this.named(this.holder(actor, row, this.clock()));
  }

  private async named(holder: LockState['holder']): Promise<LockState['holder']> {
    if (!holder) return null;
    const user = await this.db.selectFrom('users').select('name').where('id', '=', holder.userId).executeTakeFirst();
    return { ...holder, name: user?.name ?? 'Someone' };
  }

  /** The secret preview link's token, made on first use. */
  async previewToken(actor: Actor, id: number): Promise<string> {
    const row = await this.get(id);
    authorize(actor, 'article.view', factsOf(row));
    if (row.preview_token) return row.preview_token;
    const token = randomBytes(24).toString('base64url');
    await this.db.updateTable('articles').set({ preview_token: token }).where('id', '=', id).where('preview_token', 'is', null).execute();
    return (await this.get(id)).preview_token as string;
  }

  // ---- internals ----

  private get2(trx: Db, id: number): Promise<ArticleRow> {
    return trx.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  /** Reads the article for a write; on PostgreSQL the row stays locked until the transaction ends. */
  private async locked(trx: Transaction<Database>, id: number): Promise<ArticleRow> {
    let query = trx.selectFrom('articles').selectAll().where('id', '=', id);
    // SQLite has no row locks (and needs none: one writer at a time holds the whole database).
    if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw notFound('There is no article with this id.');
    return row;
  }

  private holder(actor: Actor, row: ArticleRow, now: Date): LockState['holder'] {
    if (row.locked_by === null || row.locked_by === actor.userId || !row.locked_at) return null;
    if (now.getTime() - Date.parse(row.locked_at) > LOCK_TTL_MS) return null;
    return { userId: row.locked_by, name: '', since: row.locked_at };
  }

  private checkLock(actor: Actor, row: ArticleRow, now: Date): void {
    if (this.holder(actor, row, now)) {
      throw new AppError(409, 'locked', 'Someone else is editing this article. Take it over to save your changes (theirs may be lost).');
    }
  }

  private async saveAs(actor: Actor, id: number, input: ArticleFields, note: string): Promise<void> {
    const fields = checkFields(input);
    const now = this.clock();
    const row = await this.db.transaction().execute(async (trx) => {
      const before = await this.locked(trx, id);
      authorize(actor, 'article.edit', factsOf(before));
      this.checkLock(actor, before, now);
      await updateFields(trx, id, fields);
      await trx.updateTable('articles').set({ modified_at: now.toISOString() }).where('id', '=', id).execute();
      if (before.status === 'published' && before.slug !== fields.slug && before.published_at) await this.keepOldPath(trx, before);
      await this.revision(trx, actor, id, note, now, false);
      await indexArticle(trx, id);
      const row = await this.get2(trx, id);
      if (row.status === 'published') await this.emit(trx, 'article.updated', row);
      return row;
    });
    if (row.status === 'published') await this.invalidateFor(row);
  }

  private async transition(
    actor: Actor,
    id: number,
    action: Parameters<typeof authorize>[1],
    apply: (trx: Transaction<Database>, row: ArticleRow, now: Date) => Promise<string>,
  ): Promise<void> {
    const now = this.clock();
    const { before, after } = await this.db.transaction().execute(async (trx) => {
      const before = await this.locked(trx, id);
      authorize(actor, action, factsOf(before));
      const note = await apply(trx, before, now);
      await this.revision(trx, actor, id, note, now, false);
      await indexArticle(trx, id);
      const after = await this.get2(trx, id);
      if (before.status !== 'published' && after.status === 'published') await this.emit(trx, 'article.published', after);
      if (before.status === 'published' && after.status !== 'published') await this.emit(trx, 'article.unpublished', after);
      return { before, after };
    });
    if (before.status === 'published' || after.status === 'published') await this.invalidateFor(after);
  }

  private async revision(trx: Db, actor: Actor | null, id: number, note: string, now: Date, autosave: boolean): Promise<void> {
    const by = { userId: actor?.userId ?? null, name: actor?.name ?? 'Scheduler' };
    if (autosave) {
      const last = await trx.selectFrom('revisions').select(['id', 'note', 'user_id', 'created_at']).where('article_id', '=', id).orderBy('id', 'desc').executeTakeFirst();
      if (last && last.note === 'Autosave' && last.user_id === by.userId && now.getTime() - Date.parse(last.created_at) < AUTOSAVE_COALESCE_MS) {
        const snapshot = await loadSnapshot(trx, id);
        await trx.updateTable('revisions').set({ snapshot: JSON.stringify(snapshot), created_at: now.toISOString() }).where('id', '=', last.id).execute();
        return;
      }
    }
    await writeRevision(trx, id, by, note, now);
  }

  /** A published article's old URL keeps working after a slug change (301 to the new one). */
  private async keepOldPath(trx: Transaction<Database>, before: ArticleRow): Promise<void> {
    const edition = await trx.selectFrom('editions').selectAll().where('code', '=', before.edition).executeTakeFirstOrThrow();
    const section = await trx.selectFrom('sections').select('slug').where('id', '=', before.section_id).executeTakeFirstOrThrow();
    const from = articlePath(edition, section.slug, before.published_at as string, before.slug);
    await trx.deleteFrom('redirects').where('from_path', '=', from).execute();
    await trx.insertInto('redirects').values({ edition: before.edition, from_path: from, article_id: before.id, created_at: this.clock().toISOString() }).execute();
  }

  private async invalidateFor(row: ArticleRow): Promise<void> {
    const editions = new Set([row.edition]);
    if (row.translation_group) {
      const others = await this.db.selectFrom('articles').select('edition').where('translation_group', '=', row.translation_group).execute();
      for (const o of others) editions.add(o.edition);
    }
    this.invalidate([...editions]);
  }
}
