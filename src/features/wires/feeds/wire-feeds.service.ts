import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { AppError, FieldErrors, isUniqueViolation, notFound } from '../../../lib/errors.js';
import { recordAudit, type AuditActor } from '../../audit/audit.repository.js';
import { findLease, withLease } from '../../jobs/lease.js';
import { enqueue } from '../../jobs/queue.js';
import type { JobHandler } from '../../jobs/worker.js';
import { parseWireDocument } from '../formats/parse.js';
import { noWireEvents, type WireEvents } from '../wire-events.js';
import { WireIngest, type IngestResult } from '../wire-ingest.service.js';
import { WIRE_LIMITS, WireFormatError, type WireItemProblem } from '../wire-item.js';
import { checkFeedInput, nextPollDelayS, silence, type WireFeedFields, type WireFeedInput } from './wire-feed.js';
import * as repo from './wire-feed.repository.js';
import { addressPolicy, fetchWireDocument, type FetchLimits } from './wire-fetch.js';
import { claimFile, ensureFeedFolder, feedFolder, finishFile, readyFiles } from './wire-folder.js';

type Db = Kysely<Database>;

export type WireFeed = repo.WireFeedListRow;
export type WireFeedLogEntry = repo.WireFeedLogRow;

/** The job that polls one feed (http) or takes in its drop folder (folder). */
export const WIRE_POLL_JOB = 'wire.poll';

/** How long a scheduled poll holds its feed: the job must have run by then, or the feed is scheduled again. */
export const POLL_CLAIM_MS = 10 * 60_000;
/**
 * A poll holds its feed's lease (jobs/lease.ts) while it runs, renewed every third of this; a
 * holder that died loses it after this long, and the feed's job, taken again by another worker,
 * polls it then.
 */
export const POLL_LEASE_MS = 60_000;
/** A dropped file is read once it has not changed for this long. */
export const FOLDER_STABLE_MS = 10_000;
/** Problems kept per take-in in the log. */
const LOG_PROBLEMS = 100;
/** Recent items whose gaps make a feed's usual rhythm. */
const RHYTHM_ITEMS = 50;

export interface WireFeedsOptions {
  clock: () => Date;
  /** DATA_DIR: drop folders live under DATA_DIR/wires/<feed slug>/. */
  dataDir: string;
  events?: WireEvents;
  /** WIRE_ALLOW_PRIVATE: feeds on this machine or a private network may be polled. */
  allowPrivate?: boolean;
  /** Which IP addresses a poll may connect to (tests narrow it); by default from `allowPrivate`. */
  addressAllowed?: (address: string) => boolean;
  fetchLimits?: Partial<FetchLimits>;
  /** How long a dropped file must stay unchanged before it is read. */
  folderStableMs?: number;
  /** How long a poll's lease on its feed lasts without renewal (POLL_LEASE_MS). */
  pollLeaseMs?: number;
}

/** What one take-in (a poll, a file, a push) did, as its log line says it. */
export interface TakeIn {
  outcome: 'ok' | 'not_modified' | 'error';
  created: number;
  updated: number;
  unchanged: number;
  /** Ids of the created and updated items. */
  itemIds: number[];
  problems: WireItemProblem[];
  /** Why the whole document failed (outcome 'error'). */
  error: string | null;
}

/** A feed's health line: last success, last error, items today, next poll, and a silence warning. */
export interface FeedHealth {
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Items that arrived in the last 24 hours. */
  itemsToday: number;
  nextPollAt: string | null;
  failures: number;
  /** Set when the feed has been silent for longer than its usual gap. */
  silent: { silentMs: number; usualGapMs: number } | null;
}

const problemsText = (problems: readonly WireItemProblem[]) =>
  JSON.stringify(problems.slice(0, LOG_PROBLEMS).map((p) => ({ where: p.where.slice(0, 300), message: p.message.slice(0, 1_000) })));

