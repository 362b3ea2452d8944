import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { pageKeys } from '../src/cache/page-keys.js';
import { loadConfig } from '../src/config/config.js';
import { connect, type Db } from '../src/db/connect.js';
import { PgChangeBus } from '../src/features/changes/pg-change-bus.js';
import { acquireLease, findLease, releaseLease, renewLease } from '../src/features/jobs/lease.js';
import { createTestArticle, createSite, type Site } from './helpers/factories.js';
import { testClock } from './helpers/clock.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';

/**
 * Scheduled publishing with several instances on one database (decision 0029): every instance
 * runs the scheduler, at the same moment, and each due article is published exactly once: one
 * revision, one audit entry, one webhook event, one change announced to the other instances.
 * On PostgreSQL the three instances are three apps with their own pools and change buses, as
 * three processes would have; on SQLite (one process) the same race runs over one connection.
 */
describe.each(DIALECTS)('three schedulers on one %s database', (dialect) => {
  let testDb: TestDb;
  let site: Site;
  const instances: { app: App; db: Db; bus?: PgChangeBus }[] = [];

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    testDb = await createTestDb(dialect);
    site = await createSite(testDb.db.kysely);
    const config = loadConfig({ DATA_DIR: testDb.dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent', ...(testDb.databaseUrl ? { DATABASE_URL: testDb.databaseUrl } : {}) });
    for (let i = 0; i < 3; i++) {
      const db = i === 0 || dialect === 'sqlite' ? testDb.db : connect({ databaseUrl: testDb.databaseUrl });
      const bus = dialect === 'postgres' ? await PgChangeBus.start({ databaseUrl: testDb.databaseUrl!, db: db.kysely }) : undefined;
      instances.push({ app: await buildApp({ config, db, clock: testClock.now, ...(bus ? { changes: bus } : {}) }), db, ...(bus ? { bus } : {}) });
    }
  });
  afterAll(async () => {
    for (const { app, bus, db } of instances) {
      await app.fastify.close();
      await bus?.close();
      if (db !== testDb.db) await db.close();
    }
    await testDb?.destroy();
  });

  it.runIf(dialectAvailable(dialect))('publishes each of 20 articles due at once exactly once, with 3 schedulers racing', async () => {
    const db = testDb.db.kysely;
    await db.insertInto('webhooks').values({ url: 'https://hooks.example/in', events: '["article.published"]', secret: 'whsec_cluster', description: 'Counting', created_by: null, created_at: testClock.now().toISOString(), disabled_at: null }).execute();
    const due = new Date(testClock.ms() - 60_000);
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push(await createTestArticle(db, site, { status: 'scheduled', publishedAt: due, slug: `due-at-once-${i}` }));
    const later = await createTestArticle(db, site, { status: 'scheduled', publishedAt: new Date(testClock.ms() + 3600_000), slug: 'due-in-an-hour' });

    // Every instance ticks twice at the same moment, as three servers' timers would.
    const counts = await Promise.all([...instances, ...instances].map(({ app }) => app.desk.publishDue()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(20);

    const statuses = await db.selectFrom('articles').select(['id', 'status']).where('id', 'in', [...ids, later]).execute();
    expect(statuses.filter((r) => r.status === 'published').map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
    const revisions = await db.selectFrom('revisions').select(['article_id as id']).where('note', '=', 'Published on schedule').where('article_id', 'in', ids).execute();
    expect(revisions.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
    const audits = await db.selectFrom('audit_log').select('subject').where('action', '=', 'article.publish').execute();
    for (const id of ids) expect(audits.filter((a) => a.subject === `article ${id}`), `audit of ${id}`).toHaveLength(1);
    const deliveries = (await db.selectFrom('jobs').select('payload').where('kind', '=', 'webhook.deliver').execute()).map((j) => JSON.parse(j.payload) as { articleId: number; event: string });
    for (const id of ids) expect(deliveries.filter((d) => d.articleId === id && d.event === 'article.published'), `webhook event of ${id}`).toHaveLength(1);
    if (dialect === 'postgres') {
      for (const { bus } of instances) await bus!.flushed();
      const changes = await db.selectFrom('changes').select('keys').execute();
      for (const id of ids) expect(changes.filter((c) => c.keys.split(' ').includes(pageKeys.article(id))), `change of ${id}`).toHaveLength(1);
    }
  });

  it.runIf(dialectAvailable(dialect))('publishes an article another instance just moved to its embargo\'s end neither early nor twice', async () => {
    const db = testDb.db.kysely;
    const id = await createTestArticle(db, site, { status: 'scheduled', publishedAt: new Date(testClock.ms() - 1_000), slug: 'moved-by-another' });
    // Another instance moved it on (an embargo came in) after this one listed it as due.
    const embargoEnd = new Date(testClock.ms() + 3600_000).toISOString();
    await db.updateTable('articles').set({ published_at: embargoEnd }).where('id', '=', id).execute();
    const counts = await Promise.all(instances.map(({ app }) => app.desk.publishDue()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(0);
    expect(await db.selectFrom('articles').select(['status', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'scheduled', published_at: embargoEnd });
  });

  it.runIf(dialectAvailable(dialect))('gives a lease to one holder at a time, renews it for that holder only, and to another once it expired', async () => {
    const db = testDb.db.kysely;
    const now = testClock.now();
    const attempts = await Promise.all(['a', 'b', 'c', 'a', 'b', 'c'].map((holder) => acquireLease(db, 'race', holder, now, 1_000)));
    const winners = new Set(['a', 'b', 'c', 'a', 'b', 'c'].filter((_, i) => attempts[i]));
    expect(winners.size).toBe(1);
    const [winner] = [...winners] as [string];
    const other = winner === 'a' ? 'b' : 'a';
    expect(await renewLease(db, 'race', other, now, 1_000)).toBe(false);
    expect(await renewLease(db, 'race', winner, now, 1_000)).toBe(true);
    expect(await acquireLease(db, 'race', other, new Date(now.getTime() + 999), 1_000)).toBe(false);
    // Expired: anyone may take it, and the old holder can no longer renew or release it.
    expect(await acquireLease(db, 'race', other, new Date(now.getTime() + 1_000), 1_000)).toBe(true);
    expect(await renewLease(db, 'race', winner, now, 1_000)).toBe(false);
    await releaseLease(db, 'race', winner);
    expect((await findLease(db, 'race'))?.holder).toBe(other);
    await releaseLease(db, 'race', other);
    expect(await findLease(db, 'race')).toBeUndefined();
  });
});
