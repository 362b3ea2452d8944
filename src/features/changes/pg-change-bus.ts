import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/schema.js';
import { changeOfAll, decodeChange, encodeChange, type Change, type ChangeBus, type ChangeListener } from './change.js';

const CHANNEL = 'dateline_changes';
/** NOTIFY payloads are limited to 8000 bytes; a longer change is read from its row. */
const MAX_PAYLOAD = 7_000;

export interface PgChangeBusOptions {
  /** The database's URL, for the connection that LISTENs (a pool cannot hold one). */
  readonly databaseUrl: string;
  readonly db: Kysely<Database>;
  readonly log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** Rows older than this are removed; an instance away longer purges everything when back. */
  readonly retentionMs?: number;
  /** How often to read the table anyway, for a NOTIFY lost without the connection dropping. */
  readonly pollMs?: number;
  /** First wait before reconnecting (doubles up to 5 s). */
  readonly reconnectMs?: number;
}

/**
 * The change bus across instances on one PostgreSQL database (decision 0020).
 *
 * `announce` acts on this instance at once, then writes the change to `changes` and NOTIFYs the
 * others in the same statement, so a change is never announced without its row. Each instance
 * LISTENs on a connection of its own; it acts on every notification from another instance, and
 * reads the rows it has not seen (catch-up) when it reconnects and every `pollMs`. An instance
 * that was away so long that rows it needed are gone purges everything, which is always safe.
 */
export class PgChangeBus implements ChangeBus {
  /** Tells this instance's own notifications apart from the others'. */
  readonly origin = randomBytes(6).toString('hex');
  private readonly listeners: ChangeListener[] = [];
  private client: pg.Client | undefined;
  /** The highest id read so far; rows above it are what catch-up reads. */
  private cursor = 0;
  /** Ids acted on above the cursor's margin (rows can commit out of id order). */
  private readonly seen = new Set<number>();
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private reconnectWait: number;
  private catchingUp: Promise<void> | undefined;
  private announced = 0;
  private readonly writing = new Set<Promise<void>>();
  private readonly retentionMs: number;
  private readonly pollMs: number;
  /** Counters for tests and metrics. */
  readonly stats = { notified: 0, caughtUp: 0, reconnects: 0, purgedAll: 0 };

  private constructor(private readonly options: PgChangeBusOptions) {
    this.retentionMs = options.retentionMs ?? 3_600_000;
    this.pollMs = options.pollMs ?? 5_000;
    this.reconnectWait = options.reconnectMs ?? 250;
  }

  /** Connects and listens; changes made before this are history, not news. */
  static async start(options: PgChangeBusOptions): Promise<PgChangeBus> {
    const bus = new PgChangeBus(options);
    const last = await options.db.selectFrom('changes').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    bus.cursor = Number(last?.id ?? 0);
    await bus.connect();
    bus.schedulePoll();
    return bus;
  }