/** The log's and the reason file's words for a take-in's item problems. */
export const problemLines = (problems: readonly WireItemProblem[]): string => problems.map((p) => `${p.where}: ${p.message}`).join('\n');

/**
 * The wire feeds and how their documents are taken in: the feeds editors set up (checked,
 * audited), polling over HTTP(S) with backoff, drop folders, pushes, the take-in log and each
 * feed's health. Every take-in goes through `takeIn`: parsed (formats/), stored (WireIngest) and
 * logged, so a bad document is a log line and never an exception that breaks a page or a job.
 */
export class WireFeeds {
  private readonly ingestor: WireIngest;
  private readonly addressAllowed: (address: string) => boolean;

  constructor(
    private readonly db: Db,
    private readonly options: WireFeedsOptions,
  ) {
    this.ingestor = new WireIngest(db, options.clock, options.events ?? noWireEvents);
    this.addressAllowed = options.addressAllowed ?? addressPolicy(options.allowPrivate ?? false);
  }

  private now(): Date {
    return this.options.clock();
  }

  // ---- the feeds ----

  list(): Promise<WireFeed[]> {
    return repo.listFeeds(this.db);
  }

  async find(id: number): Promise<WireFeed> {
    const feed = await repo.findFeed(this.db, id);
    if (!feed) throw notFound('There is no such wire feed.');
    return feed;
  }

  /** A feed by its id or its slug (the push route takes either). */
  async findByKey(key: string): Promise<WireFeed> {
    const id = /^\d{1,9}$/.test(key) ? Number(key) : (await repo.findFeedBySlug(this.db, key))?.id;
    if (id === undefined) throw notFound(`There is no wire feed "${key.slice(0, 100)}".`);
    return this.find(id);
  }

  publications(): Promise<{ id: number; name: string }[]> {
    return repo.publicationChoices(this.db);
  }

  /** The drop folder of a feed (created when a folder feed is saved). */
  folderOf(feed: { slug: string }): string {
    return feedFolder(this.options.dataDir, feed.slug);
  }

  private async checked(input: WireFeedInput, exceptId?: number): Promise<WireFeedFields> {
    const fields = checkFeedInput(input, { allowPrivate: this.options.allowPrivate ?? false });
    const errors: Record<string, string> = {};
    if (!(await repo.publicationExists(this.db, fields.publication_id))) errors.publication = 'Choose a publication from the list (that one does not exist, or was just deleted).';
    const other = await repo.slugTakenBy(this.db, fields.slug, exceptId);
    if (other) errors.slug = `The slug "${fields.slug}" is already used by the feed “${other.name}”.`;
    if (Object.keys(errors).length) throw new FieldErrors(errors);
    return fields;
  }

  /** Creates a feed; a folder feed gets its folder. Returns the new id. */
  async create(input: WireFeedInput, actor: AuditActor | null = null): Promise<number> {
    const fields = await this.checked(input);
    const now = this.now().toISOString();
    try {
      const id = await this.db.transaction().execute(async (trx) => {
        const made = await repo.insertFeed(trx, { ...fields, created_at: now, updated_at: now, next_poll_at: null });
        await recordAudit(trx, actor, 'wire_feed.create', `wire feed ${made}`, `“${fields.name}” (${fields.transport})`, this.now());
        return made;
      });
      if (fields.transport === 'folder') await ensureFeedFolder(this.folderOf(fields));
      return id;
    } catch (error) {
      if (isUniqueViolation(error)) throw new FieldErrors({ slug: `The slug "${fields.slug}" was just taken by another feed. Choose another.` });
      throw error;
    }
  }

