import { buildApp, type App, type AppOptions } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Dialect } from '../../src/db/connect.js';
import { testClock, type TestClock } from './clock.js';
import { createSite, type Site } from './factories.js';
import { createTestDb, type TestDb } from './test-db.js';

export interface TestApp {
  app: App;
  testDb: TestDb;
  site: Site;
  /** The app's clock (the file's test clock unless one was given). */
  clock: TestClock;
  close(): Promise<void>;
}

/** The whole app on a fresh database of the given dialect, with the factories' site in it. */
export interface TestAppOptions {
  clock?: TestClock;
  /** More environment for loadConfig (LOG_LEVEL is 'silent' unless given). */
  env?: Record<string, string>;
  /** Receives the app's log lines. */
  logStream?: AppOptions['logStream'];
}

export async function createTestApp(dialect: Dialect, options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? testClock;
  const testDb = await createTestDb(dialect);
  const site = await createSite(testDb.db.kysely);
  const config = loadConfig({ DATA_DIR: testDb.dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent', ...options.env });
  const app = await buildApp({ config, db: testDb.db, clock: clock.now, ...(options.logStream ? { logStream: options.logStream } : {}) });
  return {
    app,
    testDb,
    site,
    clock,
    close: async () => {
      await app.fastify.close();
      await testDb.destroy();
    },
  };
}
