import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Db, type Dialect } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ADMIN_DATABASE_URL } from './environment.js';

export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

/**
 * DATELINE_TEST_DIALECTS=sqlite runs one half only (a quick `npm run test:any-day`); the global
 * setup says so loudly, and refuses it under CI=true.
 */
export const dialectChosen = (dialect: Dialect): boolean => (process.env.DATELINE_TEST_DIALECTS ?? 'sqlite,postgres').split(',').includes(dialect);

/** Whether tests for this dialect can run here (PostgreSQL may be absent on a laptop). */
export const dialectAvailable = (dialect: Dialect): boolean => dialectChosen(dialect) && (dialect === 'sqlite' || inject('postgres'));

export interface TestDb {
  db: Db;
  dataDir: string;
  databaseUrl: string | undefined;
  sqliteFile: string | undefined;
  destroy(): Promise<void>;
}

/** A fresh, migrated database of its own (a temporary SQLite file or a new PostgreSQL database). */
export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-test-'));
  if (dialect === 'sqlite') {
    const sqliteFile = path.join(dataDir, 'dateline.sqlite');
    const db = connect({ sqliteFile });
    await migrateToLatest(db);
    return {
      db,
      dataDir,
      databaseUrl: undefined,
      sqliteFile,
      destroy: async () => {
        await db.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `dateline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.href;
  const db = connect({ databaseUrl });
  await migrateToLatest(db);
  return {
    db,
    dataDir,
    databaseUrl,
    sqliteFile: undefined,
    destroy: async () => {
      await db.close();
      const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
      await client.connect();
      try {
        await waitForSessionsToEnd(client, name);
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * pg's Pool.end() resolves once it has asked its clients to end, not once they have; a database
 * dropped `with (force)` in that moment terminates them, and the pool re-emits that as an
 * uncaught 'error'. So wait (up to 2 s) until the database has no sessions left.
 */
async function waitForSessionsToEnd(admin: pg.Client, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