  /**
   * Changes a feed. A new address forgets the old one's ETag and Last-Modified; any change makes
   * the feed due now, so an editor sees the effect at once.
   */
  async update(id: number, input: WireFeedInput, actor: AuditActor | null = null): Promise<void> {
    const current = await this.find(id);
    const fields = await this.checked(input, id);
    const now = this.now().toISOString();
    try {
      await this.db.transaction().execute(async (trx) => {
        const moved = fields.url !== current.url;
        await repo.updateFeed(trx, id, { ...fields, updated_at: now, next_poll_at: null, failures: 0, ...(moved ? { etag: null, last_modified: null } : {}) });
        const changes = (['name', 'slug', 'publication_id', 'transport', 'format', 'url', 'interval_s', 'language', 'enabled'] as const)
          .filter((k) => current[k] !== fields[k])
          .map((k) => `${k} “${String(current[k] ?? '')}” → “${String(fields[k] ?? '')}”`);
        if (changes.length) await recordAudit(trx, actor, 'wire_feed.update', `wire feed ${id}`, changes.join(', '), this.now());
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new FieldErrors({ slug: `The slug "${fields.slug}" was just taken by another feed. Choose another.` });
      throw error;
    }
    if (fields.transport === 'folder') {
      // A new slug names a new folder: the old one's files (waiting, done, failed) move with it.
      const before = this.folderOf(current);
      const after = this.folderOf(fields);
      if (before !== after) await fs.rename(before, after).catch(() => undefined);
      await ensureFeedFolder(after);
    }
  }

  /** Pauses (no polls, pushes refused) or resumes a feed; a resumed feed is due at once. */
  async setEnabled(id: number, enabled: boolean, actor: AuditActor | null = null): Promise<void> {
    const feed = await this.find(id);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateFeed(trx, id, { enabled: enabled ? 1 : 0, updated_at: this.now().toISOString(), next_poll_at: null, failures: 0 });
      await recordAudit(trx, actor, enabled ? 'wire_feed.resume' : 'wire_feed.pause', `wire feed ${id}`, `“${feed.name}”`, this.now());
    });
  }

  /** Makes a polled feed due now: the next tick (within seconds) schedules its poll. */
  async pollSoon(id: number): Promise<void> {
    const feed = await this.find(id);
    if (feed.transport === 'push') throw new AppError(409, 'not_polled', `“${feed.name}” is a push feed: its items are sent to it, nothing is polled.`);
    if (!feed.enabled) throw new AppError(409, 'wire_feed_paused', `“${feed.name}” is paused; resume it first.`);
    await repo.updateFeed(this.db, id, { next_poll_at: null });
  }

