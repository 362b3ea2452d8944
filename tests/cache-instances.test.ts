import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, liveBusOver, type App } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { connect, type Db } from '../src/db/connect.js';
import { PgChangeBus } from '../src/features/changes/pg-change-bus.js';
import type { Actor } from '../src/features/users/policy.js';
import { ADMIN_DATABASE_URL } from './helpers/environment.js';
import { createSite, draftFields, type Site } from './helpers/factories.js';
import { createTestUser } from './helpers/newsroom.js';
import { testClock } from './helpers/clock.js';
import { createTestDb, dialectAvailable, type TestDb } from './helpers/test-db.js';

/**
 * Two instances on one PostgreSQL database (decision 0020): a publish on one makes the other's
 * cached pages stale within a second (LISTEN/NOTIFY), and an instance whose LISTEN connection
 * dropped reads what it missed from the `changes` table once it is back.
 */
describe.skipIf(!dialectAvailable('postgres'))('the change bus across instances on PostgreSQL', () => {
  let testDb: TestDb;
  let site: Site;
  let editor: Actor;
  const instances: { app: App; bus: PgChangeBus; db: Db }[] = [];
  const a = () => instances[0]!;
  const b = () => instances[1]!;

  beforeAll(async () => {
    testDb = await createTestDb('postgres');
    site = await createSite(testDb.db.kysely);
    const user = await createTestUser(testDb.db.kysely, 'editor', site, { name: 'Eda Editor' });
    editor = { userId: user.id, role: 'editor', name: user.name };
    const config = loadConfig({ DATA_DIR: testDb.dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent', DATABASE_URL: testDb.databaseUrl });
    for (let i = 0; i < 2; i++) {
      // Each instance with its own pool and its own LISTEN connection, as separate processes have.
      const db = i === 0 ? testDb.db : connect({ databaseUrl: testDb.databaseUrl });
      // The poll is slow here so that catching up is shown to come from the reconnection.
      const bus = await PgChangeBus.start({ databaseUrl: testDb.databaseUrl!, db: db.kysely, pollMs: 600_000, reconnectMs: 400 });
      instances.push({ app: await buildApp({ config, db, clock: testClock.now, changes: bus }), bus, db });
    }
  });
  afterAll(async () => {
    for (const { app, bus, db } of instances) {
      await app.fastify.close();
      await bus.close();
      if (db !== testDb.db) await db.close();
    }
    await testDb?.destroy();
  });

  const publish = async (headline: string) => {
    const id = await a().app.desk.create(editor, draftFields(site, headline));
    await a().app.desk.publish(editor, id);
  };
  const home = (i: App) => i.fastify.inject({ method: 'GET', url: '/' });

  it('carries a live entry written on one instance to the live readers of the other within a second', async () => {
    const heard: number[] = [];
    const unsubscribe = liveBusOver(b().bus).subscribe((change) => heard.push(change.articleId));
    const started = Date.now();
    liveBusOver(a().bus).publish({ articleId: 4242 });
    await expect.poll(() => heard, { timeout: 1_000, interval: 10 }).toEqual([4242]);
    expect(Date.now() - started).toBeLessThan(1_000);
    unsubscribe();
  });

  it('makes a page cached by the other instance stale within a second of a publish, and only the pages it touches', async () => {
    expect((await home(b().app)).statusCode).toBe(200);
    expect((await b().app.fastify.inject({ method: 'GET', url: '/ru' })).statusCode).toBe(200);
    expect(b().app.cache.isFresh('/')).toBe(true);
    const started = Date.now();
    await publish('Harbour lights return after the storm');
    await expect.poll(() => b().app.cache.isFresh('/'), { timeout: 1_000, interval: 10 }).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(b().app.cache.isFresh('/ru')).toBe(true);
    expect((await home(b().app)).body).toContain('Harbour lights return after the storm');
    expect(b().bus.stats.notified).toBeGreaterThan(0);
  });

  it('reads what it missed while its LISTEN connection was down, once it is back', async () => {
    await home(b().app);
    expect(b().app.cache.isFresh('/')).toBe(true);
    const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    try {
      const reconnects = b().bus.stats.reconnects;
      const caughtUp = b().bus.stats.caughtUp;
      // Cut B's listener, and publish on A before B can be back to hear it.
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [`dateline-changes-${b().bus.origin}`]);
      await publish('Ferry pier reopens to foot passengers');
      await expect.poll(() => b().bus.stats.reconnects, { timeout: 5_000, interval: 20 }).toBeGreaterThan(reconnects);
      await expect.poll(() => b().app.cache.isFresh('/'), { timeout: 2_000, interval: 10 }).toBe(false);
      // Read from the table, not heard: the NOTIFY went out while nobody of B's was listening.
      expect(b().bus.stats.caughtUp).toBeGreaterThan(caughtUp);
      expect((await home(b().app)).body).toContain('Ferry pier reopens to foot passengers');
    } finally {
      await admin.end();
    }
  });

  it('treats everything as changed when rows it missed were removed before it came back', async () => {
    await b().app.fastify.inject({ method: 'GET', url: '/ru' });
    expect(b().app.cache.isFresh('/ru')).toBe(true);
    const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    try {
      const purgedAll = b().bus.stats.purgedAll;
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [`dateline-changes-${b().bus.origin}`]);
      await publish('Night market moves to the quay');
      await a().bus.flushed();
      // As if B had been away longer than the rows are kept.
      await testDb.db.kysely.deleteFrom('changes').execute();
      await expect.poll(() => b().bus.stats.purgedAll, { timeout: 5_000, interval: 20 }).toBeGreaterThan(purgedAll);
      // The Russian home page was not touched by the publish, but B cannot know that any more.
      expect(b().app.cache.isFresh('/ru')).toBe(false);
    } finally {
      await admin.end();
    }
  });

  it('carries a change to the whole site (sections, settings) as well', async () => {
    await home(b().app);
    a().app.changes.announce({ keys: [], all: true });
    await expect.poll(() => b().app.cache.isFresh('/'), { timeout: 1_000, interval: 10 }).toBe(false);
  });
});
