import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './connect.js';

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
