import type { Kysely, Transaction } from 'kysely';
import { randomBytes } from 'node:crypto';
import { articleChangeKeys, pageKeys } from '../../cache/page-keys.js';
import type { ArticleRow, Database } from '../../db/schema.js';
import { AppError, FieldErrors, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { indexArticle } from '../search/search-index.repository.js';
import { authorize, type Actor, type ArticleFacts, type WorkflowState } from '../users/policy.js';
import { articlePath } from '../../web/addresses.js';
import { checkLock, initialLock, lockHolder, releaseLock, writeLock, type LockState } from './article.locks.js';
import {
  claimPreviewToken,
  deleteArticle,
  findArticleFootprint,
  findArticleForUpdate,
  findArticleRow,
  findEditionRow,
  findLastRevision,
  findRunningEmbargo,
  findRevisionSnapshot,
  findSectionEdition,
  findSectionSlug,
  findUserName,
  getArticleRow,
  insertCorrection,
  listDueScheduled,
  postponeScheduled,
  publishIfScheduled,
  replaceRedirect,
  replaceRevisionSnapshot,
  updateArticle,
} from './article.repository.js';
import type { BodyDocument } from './body.js';
import { checkFields, createArticle, loadSnapshot, updateFields, writeRevision, type ArticleFields, type ArticleInput, type ArticleSnapshot } from './article.service.js';

type Db = Kysely<Database>;

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

/**
 * The newsroom's use cases for articles: each checks the actor's role (policy.ts), writes in one
 * transaction with a revision and the search index, records the audit log, and clears the page
 * cache when readers can see the change. The newsroom pages and the admin API both call this.
 * `purge` hears, after each commit readers can see, the keys of the pages it touched
 * (cache/page-keys.ts).
 */
export class ArticleDesk {
  constructor(
    private readonly db: Db,
    private readonly purge: (keys: readonly string[]) => void,
    private readonly clock: () => Date = () => new Date(),
    private readonly emit: ArticleEventSink = async () => undefined,
    /** Fills what a body needs from outside before it is saved (embed cards, decision 0022); outside the transaction. */
    private readonly prepareBody: (body: BodyDocument) => Promise<BodyDocument> = async (body) => body,
  ) {}

  async get(id: number): Promise<ArticleRow> {
    const row = await findArticleRow(this.db, id);
    if (!row) throw notFound('There is no article with this id.');
    return row;
  }

  async view(actor: Actor, id: number): Promise<{ row: ArticleRow; snapshot: ArticleSnapshot }> {
    const row = await this.get(id);
    authorize(actor, 'article.view', factsOf(row));
    return { row, snapshot: (await loadSnapshot(this.db, id)) as ArticleSnapshot };
  }

  /** The end of the embargo of a wire report the article was written from, while it runs (else null). */
  embargoUntil(id: number): Promise<string | null> {
    return findRunningEmbargo(this.db, id, this.clock());
  }

  /** The edition a section belongs to (undefined: no such section), for callers that pick a section. */
  sectionEdition(sectionId: number): Promise<string | undefined> {
    return findSectionEdition(this.db, sectionId);
  }

  /**
   * A draft, with its creator's editing lock and, from the admin API, its owning key: all or
   * nothing. `within` writes what belongs with it (the wire desk's links) in the same transaction.
   */
  async create(actor: Actor, fields: ArticleFields, within?: ArticleInput['within']): Promise<number> {
    authorize(actor, 'article.create');
    const now = this.clock();
    const lock = initialLock(actor, now);
    return createArticle(this.db, {
      ...fields,
      body: await this.prepareBody(fields.body),
      status: 'draft',
      createdBy: actor.userId,
      // An integration key has no user row; it is remembered so that it owns what it created (policy.ts).
      createdByKey: actor.apiKeyId ?? null,
      lock: { lockedBy: lock.locked_by, lockedAt: lock.locked_at },
      savedBy: actor.name,
      now,
      ...(within ? { within } : {}),
    });
  }

  async save(actor: Actor, id: number, input: ArticleFields, options: SaveOptions = {}): Promise<ArticleRow> {
    const fields = checkFields({ ...input, body: await this.prepareBody(input.body) });
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
      checkLock(actor, before, now);
      if (options.baseModifiedAt && options.baseModifiedAt !== before.modified_at) {
        const last = await findLastRevision(trx, id);
        throw new AppError(409, 'stale', `${last?.author_name ?? 'Someone'} saved this article after you opened it; reload it to see their changes (yours are still in the form).`);
      }
      const published = before.status === 'published';
      // Where it was listed before the save (a section or tag it leaves keeps a gap to redraw).
      const footprint = published ? await findArticleFootprint(trx, id) : undefined;
      await updateFields(trx, id, fields, now);
      const substantive = published && (options.substantive || !!correction);
      await updateArticle(trx, id, { modified_at: now.toISOString(), ...(substantive ? { updated_at: now.toISOString() } : {}) });
      if (correction) await insertCorrection(trx, id, now, correction);
      if (published && before.slug !== fields.slug && before.published_at) await this.keepOldPath(trx, before);
      const note = correction ? 'Correction' : substantive ? 'Substantive update' : options.autosave ? 'Autosave' : 'Saved';
      await this.revision(trx, actor, id, note, now, options.autosave === true);
      if (correction) await recordAudit(trx, actor, 'article.correct', `article ${id}`, correction, now);
      await indexArticle(trx, id);
      const row = await getArticleRow(trx, id);
      if (published) await this.emit(trx, 'article.updated', row);
      return { published, row, touched: published ? articleChangeKeys(footprint, await findArticleFootprint(trx, id)) : [] };
    });
    if (result.published) this.purge(result.touched);
    return result.row;
  }

  async submit(actor: Actor, id: number): Promise<void> {
    await this.transition(actor, id, 'article.submit', async (trx, row, now) => {
      if (workflowState(row) !== 'draft') throw new AppError(409, 'bad_state', 'Only a draft can be submitted for review.');
      await updateArticle(trx, id, { submitted_at: now.toISOString(), submitted_by: actor.userId });
      return 'Submitted for review';
    });
  }

  async withdraw(actor: Actor, id: number): Promise<void> {
    await this.transition(actor, id, 'article.withdraw', async (trx, row) => {
      if (workflowState(row) !== 'in_review') throw new AppError(409, 'bad_state', 'The article is not in review.');
      await updateArticle(trx, id, { submitted_at: null, submitted_by: null });
      return 'Returned to draft';
    });
  }

  /**
   * Publishes now. `options.publishedAt` backdates it (archives, late records of what ran): a past
   * time only, since a future one is a schedule.
   */
  async publish(actor: Actor, id: number, options: { publishedAt?: Date } = {}): Promise<void> {
    const backdate = options.publishedAt;
    if (backdate !== undefined) {
      if (Number.isNaN(backdate.getTime())) throw new FieldErrors({ publishedAt: 'Give the date and time the article was published.' });
      if (backdate.getTime() > this.clock().getTime()) {
        throw new FieldErrors({ publishedAt: 'The publication date is in the future: to publish later, schedule the article instead.' });
      }
    }
    await this.transition(actor, id, 'article.publish', async (trx, row, now) => {
      if (row.status === 'published') throw new AppError(409, 'bad_state', 'The article is already published.');
      await this.refuseUnderEmbargo(trx, row, now, now, 'published');
      // Republishing an unpublished story keeps its original date; a scheduled one goes out now.
      const publishedAt = backdate ? backdate.toISOString() : row.status === 'unpublished' && row.published_at ? row.published_at : now.toISOString();
      await updateArticle(trx, id, { status: 'published', published_at: publishedAt, submitted_at: null, submitted_by: null, modified_at: now.toISOString() });
      await recordAudit(trx, actor, 'article.publish', `article ${id}`, backdate ? `${row.headline} (dated ${publishedAt})` : row.headline, now);
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
      await this.refuseUnderEmbargo(trx, row, now, at, 'scheduled');
      await updateArticle(trx, id, { status: 'scheduled', published_at: at.toISOString(), submitted_at: null, submitted_by: null });
      await recordAudit(trx, actor, 'article.schedule', `article ${id}`, `${row.headline} at ${at.toISOString()}`, now);
      return `Scheduled for ${at.toISOString()}`;
    });
  }

  async unschedule(actor: Actor, id: number): Promise<void> {
    await this.transition(actor, id, 'article.schedule', async (trx, row, now) => {
      if (row.status !== 'scheduled') throw new AppError(409, 'bad_state', 'The article is not scheduled.');
      await updateArticle(trx, id, { status: 'draft', published_at: null });
      await recordAudit(trx, actor, 'article.unschedule', `article ${id}`, row.headline, now);
      return 'Schedule cancelled';
    });
  }

  async unpublish(actor: Actor, id: number): Promise<void> {
    await this.transition(actor, id, 'article.unpublish', async (trx, row, now) => {
      if (row.status !== 'published') throw new AppError(409, 'bad_state', 'The article is not published.');
      await updateArticle(trx, id, { status: 'unpublished', modified_at: now.toISOString() });
      await recordAudit(trx, actor, 'article.unpublish', `article ${id}`, row.headline, now);
      return 'Unpublished';
    });
  }

  async delete(actor: Actor, id: number): Promise<void> {
    const now = this.clock();
    const { row, footprint } = await this.db.transaction().execute(async (trx) => {
      const row = await this.locked(trx, id);
      authorize(actor, 'article.delete', factsOf(row));
      await recordAudit(trx, actor, 'article.delete', `article ${id}`, `${row.headline} (${row.status})`, now);
      if (row.status === 'published') await this.emit(trx, 'article.unpublished', row);
      const footprint = await findArticleFootprint(trx, id);
      await deleteArticle(trx, id);
      return { row, footprint };
    });
    if (row.status === 'published') this.purge(articleChangeKeys(footprint));
  }

  /** Brings back an earlier revision's fields as a new revision (the workflow state stays). */
  async restore(actor: Actor, id: number, revisionId: number): Promise<void> {
    const snapshot = await findRevisionSnapshot(this.db, id, revisionId);
    if (snapshot === undefined) throw notFound('There is no such revision of this article.');
    const old = JSON.parse(snapshot) as ArticleSnapshot;
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
      sources: old.sources.map((s) =>
        'kind' in s ? { kind: s.kind, guid: s.guid ?? null } : { publicationId: s.publicationId, url: s.url ?? null, guid: s.guid ?? null, ...(s.role ? { role: s.role } : {}) },
      ),
    };
    await this.saveAs(actor, id, fields, `Restored revision ${revisionId}`);
  }

  /** Publishes scheduled articles whose time has come; run every few seconds and at start-up. */
  async publishDue(): Promise<number> {
    const now = this.clock();
    const due = await listDueScheduled(this.db, now, 100);
    let published = 0;
    for (const id of due) {
      const row = await this.db.transaction().execute(async (trx) => {
        // A report it was written from came under embargo (or a later one) after it was
        // scheduled: it waits, moved to the embargo's end, and goes out then, never before.
        const embargo = await findRunningEmbargo(trx, id, now);
        if (embargo) {
          if (!(await postponeScheduled(trx, id, now, embargo))) return undefined;
          await this.revision(trx, null, id, `Moved to the end of the embargo, ${embargo}`, now, false);
          return undefined;
        }
        // The status guard makes this safe when several instances race for the same article.
        if (!(await publishIfScheduled(trx, id, now))) return undefined;
        await this.revision(trx, null, id, 'Published on schedule', now, false);
        const row = await getArticleRow(trx, id);
        await recordAudit(trx, null, 'article.publish', `article ${id}`, `${row.headline} (scheduled for ${row.published_at})`, now);
        await indexArticle(trx, id);
        await this.emit(trx, 'article.published', row);
        return row;
      });
      if (row) {
        published++;
        await this.announceChanged(row.id);
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
    const holder = await this.named(lockHolder(actor, row, now));
    if (holder && !takeOver) return { held: false, holder };
    await writeLock(this.db, id, actor.userId, now);
    return { held: true, holder: null };
  }

  async unlock(actor: Actor, id: number): Promise<void> {
    if (actor.userId === null) return;
    await releaseLock(this.db, id, actor.userId);
  }

  async lockHolder(actor: Actor, row: ArticleRow): Promise<LockState['holder']> {
    return this.named(lockHolder(actor, row, this.clock()));
  }

  private async named(holder: LockState['holder']): Promise<LockState['holder']> {
    if (!holder) return null;
    return { ...holder, name: (await findUserName(this.db, holder.userId)) ?? 'Someone' };
  }

  /** The secret preview link's token, made on first use. */
  async previewToken(actor: Actor, id: number): Promise<string> {
    const row = await this.get(id);
    authorize(actor, 'article.view', factsOf(row));
    if (row.preview_token) return row.preview_token;
    // Two first uses at once agree on one token: the first stored wins.
    return claimPreviewToken(this.db, id, randomBytes(24).toString('base64url'));
  }

  // ---- internals ----

  /**
   * An article written from wire items (article_wire_items) goes out no earlier than their
   * embargo: publishing now, or scheduling for `at`, before it is refused with 409 `under_embargo`
   * and the time (decision 0013).
   */
  private async refuseUnderEmbargo(trx: Transaction<Database>, row: ArticleRow, now: Date, at: Date, what: 'published' | 'scheduled'): Promise<void> {
    const embargo = await findRunningEmbargo(trx, row.id, now);
    if (!embargo || Date.parse(embargo) <= at.getTime()) return;
    const zone = (await findEditionRow(trx, row.edition)).time_zone;
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(embargo));
    throw new AppError(
      409,
      'under_embargo',
      `A wire report this article was written from is under embargo until ${local} (${zone}), ${embargo}: it cannot be ${what} before then.`,
    );
  }

  /** The article for a write, locked against concurrent writers where the database can (PostgreSQL). */
  private async locked(trx: Transaction<Database>, id: number): Promise<ArticleRow> {
    const row = await findArticleForUpdate(trx, id);
    if (!row) throw notFound('There is no article with this id.');
    return row;
  }

  private async saveAs(actor: Actor, id: number, input: ArticleFields, note: string): Promise<void> {
    const fields = checkFields(input);
    const now = this.clock();
    const { row, touched } = await this.db.transaction().execute(async (trx) => {
      const before = await this.locked(trx, id);
      authorize(actor, 'article.edit', factsOf(before));
      checkLock(actor, before, now);
      const footprint = before.status === 'published' ? await findArticleFootprint(trx, id) : undefined;
      await updateFields(trx, id, fields, now);
      await updateArticle(trx, id, { modified_at: now.toISOString() });
      if (before.status === 'published' && before.slug !== fields.slug && before.published_at) await this.keepOldPath(trx, before);
      await this.revision(trx, actor, id, note, now, false);
      await indexArticle(trx, id);
      const row = await getArticleRow(trx, id);
      if (row.status === 'published') await this.emit(trx, 'article.updated', row);
      return { row, touched: row.status === 'published' ? articleChangeKeys(footprint, await findArticleFootprint(trx, id)) : [] };
    });
    if (row.status === 'published') this.purge(touched);
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
      const after = await getArticleRow(trx, id);
      if (before.status !== 'published' && after.status === 'published') await this.emit(trx, 'article.published', after);
      if (before.status === 'published' && after.status !== 'published') await this.emit(trx, 'article.unpublished', after);
      return { before, after };
    });
    // A transition changes no section, tag or byline: the footprint after it is the one before.
    if (before.status === 'published' || after.status === 'published') await this.announceChanged(after.id);
  }

  private async revision(trx: Db, actor: Actor | null, id: number, note: string, now: Date, autosave: boolean): Promise<void> {
    const by = { userId: actor?.userId ?? null, name: actor?.name ?? 'Scheduler' };
    if (autosave) {
      const last = await findLastRevision(trx, id);
      if (last && last.note === 'Autosave' && last.user_id === by.userId && now.getTime() - Date.parse(last.created_at) < AUTOSAVE_COALESCE_MS) {
        const snapshot = await loadSnapshot(trx, id);
        await replaceRevisionSnapshot(trx, last.id, JSON.stringify(snapshot), now);
        return;
      }
    }
    await writeRevision(trx, id, by, note, now);
  }

  /** A published article's old URL keeps working after a slug change (301 to the new one). */
  private async keepOldPath(trx: Transaction<Database>, before: ArticleRow): Promise<void> {
    const edition = await findEditionRow(trx, before.edition);
    const from = articlePath(edition, await findSectionSlug(trx, before.section_id), before.published_at as string, before.slug);
    await replaceRedirect(trx, { edition: before.edition, fromPath: from, articleId: before.id, at: this.clock() });
  }

  /**
   * Makes stale the pages that show this article (its own, its lists and their feeds, sitemaps,
   * API lists), on every instance.
   */
  private async announceChanged(id: number): Promise<void> {
    this.purge(articleChangeKeys(await findArticleFootprint(this.db, id)));
  }

  /**
   * Makes stale the pages that list this article (its lists and their feeds, sitemaps, API lists)
   * but not its own: for changes made outside the desk to what those show, such as a live entry
   * (the feeds carry the newest entries), whose own announcement (its key) reaches the article's
   * page and the readers' streams.
   */
  async announceListsOf(id: number): Promise<void> {
    const own = pageKeys.article(id);
    this.purge(articleChangeKeys(await findArticleFootprint(this.db, id)).filter((key) => key !== own));
  }
}