  listen(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  announce(change: Change): void {
    this.deliver(change);
    const payload = encodeChange(change);
    const writing = (async () => {
      try {
        const notice = sql<string>`${this.origin}::text || ' ' || c.id::text || ' ' || ${payload.length <= MAX_PAYLOAD ? payload : ''}::text`;
        const result = await sql<{ id: number }>`
          with c as (insert into changes (keys, created_at) values (${payload}, now()) returning id)
          select c.id, pg_notify(${CHANNEL}::text, ${notice}) from c`.execute(this.options.db);
        const id = Number(result.rows[0]?.id);
        if (Number.isFinite(id)) this.seen.add(id);
        if (++this.announced % 100 === 1) await this.prune();
      } catch (error) {
        // The others will not hear of it: the page cache of each turns stale only with time. Logged
        // loudly, since it means the database is gone (and so is everything else).
        this.options.log?.warn({ err: error }, 'a change could not be announced to the other instances');
      }
    })();
    this.writing.add(writing);
    void writing.finally(() => this.writing.delete(writing));
  }

  /** Resolves once every change announced so far is written and notified (tests, a graceful stop). */
  async flushed(): Promise<void> {
    await Promise.all([...this.writing]);
  }

  async close(): Promise<void> {
    await this.flushed();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.catchingUp?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private deliver(change: Change): void {
    for (const listener of this.listeners) listener(change);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `dateline-changes-${this.origin}` });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload !== undefined) this.notified(message.payload);
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.client = client;
    this.reconnectWait = this.options.reconnectMs ?? 250;
  }

  private notified(payload: string): void {
    const [origin, idText, ...rest] = payload.split(' ');
    const id = Number(idText);
    if (!Number.isSafeInteger(id)) return;
    if (this.seen.has(id) || id <= this.cursor - MARGIN) return;
    this.seen.add(id);
    if (origin === this.origin) return;
    this.stats.notified++;
    const text = rest.join(' ');
    if (text) this.deliver(decodeChange(text));
    else void this.catchUp();
  }

  /** The LISTEN connection is gone: nothing is heard until it is back, and then what was missed is read. */
  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.options.log?.warn({}, 'lost the connection that hears of changes from other instances; reconnecting');
    const lostAt = Date.now();
    const retry = async () => {
      if (this.closed) return;
      try {
        await this.connect();
        this.stats.reconnects++;
        // Away longer than the rows are kept: some of what was missed may be gone.
        if (Date.now() - lostAt >= this.retentionMs) {
          this.stats.purgedAll++;
          this.deliver(changeOfAll());
        }
        this.options.log?.info({}, 'hearing of changes from other instances again');
        await this.catchUp(true);
      } catch {
        this.reconnectWait = Math.min(this.reconnectWait * 2, 5_000);
        setTimeout(() => void retry(), this.reconnectWait).unref();
      }
    };
    setTimeout(() => void retry(), this.reconnectWait).unref();
  }

  /**
   * Reads the rows this instance has not acted on. After an outage, numbers handed out that no row
   * holds any more (removed, or never committed) mean changes that cannot be known: everything.
   */
  catchUp(afterOutage = false): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        const from = Math.max(0, this.cursor - MARGIN);
        // Below the cursor, only rows of the last minute can still be committing out of order.
        const rows = await this.options.db
          .selectFrom('changes')
          .select(['id', 'keys'])
          .where((eb) => eb.or([eb('id', '>', this.cursor), eb.and([eb('id', '>', from), eb('created_at', '>', sql<string>`now() - make_interval(secs => ${REORDER_WINDOW_MS / 1000})`)])]))
          .orderBy('id')
          .execute();
        for (const row of rows) {
          const id = Number(row.id);
          if (id > this.cursor) this.cursor = id;
          if (this.seen.has(id)) continue;
          this.seen.add(id);
          this.stats.caughtUp++;
          this.deliver(decodeChange(row.keys));
        }
        if (afterOutage) {
          // Numbers were handed out that no row holds any more (removed as too old, or never
          // committed): what they said cannot be known, so everything is treated as changed.
          const seq = await sql<{ last_value: string; is_called: boolean }>`select last_value, is_called from changes_id_seq`.execute(this.options.db);
          const issued = seq.rows[0]?.is_called ? Number(seq.rows[0].last_value) : 0;
          if (issued > this.cursor) {
            this.cursor = issued;
            this.stats.purgedAll++;
            this.deliver(changeOfAll());
          }
        }
        this.forgetOldIds();
      } finally {
        this.catchingUp = undefined;
      }
    })();
    return this.catchingUp;
  }

  private forgetOldIds(): void {
    for (const id of this.seen) if (id <= this.cursor - MARGIN) this.seen.delete(id);
  }

  private schedulePoll(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      void (this.client ? this.catchUp() : Promise.resolve())
        .catch((error: unknown) => this.options.log?.warn({ err: error }, 'could not read the changes of other instances'))
        .finally(() => this.schedulePoll());
    }, this.pollMs);
    this.timer.unref();
  }

  private async prune(): Promise<void> {
    // The database's clock, the same for every instance.
    await this.options.db
      .deleteFrom('changes')
      .where('created_at', '<', sql<string>`now() - make_interval(secs => ${this.retentionMs / 1000})`)
      .execute();
  }
}

/**
 * Rows can commit out of id order (two instances announcing at once): catch-up re-reads this many
 * ids below the highest it has seen, and skips those it acted on.
 */
const MARGIN = 1_000;
/** How long a change's row may take to commit after a later one (an insert and a NOTIFY; far less in practice). */
const REORDER_WINDOW_MS = 60_000;
