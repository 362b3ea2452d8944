import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { createTestDb, dialectAvailable, type TestDb } from './helpers/test-db.js';

/**
 * The demo says it is a demo in its own footer note, one per edition in its language; no locale
 * file says it for every site. SQLite only: the column itself is tested on both dialects in
 * new-user-fixes.test.ts, and seeding is the slow part.
 */
describe.skipIf(!dialectAvailable('sqlite'))('the demo’s footer notes', () => {
  let t: TestDb;
  let app: App;

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    await seedDemo(t.db.kysely, { dataDir: t.dataDir, now: new Date('2026-11-20T12:00:00Z'), imageWidth: 160 });
    app = await buildApp({ config: loadConfig({ DATA_DIR: t.dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent' }), db: t.db });
  }, 120_000);
  afterAll(async () => {
    await app?.fastify.close();
    await t?.destroy();
  });

  it('sets a note per edition, in its language, shown under its pages', async () => {
    const notes = Object.fromEntries((await t.db.kysely.selectFrom('editions').select(['code', 'footer_note']).execute()).map((e) => [e.code, e.footer_note]));
    expect(notes.en).toMatch(/^Caspian Herald is a demonstration of Dateline\. .*invented\.$/);
    expect(notes.ru).toMatch(/^«Каспийский вестник» — демонстрация Dateline\. .*вымышлены\.$/);
    const footer = async (url: string) => /<footer class="site-footer"><div class="wrap"><p>([^<]*)<\/p>/.exec((await app.fastify.inject(url)).body)?.[1];
    expect(await footer('/')).toBe(notes.en);
    expect(await footer('/ru')).toBe(notes.ru);
  });
});
