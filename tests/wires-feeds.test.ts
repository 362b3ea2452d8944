import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FieldErrors } from '../src/lib/errors.js';
import type { WireFeedInput } from '../src/features/wires/feeds/wire-feed.js';
import { createApiKey } from '../src/features/api-keys/api-key.service.js';
import { createTestUser } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { ninjs, reports, rss } from './helpers/wire-documents.js';

/** The error a call refused with, by field. */
async function refusal(run: () => Promise<unknown>): Promise<Record<string, string>> {
  try {
    await run();
  } catch (error) {
    if (error instanceof FieldErrors) return error.fields;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.each(DIALECTS)('wire feeds and the drop folder on %s', (dialect) => {
  let t: TestApp;
  const feeds = () => t.app.wireIntake;
  const db = () => t.testDb.db.kysely;
  const input = (overrides: WireFeedInput = {}): WireFeedInput => ({ name: `Feed ${Math.random().toString(36).slice(2, 8)}`, publicationId: t.site.publications.reuters, transport: 'push', ...overrides });

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(({ skip }) => {
    if (!dialectAvailable(dialect)) skip();
  });

  it('creates a feed with defaults (5 minutes, format auto, a slug from the name) and audits it', async () => {
    const id = await feeds().create({ name: 'Reuters World', publicationId: String(t.site.publications.reuters), transport: 'http', url: 'https://feeds.agency.example/world.xml', language: 'en' });
    const feed = await feeds().find(id);
    expect(feed).toMatchObject({ slug: 'reuters-world', interval_s: 300, format: 'auto', transport: 'http', url: 'https://feeds.agency.example/world.xml', enabled: 1, publication_name: 'Reuters' });
    const audit = await db().selectFrom('audit_log').selectAll().where('subject', '=', `wire feed ${id}`).execute();
    expect(audit.map((a) => a.action)).toEqual(['wire_feed.create']);
  });

  it('refuses a bad feed with a message per field', async () => {
    const fields = await refusal(() =>
      feeds().create({ name: '', publicationId: '999999', transport: 'http', format: 'yaml', url: 'ftp://agency.example/feed', intervalS: '10', language: 'English!' }),
    );
    expect(Object.keys(fields).sort()).toEqual(['format', 'interval', 'language', 'name', 'url']);
    expect(fields.url).toContain('http://');
    expect(fields.interval).toContain('30');
    // The publication is checked once the form itself is right.
    const missing = await refusal(() => feeds().create(input({ publicationId: '999999' })));
    expect(missing.publication).toContain('list');
    const local = await refusal(() => feeds().create(input({ transport: 'http', url: 'http://127.0.0.1:8080/feed' })));
    expect(local.url).toContain('private network');
    const taken = await feeds().create(input({ name: 'Taken name' }));
    expect(taken).toBeGreaterThan(0);
    expect((await refusal(() => feeds().create(input({ name: 'Taken name' })))).slug).toContain('already used');
  });

  it('deletes a feed without items, refuses one with items (409) and pauses it instead', async () => {
    const empty = await feeds().create(input());
    await feeds().remove(empty);
    await expect(feeds().find(empty)).rejects.toMatchObject({ status: 404 });

    const used = await feeds().create(input());
    const result = await feeds().push(String(used), ninjs(reports(1)[0]!), 'application/json');
    expect(result.created).toBe(1);
    await expect(feeds().remove(used)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('Pause it instead') });
    await feeds().setEnabled(used, false);
    expect((await feeds().find(used)).enabled).toBe(0);
    await expect(feeds().push(String(used), ninjs(reports(1)[0]!), 'application/json')).rejects.toMatchObject({ status: 409 });
  });

  it('takes in a drop folder: good files to done/, a broken one to failed/ with its reason, other items still arrive', async () => {
    const id = await feeds().create(input({ name: 'Drop folder agency', transport: 'folder', language: 'en' }));
    const dir = path.join(t.testDb.dataDir, 'wires', 'drop-folder-agency');
    expect(fs.existsSync(dir)).toBe(true);
    const [a, b, c] = reports(3);
    fs.writeFileSync(path.join(dir, 'world.rss'), rss([a!, b!]));
    fs.writeFileSync(path.join(dir, 'one.ninjs.json'), ninjs(c!));
    fs.writeFileSync(path.join(dir, 'broken.xml'), '<rss><channel><item><title>Cut off');
    // A bad item beside a good one: the good one arrives, the file is done with the problem beside it.
    fs.writeFileSync(path.join(dir, 'mixed.json'), JSON.stringify([JSON.parse(ninjs(reports(1)[0]!)), { type: 'text', headline: 'An item without an id', body_text: 'It cannot be stored.' }]));
    fs.writeFileSync(path.join(dir, 'upload.xml.part'), 'still arriving');
    // Over 20 MB: refused without being read (a sparse file, so the test writes nothing of it).
    fs.closeSync(fs.openSync(path.join(dir, 'huge.xml'), 'w'));
    fs.truncateSync(path.join(dir, 'huge.xml'), 21 * 1024 * 1024);

    const results = await feeds().takeInWrittenFiles(id);
    expect(results).toHaveLength(5);
    expect(fs.readdirSync(path.join(dir, 'done')).sort()).toEqual(['mixed.json', 'mixed.json.reason.txt', 'one.ninjs.json', 'world.rss']);
    expect(fs.readdirSync(path.join(dir, 'failed')).sort()).toEqual(['broken.xml', 'broken.xml.reason.txt', 'huge.xml', 'huge.xml.reason.txt']);
    expect(fs.readFileSync(path.join(dir, 'failed', 'huge.xml.reason.txt'), 'utf8')).toContain('larger than 20 MB');
    expect(fs.readFileSync(path.join(dir, 'failed', 'broken.xml.reason.txt'), 'utf8')).toMatch(/could not be read/);
    expect(fs.readFileSync(path.join(dir, 'done', 'mixed.json.reason.txt'), 'utf8')).toMatch(/item 2: no id/);
    // A file still being uploaded stays where it is.
    expect(fs.existsSync(path.join(dir, 'upload.xml.part'))).toBe(true);

    const items = await db().selectFrom('wire_items').select(['headline']).where('feed_id', '=', id).execute();
    expect(items).toHaveLength(4);
    const log = await feeds().log(id);
    expect(log.map((l) => [l.origin, l.outcome]).sort()).toEqual([['broken.xml', 'error'], ['huge.xml', 'error'], ['mixed.json', 'ok'], ['one.ninjs.json', 'ok'], ['world.rss', 'ok']]);
    expect(log.find((l) => l.origin === 'world.rss')).toMatchObject({ items_new: 2, items_updated: 0 });
    expect(JSON.parse(log.find((l) => l.origin === 'mixed.json')!.problems)).toHaveLength(1);
    const feed = await feeds().find(id);
    expect(feed.last_success_at).not.toBeNull();
    expect(feed.last_item_at).not.toBeNull();
    expect(feed.last_error).toMatch(/^The document could not be read|^The file is larger/);
  });

  it('moves a folder with its feed when the slug changes', async () => {
    const id = await feeds().create(input({ name: 'Renamed drops', transport: 'folder' }));
    const before = path.join(t.testDb.dataDir, 'wires', 'renamed-drops');
    fs.writeFileSync(path.join(before, 'waiting.rss'), rss(reports(1)));
    await feeds().update(id, input({ name: 'Renamed drops', slug: 'moved-drops', transport: 'folder' }));
    const after = path.join(t.testDb.dataDir, 'wires', 'moved-drops');
    expect(fs.existsSync(before)).toBe(false);
    expect(fs.readdirSync(after).sort()).toEqual(['done', 'failed', 'processing', 'waiting.rss']);
    expect(await feeds().takeInWrittenFiles(id)).toMatchObject([{ outcome: 'ok', created: 1 }]);
  });

  it('waits until a dropped file has settled before reading it', async () => {
    const id = await feeds().create(input({ name: 'Settling folder', transport: 'folder' }));
    const dir = path.join(t.testDb.dataDir, 'wires', 'settling-folder');
    const file = path.join(dir, 'fresh.rss');
    fs.writeFileSync(file, rss(reports(1)));
    expect(await feeds().takeInFolder(id, 60_000)).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);
    const minuteAgo = new Date(Date.now() - 61_000);
    fs.utimesSync(file, minuteAgo, minuteAgo);
    const [result] = await feeds().takeInFolder(id, 60_000);
    expect(result).toMatchObject({ outcome: 'ok', created: 1 });
  });

  it('tells a feed silent for longer than its usual gap, and forgets old log lines', async () => {
    const id = await feeds().create(input({ name: 'Rhythmic agency' }));
    for (let i = 0; i < 4; i++) {
      await feeds().push(String(id), ninjs(reports(1)[0]!), 'application/json');
      t.clock.advance(10 * 60_000);
    }
    const feed = await feeds().find(id);
    expect((await feeds().health(feed)).silent).toBeNull();
    t.clock.advance(30 * 60_000);
    const health = await feeds().health(feed);
    // The test clock runs on in real time between steps: a few milliseconds more than the jumps.
    expect(health.itemsToday).toBe(4);
    expect(Math.round(health.silent!.usualGapMs / 60_000)).toBe(10);
    expect(Math.round(health.silent!.silentMs / 60_000)).toBe(40);
    expect(health.lastSuccessAt).not.toBeNull();
    // Pushed 70, 60, 50 and 40 minutes ago: the three older than 45 minutes go.
    expect(await feeds().purgeLog(new Date(t.clock.now().getTime() - 45 * 60_000))).toBeGreaterThanOrEqual(3);
    expect((await feeds().log(id)).length).toBe(1);
  });

  describe('pushing items to the admin API', () => {
    const keys = { editor: '', writer: '' };
    let pushFeed = 0;
    let pushSlug = '';
    const push = (feed: string, payload: string | undefined, key: string | undefined = keys.editor, type = 'application/json') =>
      t.app.fastify.inject({
        method: 'POST',
        url: `/api/v1/admin/wires/${feed}/items`,
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': type },
        ...(payload === undefined ? {} : { payload }),
      });

    beforeAll(async () => {
      if (!dialectAvailable(dialect)) return;
      const admin = await createTestUser(db(), 'admin', t.site, { name: 'Wire Admin' });
      const actor = { userId: admin.id, role: 'admin' as const, name: admin.name };
      keys.editor = (await createApiKey(db(), actor, { name: 'Agency pusher', role: 'editor' })).key;
      keys.writer = (await createApiKey(db(), actor, { name: 'Writer script', role: 'writer' })).key;
      pushFeed = await feeds().create(input({ name: 'Pushed agency', transport: 'push', language: 'en' }));
      pushSlug = (await feeds().find(pushFeed)).slug;
    });

    it('stores a ninjs document (202) by id or slug, a second sending as a new version', async () => {
      const [report] = reports(1, 'push');
      const first = await push(String(pushFeed), ninjs(report!));
      expect(first.statusCode).toBe(202);
      const body = first.json();
      expect(body).toMatchObject({ feed: { id: pushFeed, slug: pushSlug }, created: 1, updated: 0, problems: [] });
      const again = await push(pushSlug, ninjs({ ...report!, title: `${report!.title}, updated` }, { version: '2' }), keys.editor, 'application/ninjs+json');
      expect(again.statusCode).toBe(202);
      expect(again.json()).toMatchObject({ created: 0, updated: 1, items: body.items });
      const log = await feeds().log(pushFeed);
      expect(log[0]).toMatchObject({ origin: 'push', outcome: 'ok', items_updated: 1 });
    });

    it('answers 400 problem+json for a document that is not ninjs, and 202 with problems beside stored items', async () => {
      const bad = await push(String(pushFeed), JSON.stringify({ hello: 'world' }));
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.json()).toMatchObject({ code: 'bad_document', detail: expect.stringContaining('not a ninjs document') });
      expect(bad.body).not.toContain('    at ');
      const broken = await push(String(pushFeed), '{"uri": ');
      expect(broken.statusCode).toBe(400);
      const mixed = await push(String(pushFeed), JSON.stringify([JSON.parse(ninjs(reports(1)[0]!)), { type: 'text', headline: 'No uri' }]));
      expect(mixed.statusCode).toBe(202);
      expect(mixed.json()).toMatchObject({ created: 1, problems: [{ where: 'item 2' }] });
      expect((await feeds().log(pushFeed)).some((l) => l.outcome === 'error')).toBe(true);
    });

    it('answers 401 without a key, 403 to a writer key, 404 for an unknown feed, 409 for a feed that is not a push feed', async () => {
      const doc = ninjs(reports(1)[0]!);
      expect((await push(String(pushFeed), doc, '')).statusCode).toBe(401);
      expect((await push(String(pushFeed), doc, keys.writer)).statusCode).toBe(403);
      expect((await push('no-such-feed', doc)).statusCode).toBe(404);
      const polled = await feeds().create(input({ transport: 'http', url: 'https://feeds.agency.example/x.xml' }));
      const refused = await push(String(polled), doc);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('not_a_push_feed');
    });

    it('is in the OpenAPI document', async () => {
      const doc = (await t.app.fastify.inject({ url: '/api/v1/openapi.json' })).json();
      const entry = doc.paths['/admin/wires/{feed}/items'].post;
      expect(Object.keys(entry.responses).sort()).toEqual(['202', '400', '401', '403', '404', '409', '413', '415', '429', '500']);
    });
  });
});
