import type { Kysely } from 'kysely';
import { loadConfig } from '../../src/config/config.js';
import type { Dialect } from '../../src/db/connect.js';
import type { Database } from '../../src/db/schema.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { testClock, type TestClock } from './clock.js';
import { createSite, type Site } from './factories.js';
import { createTestDb, type TestDb } from './test-db.js';

export interface RunningSite<T> {
  testDb: TestDb;
  server: RunningServer;
  /** What `populate` returned (paths of the articles it made, say). */
  data: T;
}

/**
 * A real server, listening on a free port, on a fresh database of the given dialect holding the
 * factories' site and whatever `populate` adds. If anything fails the database is removed again.
 */
export async function startSite<T>(
  dialect: Dialect,
  populate: (db: Kysely<Database>, site: Site, dataDir: string) => Promise<T>,
  env: Record<string, string> = {},
  clock: TestClock = testClock,
): Promise<RunningSite<T>> {
  const testDb = await createTestDb(dialect);
  try {
    const site = await createSite(testDb.db.kysely);
    const data = await populate(testDb.db.kysely, site, testDb.dataDir);
    const server = await startServer(
      loadConfig({ DATA_DIR: testDb.dataDir, PORT: '0', HOST: '127.0.0.1', SITE_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent', ...env }),
      testDb.db,
      { clock: clock.now },
    );
    return { testDb, server, data };
  } catch (error) {
    await testDb.destroy();
    throw error;
  }
}

/**
 * server.close() closes the database too; testDb.destroy() closes it again (Kysely makes a second
 * destroy a no-op), then drops the PostgreSQL database and removes the data folder.
 */
export async function stopSite(site: RunningSite<unknown> | undefined): Promise<void> {
  if (!site) return;
  try {
    await site.server.close();
  } finally {
    await site.testDb.destroy();
  }
}