  /** Deletes a feed that has brought no items; one that has is paused instead (its items stay). */
  async remove(id: number, actor: AuditActor | null = null): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const feed = await repo.findFeed(trx, id);
      if (!feed) throw notFound('There is no such wire feed.');
      const items = await repo.countItems(trx, id);
      if (items > 0) {
        throw new AppError(409, 'wire_feed_in_use', `“${feed.name}” has brought ${items === 1 ? '1 item' : `${items.toLocaleString('en')} items`}, so it cannot be deleted (the queue and the stories written from them keep them). Pause it instead.`);
      }
      await repo.deleteFeed(trx, id);
      await recordAudit(trx, actor, 'wire_feed.delete', `wire feed ${id}`, `“${feed.name}”`, this.now());
    });
  }

  async health(feed: WireFeed): Promise<FeedHealth> {
    const now = this.now();
    const [itemsToday, arrivals] = await Promise.all([
      repo.countItemsSince(this.db, feed.id, new Date(now.getTime() - 24 * 3600_000).toISOString()),
      repo.recentArrivals(this.db, feed.id, RHYTHM_ITEMS),
    ]);
    return {
      lastSuccessAt: feed.last_success_at,
      lastError: feed.last_error,
      lastErrorAt: feed.last_error_at,
      itemsToday,
      nextPollAt: feed.enabled && feed.transport !== 'push' ? feed.next_poll_at : null,
      failures: feed.failures,
      silent: feed.enabled ? silence(arrivals, feed.last_item_at ?? arrivals[0] ?? null, now) : null,
    };
  }

  log(feedId: number, limit = 50): Promise<WireFeedLogEntry[]> {
    return repo.listLog(this.db, feedId, limit);
  }

  /** Forgets take-ins logged before `before` (the job worker's housekeeping: a feed polled every 30 s logs 2,880 a day). */
  purgeLog(before: Date): Promise<number> {
    return repo.purgeLog(this.db, before.toISOString());
  }

  // ---- taking in ----

  /**
   * Parses one document and stores its items, and writes the take-in to the feed's log. Never
   * throws for a bad document: a document that cannot be read is an 'error' take-in, an item
   * that cannot be stored a problem, and the other items still arrive.
   */
  async takeIn(
    feed: WireFeed,
    input: Buffer | string,
    meta: { origin: string; contentType?: string | undefined; fileName?: string | undefined; httpStatus?: number | null; startedMs?: number },
  ): Promise<TakeIn> {
    const started = meta.startedMs ?? performance.now();
    let result: IngestResult | null = null;
    let error: string | null = null;
    try {
      const document = parseWireDocument(input, { format: feed.format, contentType: meta.contentType, fileName: meta.fileName, feedLanguage: feed.language });
      result = await this.ingestor.ingest({ id: feed.id, publication_id: feed.publication_id, language: feed.language }, document);
    } catch (caught) {
      if (!(caught instanceof WireFormatError)) throw caught;
      error = `The document could not be read: ${caught.message}.`;
    }
    const takeIn: TakeIn = result
      ? { outcome: 'ok', created: result.created, updated: result.updated, unchanged: result.unchanged, itemIds: result.itemIds, problems: result.problems, error: null }
      : { outcome: 'error', created: 0, updated: 0, unchanged: 0, itemIds: [], problems: [], error };
    const now = this.now().toISOString();
    await repo.insertLog(this.db, {
      feed_id: feed.id,
      at: now,
      outcome: takeIn.outcome,
      origin: meta.origin.slice(0, 2_000),
      http_status: meta.httpStatus ?? null,
      bytes: typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength,
      duration_ms: Math.round(performance.now() - started),
      items_new: takeIn.created,
      items_updated: takeIn.updated,
      items_unchanged: takeIn.unchanged,
      problems: problemsText(takeIn.problems),
      error: takeIn.error,
    });
    await repo.updateFeed(
      this.db,
      feed.id,
      takeIn.outcome === 'error' ? { last_error: (takeIn.error ?? '').slice(0, 2_000), last_error_at: now } : { last_success_at: now, ...(takeIn.created > 0 ? { last_item_at: now } : {}) },
    );
    return takeIn;
  }

  /** A take-in refused before reading (a file too large): logged like any failed take-in. */
  private async refuse(feed: WireFeed, origin: string, bytes: number, error: string): Promise<TakeIn> {
    const now = this.now().toISOString();
    await repo.insertLog(this.db, { feed_id: feed.id, at: now, outcome: 'error', origin, bytes, error });
    await repo.updateFeed(this.db, feed.id, { last_error: error, last_error_at: now });
    return { outcome: 'error', created: 0, updated: 0, unchanged: 0, itemIds: [], problems: [], error };
  }

  /** A document pushed to the admin API (ninjs JSON for push feeds). */
  async push(feedKey: string, body: Buffer | string, contentType: string | undefined): Promise<TakeIn> {
    const feed = await this.findByKey(feedKey);
    if (feed.transport !== 'push') throw new AppError(409, 'not_a_push_feed', `“${feed.name}” is not a push feed (it is ${feed.transport === 'http' ? 'polled over HTTP' : 'a drop folder'}); items can be pushed only to a feed set up for pushes.`);
    if (!feed.enabled) throw new AppError(409, 'wire_feed_paused', `“${feed.name}” is paused; an editor can resume it on its page in the newsroom.`);
    return this.takeIn(feed, body, { origin: 'push', contentType, fileName: undefined });
  }

  /**
   * Takes in the files of a folder feed's folder that are ready: unchanged for `stableMs`
   * (FOLDER_STABLE_MS by default; 0 takes every file now, for callers that wrote them
   * themselves). Each file ends in done/ or failed/ with its reason beside it.
   */
  async takeInFolder(feedId: number, stableMs = this.options.folderStableMs ?? FOLDER_STABLE_MS): Promise<TakeIn[]> {
    const feed = await this.find(feedId);
    if (feed.transport !== 'folder') throw new AppError(409, 'not_a_folder_feed', `“${feed.name}” is not a drop-folder feed.`);
    const dir = this.folderOf(feed);
    const results: TakeIn[] = [];
    for (const name of await readyFiles(dir, stableMs)) {
      const claimed = await claimFile(dir, name);
      if (!claimed) continue;
      const started = performance.now();
      const { size } = await fs.stat(claimed);
      // A file over the limit is not even read into memory: the parser would refuse it anyway.
      const bytes = size > WIRE_LIMITS.documentBytes ? null : await fs.readFile(claimed);
      const takeIn = bytes
        ? await this.takeIn(feed, bytes, { origin: name, fileName: name, startedMs: started })
        : await this.refuse(feed, name, size, `The file is larger than ${WIRE_LIMITS.documentBytes / 1024 / 1024} MB; it was not read.`);
      const failed = takeIn.outcome === 'error' || (takeIn.problems.length > 0 && takeIn.created + takeIn.updated + takeIn.unchanged === 0);
      const reason = takeIn.error ?? (takeIn.problems.length ? problemLines(takeIn.problems) : null);
      await finishFile(dir, claimed, failed ? 'failed' : 'done', reason);
      results.push(takeIn);
    }
    return results;
  }

  /** Takes in every file written to a folder feed's folder so far, without waiting for them to settle. */
  takeInWrittenFiles(feedId: number): Promise<TakeIn[]> {
    return this.takeInFolder(feedId, 0);
  }

  // ---- polling ----

  /**
   * Polls one feed now: fetches an http feed's document (conditionally) or takes in a folder
   * feed's ready files, logs it, and sets the next poll (the interval, or a backoff after failures).
   */
  async poll(feedId: number): Promise<TakeIn[]> {
    const feed = await repo.findFeed(this.db, feedId);
    if (!feed || !feed.enabled || feed.transport === 'push') return [];
    if (feed.transport === 'folder') return this.pollFolder(feed);
    return [await this.pollHttp(feed)];
  }

  private async pollFolder(feed: WireFeed): Promise<TakeIn[]> {
    let results: TakeIn[] = [];
    let error: string | null = null;
    try {
      results = await this.takeInFolder(feed.id);
    } catch (caught) {
      error = `The drop folder could not be read: ${caught instanceof Error ? caught.message : String(caught)}`;
    }
    const failedAll = results.length > 0 && results.every((r) => r.outcome === 'error');
    await this.afterPoll(feed, error ?? (failedAll ? (results[results.length - 1]?.error ?? 'Every file failed.') : null), {});
    return results;
  }

  private async pollHttp(feed: WireFeed): Promise<TakeIn> {
    const started = performance.now();
    const fetched = await fetchWireDocument({
      url: feed.url ?? '',
      etag: feed.etag,
      lastModified: feed.last_modified,
      addressAllowed: this.addressAllowed,
      ...(this.options.fetchLimits ? { limits: this.options.fetchLimits } : {}),
    });
    const origin = `GET ${fetched.url}`;
    let takeIn: TakeIn;
    if (fetched.kind === 'ok') {
      takeIn = await this.takeIn(feed, fetched.body, { origin, contentType: fetched.contentType, fileName: new URL(fetched.url).pathname, httpStatus: fetched.httpStatus, startedMs: started });
      // A document that could not be read is fetched again in full next time: its validators are not kept.
      const validators = takeIn.outcome === 'ok' ? { etag: fetched.etag, last_modified: fetched.lastModified } : {};
      await this.afterPoll(feed, takeIn.error, validators);
      return takeIn;
    }
    takeIn = { outcome: fetched.kind, created: 0, updated: 0, unchanged: 0, itemIds: [], problems: [], error: fetched.kind === 'error' ? fetched.message : null };
    await repo.insertLog(this.db, {
      feed_id: feed.id,
      at: this.now().toISOString(),
      outcome: fetched.kind,
      origin,
      http_status: fetched.httpStatus,
      bytes: fetched.kind === 'error' ? fetched.bytes : 0,
      duration_ms: Math.round(performance.now() - started),
      error: takeIn.error,
    });
    await this.afterPoll(feed, takeIn.error, {});
    return takeIn;
  }

  private async afterPoll(feed: WireFeed, error: string | null, validators: { etag?: string | null; last_modified?: string | null }): Promise<void> {
    const now = this.now();
    const failures = error ? feed.failures + 1 : 0;
    const next = new Date(now.getTime() + nextPollDelayS(feed.interval_s, failures) * 1000).toISOString();
    await repo.updateFeed(this.db, feed.id, {
      ...validators,
      last_polled_at: now.toISOString(),
      failures,
      next_poll_at: next,
      ...(error ? { last_error: error.slice(0, 2_000), last_error_at: now.toISOString() } : { last_success_at: now.toISOString() }),
    });
  }

  /**
   * Schedules a `wire.poll` job for every due feed. Each due poll is claimed by moving the feed's
   * next poll ahead in the job's own transaction, so with several instances ticking, a due feed
   * gets one job, and the job queue (SKIP LOCKED) gives it to one worker. Returns the jobs made.
   */
  async scheduleDue(limit = 100): Promise<number> {
    const now = this.now();
    let made = 0;
    for (const feed of await repo.dueFeeds(this.db, now.toISOString(), limit)) {
      const claim = new Date(now.getTime() + POLL_CLAIM_MS).toISOString();
      const claimed = await this.db.transaction().execute(async (trx) => {
        if (!(await repo.claimDueFeed(trx, feed.id, feed.next_poll_at, claim))) return false;
        await enqueue(trx, WIRE_POLL_JOB, { feedId: feed.id, claim }, now, now);
        return true;
      });
      if (claimed) made++;
    }
    return made;
  }

  /**
   * The job worker's handler of `wire.poll`. A poll's failure is the feed's (logged, backed off),
   * not the job's. One instance at a time polls a feed (or takes in its drop folder): the poll
   * runs under the feed's lease (decision 0029), so a second job for the same feed, on any
   * instance, finds the lease held and leaves the feed to the poll in progress. A job run again
   * after its poll finished (its worker's job lease ran out first) finds the feed's next poll
   * moved on from its claim and fetches nothing; one whose worker died mid-poll finds the claim
   * still there, and polls, or, while the dead worker's lease lasts, makes the feed due again
   * when it ends (the next tick's scheduleDue then makes a new job).
   */
  jobHandlers(): Record<string, JobHandler> {
    return {
      [WIRE_POLL_JOB]: async (payload) => {
        const job = (payload ?? {}) as { feedId?: unknown; claim?: unknown };
        const feedId = Number(job.feedId);
        if (!Number.isInteger(feedId)) return;
        const claim = typeof job.claim === 'string' ? job.claim : null;
        const lease = `wire-feed:${feedId}`;
        const outcome = await withLease(this.db, lease, { ttlMs: this.options.pollLeaseMs ?? POLL_LEASE_MS, clock: this.options.clock }, async () => {
          if (claim !== null && !(await repo.stillClaimed(this.db, feedId, claim))) return;
          await this.poll(feedId);
        });
        // Held by another: a poll in progress (which moves the next poll on when it ends), or a
        // holder that died. This poll is due again when that lease ends, not at its claim's end.
        const held = outcome.held ? undefined : await findLease(this.db, lease);
        if (claim !== null && held) await repo.claimDueFeed(this.db, feedId, claim, held.expires_at);
      },
    };
  }
}

/** Where a feed's files are, relative to DATA_DIR, for its page. */
export const folderLabel = (feed: { slug: string }): string => path.join('wires', feed.slug);
