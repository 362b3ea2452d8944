import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect, withStatementCache } from './connect.js';

describe('withStatementCache', () => {
  it('prepares a query once, drops the least recently used, and never hands out a statement being iterated', () => {
    const raw = new SQLite(':memory:');
    const db = withStatementCache(raw, 2);
    const a = db.prepare('select 1 as n');
    expect(db.prepare('select 1 as n')).toBe(a);
    const b = db.prepare('select 2 as n');
    db.prepare('select 1 as n');
    db.prepare('select 3 as n');
    expect(db.prepare('select 1 as n')).toBe(a);
    expect(db.prepare('select 2 as n')).not.toBe(b);

    raw.exec('create table t (x integer); insert into t values (1), (2)');
    const streaming = db.prepare('select x from t') as unknown as SQLite.Statement;
    const rows = streaming.iterate();
    rows.next();
    const other = db.prepare('select x from t') as unknown as SQLite.Statement;
    expect(other).not.toBe(streaming);
    expect(other.all()).toEqual([{ x: 1 }, { x: 2 }]);
    rows.return?.();
    db.close();
  });
});

describe('SQLite transactions', () => {
  it('take the write lock when they begin, so that another process cannot commit under a transaction that has read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-begin-'));
    const file = path.join(dir, 'test.sqlite');
    const db = connect({ sqliteFile: file });
    // Another process's connection (the server beside a `dateline import`), which does not wait.
    const other = new SQLite(file);
    other.pragma('busy_timeout = 0');
    try {
      await sql`create table t (x integer)`.execute(db.kysely);
      await db.kysely.transaction().execute(async (trx) => {
        await sql`select count(*) from t`.execute(trx);
        // With a deferred begin this commit would succeed, and the insert below would then fail
        // with SQLITE_BUSY_SNAPSHOT whatever the busy timeout.
        expect(() => other.exec('insert into t values (1)')).toThrow(/database is locked/);
        await sql`insert into t values (2)`.execute(trx);
      });
      other.exec('insert into t values (3)');
      expect((await sql<{ x: number }>`select x from t order by x`.execute(db.kysely)).rows).toEqual([{ x: 2 }, { x: 3 }]);
    } finally {
      other.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
