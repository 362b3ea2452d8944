import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  /** PostgreSQL's connection pool (its counts feed the metrics); SQLite has one connection and no pool. */
  readonly pool?: Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'>;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string | undefined;
  /** SQLite file; used when there is no databaseUrl. */
  sqliteFile?: string;
}

// timestamptz (1184) and timestamp (1114) come back as ISO strings, as they are in SQLite, so that
// no code has to care which dialect it talks to; bigint counts (20) as numbers.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1184 || oid === 1114) return (value: string) => new Date(value).toISOString();
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export function connect(options: DbOptions): Db {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, types: pgTypes, max: 10 });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', pool, close: () => kysely.destroy() };
  }
  const file = options.sqliteFile ?? path.resolve('data', 'dateline.sqlite');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers go on while a write commits; NORMAL sync is durable across application
  // crashes in WAL mode (https://www.sqlite.org/pragma.html#pragma_synchronous).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

/**
 * Kysely begins a transaction with a deferred `begin`, which takes the write lock at the first
 * write. In WAL mode a transaction that has read by then and finds that another process (the
 * server, a `dateline import` beside it) committed in between cannot write at all: SQLite answers
 * SQLITE_BUSY_SNAPSHOT ("database is locked") at once, busy_timeout or not. The crash test's
 * import failed so on a loaded machine. `begin immediate` takes the write lock first, waiting for
 * it up to busy_timeout, so a transaction never fails halfway. Inside one process nothing
 * changes: Kysely's one SQLite connection runs one transaction at a time anyway (decision 0036).
 */
const BEGIN_WRITE = 'begin immediate';

/** Prepared statements kept per connection; more than the app's distinct queries in a busy hour. */
const STATEMENT_CACHE = 500;

/**
 * better-sqlite3 with its prepared statements kept, least recently used dropped first: Kysely
 * prepares every query anew, and preparing costs as much as running a small query (an import
 * spent an eighth of its time in prepare). A statement still being iterated (a streamed query) is
 * not handed out twice: that query gets a statement of its own. Transactions begin immediate.
 */
export function withStatementCache(db: SQLite.Database, size = STATEMENT_CACHE): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(query: string) {
      const sql = query === 'begin' ? BEGIN_WRITE : query;
      const kept = statements.get(sql);
      if (kept?.busy) return db.prepare(sql);
      if (kept) {
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = db.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}
