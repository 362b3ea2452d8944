import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { testClock } from './helpers/clock.js';
import { createSite, createTestArticle, testArticlePath, type Site } from './helpers/factories.js';
import { createTestUser, NewsroomClient } from './helpers/newsroom.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';

/**
 * Live coverage end to end on both databases (decision 0022): the live desk's forms, two readers'
 * streams over real HTTP receiving additions, edits and deletions from the hub's memory (one load
 * per change, not per reader), the page without scripts, LiveBlogPosting, ending coverage, break
 * out, and embed cards fetched at save from a loopback "service" under the private-address rules.
 */

/** A stand-in for YouTube's oEmbed and a Telegram post page, with a thumbnail. */
async function startServices() {
  const png = await sharp({ create: { width: 64, height: 36, channels: 3, background: '#336699' } }).png().toBuffer();
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x').searchParams.get('u') ?? '';
    if (u.startsWith('https://www.youtube.com/oembed')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ title: 'Harbour crane lifts the last span', author_name: 'Port Channel', thumbnail_url: 'https://i.ytimg.com/vi/x/hq.jpg' }));
    } else if (u.startsWith('https://i.ytimg.com/')) {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(png);
    } else if (u.startsWith('https://t.me/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><meta property="og:title" content="Harbour Watch"><meta property="og:description" content="Ferries resume at 14:00 &amp; queues form."></head></html>');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, rewrite: (url: string) => `http://127.0.0.1:${port}/?u=${encodeURIComponent(url)}` };
}

interface Stream {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the events are JSON of several shapes, read by the assertions
  events: { event: string; data: any }[];
  closed: boolean;
  status: number;
  close(): void;
}

/** A reader's EventSource, by hand: parses the stream's events as they come. */
function openStream(base: string, path: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const stream: Stream = { events: [], closed: false, status: 0, close: () => req.destroy() };
    const req = http.get(base + path, (res) => {
      stream.status = res.statusCode ?? 0;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) stream.events.push({ event, data: JSON.parse(data) });
        }
      });
      res.on('close', () => (stream.closed = true));
      resolve(stream);
    });
    req.on('error', reject);
  });
}

const until = async (what: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.each(DIALECTS)('live coverage on %s', (dialect) => {
  const available = dialectAvailable(dialect);
  let testDb: TestDb;
  let app: App;
  let site: Site;
  let base: string;
  let services: Awaited<ReturnType<typeof startServices>>;
  let editor: NewsroomClient;
  let writer: NewsroomClient;
  let articleId: number;
  let pagePath: string;

  beforeAll(async () => {
    if (!available) return;
    services = await startServices();
    testDb = await createTestDb(dialect);
    site = await createSite(testDb.db.kysely);
    const config = loadConfig({ DATA_DIR: testDb.dataDir, SITE_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent' });
    app = await buildApp({ config, db: testDb.db, clock: testClock.now, embedFetch: { rewrite: services.rewrite, allowPrivate: true } });
    await app.fastify.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.fastify.server.address() as AddressInfo).port}`;
    const ed = await createTestUser(testDb.db.kysely, 'editor', site);
    const wr = await createTestUser(testDb.db.kysely, 'writer', site);
    editor = await NewsroomClient.login(app.fastify, ed.email);
    writer = await NewsroomClient.login(app.fastify, wr.email);
    articleId = await createTestArticle(testDb.db.kysely, site, { headline: 'Storm over the harbour: live', slug: 'storm-live', publishedAt: new Date(testClock.ms() - 3_600_000) });
    const row = await testDb.db.kysely.selectFrom('articles').select(['published_at']).where('id', '=', articleId).executeTakeFirstOrThrow();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Baku', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(row.published_at as string));
    pagePath = `/world/${day.replace(/-/g, '/')}/storm-live`;
  }, 60_000);

  afterAll(async () => {
    if (!available) return;
    await app?.fastify.close();
    await testDb?.destroy();
    services?.server.close();
  });

  const json = { accept: 'application/json' };

  it.runIf(available)('a writer cannot start coverage; an editor can, and a writer then adds entries', async () => {
    expect((await writer.post(`/newsroom/articles/${articleId}/live/start`)).statusCode).toBe(403);
    const early = await writer.post(`/newsroom/articles/${articleId}/live/entries`, { text: 'Too early.' }, json);
    expect(early.statusCode).toBe(409);
    // The article's newsroom page leads to its live desk.
    const edit = await editor.get(`/newsroom/articles/${articleId}`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain(`<a class="button" href="/newsroom/articles/${articleId}/live">Live</a>`);
    const started = await editor.post(`/newsroom/articles/${articleId}/live/start`);
    expect(started.statusCode).toBe(303);
    const desk = await writer.get(`/newsroom/articles/${articleId}/live`);
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain('Publish entry');
  });

  it.runIf(available)('two readers get additions, edits and deletions from memory: one load per change, not per reader', async () => {
    const page = await app.fastify.inject({ url: pagePath });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-live-stream="/live-events/${articleId}"`);
    const a = await openStream(base, `/live-events/${articleId}`);
    const b = await openStream(base, `/live-events/${articleId}`);
    await until(() => a.events.length > 0 && b.events.length > 0);
    expect(a.events[0]?.event).toBe('state');
    const loadsBefore = app.liveHub.loads;

    const added = await writer.post(
      `/newsroom/articles/${articleId}/live/entries`,
      { headline: 'Ferries stop', text: 'All ferries are suspended, the port said.\n\n> We will reopen when the wind drops.\n— Ines Marlow, harbour master\n\nhttps://youtu.be/abcdefghijk', keyEvent: '1', authors: String(site.authors.ada) },
      json,
    );
    expect(added.statusCode).toBe(200);
    const entryId = (added.json() as { id: number }).id;
    for (const s of [a, b]) await until(() => s.events.some((e) => e.event === 'entry' && e.data.id === entryId));
    const entry = a.events.find((e) => e.event === 'entry')!.data;
    expect(entry.html).toContain('Ferries stop');
    expect(entry.html).toContain('Ines Marlow');
    // The card was fetched at save from the "service": title, author and a stored thumbnail; no frame.
    expect(entry.html).toContain('Harbour crane lifts the last span');
    expect(entry.html).toContain('Port Channel');
    expect(entry.html).toMatch(/<img class="embed-thumb" src="data:image\/jpeg;base64,/);
    expect(entry.html).not.toContain('<iframe');
    await until(() => a.events.some((e) => e.event === 'keyevents'));
    expect(a.events.find((e) => e.event === 'keyevents')!.data.html).toContain(`#entry-${entryId}`);

    const edited = await writer.post(`/newsroom/articles/${articleId}/live/entries/${entryId}`, { headline: 'Ferries stop until evening', text: 'All ferries are suspended until 18:00.' }, json);
    expect(edited.statusCode).toBe(200);
    for (const s of [a, b]) await until(() => s.events.some((e) => e.event === 'entry' && e.data.html.includes('until evening')));

    const second = await writer.post(`/newsroom/articles/${articleId}/live/entries`, { text: 'https://t.me/harbourwatch/42' }, json);
    const secondId = (second.json() as { id: number }).id;
    await until(() => a.events.some((e) => e.event === 'entry' && e.data.id === secondId));
    expect(a.events.find((e) => e.event === 'entry' && e.data.id === secondId)!.data.html).toContain('Ferries resume at 14:00 &amp; queues form.');

    expect((await writer.post(`/newsroom/articles/${articleId}/live/entries/${secondId}/delete`, {}, json)).statusCode).toBe(200);
    for (const s of [a, b]) await until(() => s.events.some((e) => e.event === 'remove' && e.data.id === secondId));

    // Four changes, two readers: four loads.
    expect(app.liveHub.loads - loadsBefore).toBe(4);

    // A reader who comes back with the newest time it has gets only what changed since.
    const since = a.events.filter((e) => e.event === 'entry').map((e) => e.data.updatedAt as string).sort().pop() as string;
    const c = await openStream(base, `/live-events/${articleId}?since=${encodeURIComponent(since)}`);
    await until(() => c.events.length >= 1);
    expect(c.events[0]!.data.ids).toEqual([entryId]);
    for (const s of [a, b, c]) s.close();
  });

  it.runIf(available)('the page without scripts: entries, key events, LiveBlogPosting, the embed card and a CSP that frames only the services', async () => {
    const page = await app.fastify.inject({ url: pagePath });
    expect(page.body).toContain('Ferries stop until evening');
    expect(page.body).toContain('class="live-key-events"');
    expect(page.body).toMatch(/<script src="\/assets\/live\.[0-9a-f]{12}\.js" defer><\/script>/);
    const ld = [...page.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1] as string));
    const posting = ld.find((d) => d['@type'] === 'LiveBlogPosting');
    expect(posting.coverageStartTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(posting.coverageEndTime).toBeUndefined();
    expect(posting.liveBlogUpdate[0].headline).toBe('Ferries stop until evening');
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain('frame-src https://www.youtube-nocookie.com');
    expect(csp).toMatch(/script-src 'self' 'sha256-[^']+';/);
  });

  it.runIf(available)('the section’s feeds carry the live article once, with its newest entries and the time of the latest change', async () => {
    const feed = await app.fastify.inject({ url: '/world/feed.json' });
    expect(feed.statusCode).toBe(200);
    const items = (feed.json() as { items: { title: string; content_html: string; date_published: string; date_modified: string }[] }).items;
    const live = items.filter((i) => i.title === 'Storm over the harbour: live');
    expect(live).toHaveLength(1);
    const item = live[0]!;
    expect(item.content_html).toContain('<h2>Live updates</h2>');
    expect(item.content_html).toContain('Ferries stop until evening');
    // The deleted entry is gone from the feed as from the page.
    expect(item.content_html).not.toContain('harbourwatch');
    const latest = (await testDb.db.kysely.selectFrom('live_entries').select('updated_at').where('article_id', '=', articleId).orderBy('updated_at', 'desc').executeTakeFirstOrThrow()).updated_at;
    // Feeds write whole seconds.
    expect(Date.parse(item.date_modified)).toBe(Math.floor(Date.parse(latest) / 1000) * 1000);
    expect(Date.parse(item.date_modified)).toBeGreaterThan(Date.parse(item.date_published));
    const atom = await app.fastify.inject({ url: '/world/atom.xml' });
    expect(atom.body).toContain('Ferries stop until evening');
    expect(atom.body.match(/<title[^>]*>Storm over the harbour: live<\/title>/g)).toHaveLength(1);
  });

  it.runIf(available)('an entry makes stale its article’s page and the lists it is in, not the rest of the edition', async () => {
    const publishedAt = new Date(testClock.ms() - 7_200_000);
    await createTestArticle(testDb.db.kysely, site, { headline: 'Markets close higher', slug: 'markets-close', sectionId: site.sections.en.business, authorIds: [site.authors.boris], publishedAt });
    const other = testArticlePath('business', publishedAt, 'markets-close');
    for (const url of [other, pagePath, '/world/feed.json', '/business']) expect((await app.fastify.inject({ url })).statusCode, url).toBe(200);
    await app.cache.settled();
    for (const url of [other, pagePath, '/world/feed.json', '/business']) expect(app.cache.isFresh(url), url).toBe(true);

    expect((await writer.post(`/newsroom/articles/${articleId}/live/entries`, { text: 'The wind is dropping.' }, json)).statusCode).toBe(200);
    await expect.poll(() => app.cache.isFresh(pagePath), { timeout: 2_000, interval: 10 }).toBe(false);
    await expect.poll(() => app.cache.isFresh('/world/feed.json'), { timeout: 2_000, interval: 10 }).toBe(false);
    // Another section's article and list: untouched (an entry used to make the whole edition stale).
    expect(app.cache.isFresh(other)).toBe(true);
    expect(app.cache.isFresh('/business')).toBe(true);
    expect((await app.fastify.inject({ url: pagePath })).body).toContain('The wind is dropping.');
  });

  it.runIf(available)('refuses bad entries with a message per field and saves nothing', async () => {
    const count = async () => (await testDb.db.kysely.selectFrom('live_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    const empty = await writer.post(`/newsroom/articles/${articleId}/live/entries`, { text: '   ' }, json);
    expect(empty.statusCode).toBe(400);
    expect((empty.json() as { errors: Record<string, string> }).errors.text).toMatch(/Write/);
    const long = await writer.post(`/newsroom/articles/${articleId}/live/entries`, { headline: 'x'.repeat(301), text: 'Fine.' }, json);
    expect((long.json() as { errors: Record<string, string> }).errors.headline).toMatch(/300/);
    const image = await writer.post(`/newsroom/articles/${articleId}/live/entries`, { text: '[image 999999]' });
    expect(image.statusCode).toBe(400);
    expect(image.body).toContain('There is no image 999999 in the library.');
    expect(image.body).not.toMatch(/at .*\.ts:\d+/);
    expect(Number(await count())).toBe(before);
  });

  it.runIf(available)('breaks an entry out into a draft that links back', async () => {
    const entryId = (await testDb.db.kysely.selectFrom('live_entries').select('id').where('article_id', '=', articleId).executeTakeFirstOrThrow()).id;
    const res = await editor.post(`/newsroom/articles/${articleId}/live/entries/${entryId}/breakout`);
    expect(res.statusCode).toBe(303);
    const newId = Number(/\/newsroom\/articles\/(\d+)/.exec(res.headers.location as string)?.[1]);
    const draft = await testDb.db.kysely.selectFrom('articles').selectAll().where('id', '=', newId).executeTakeFirstOrThrow();
    expect(draft.status).toBe('draft');
    expect(draft.headline).toBe('Ferries stop until evening');
    expect(draft.body_html).toContain(`${pagePath}#entry-${entryId}`);
  });

  it.runIf(available)('ending coverage tells the readers, closes their streams and stops new ones', async () => {
    const a = await openStream(base, `/live-events/${articleId}`);
    await until(() => a.events.length > 0);
    expect((await editor.post(`/newsroom/articles/${articleId}/live/end`)).statusCode).toBe(303);
    await until(() => a.closed && a.events.some((e) => e.event === 'ended'));
    expect(a.events.find((e) => e.event === 'ended')!.data.html).toContain('has ended');
    const after = await openStream(base, `/live-events/${articleId}`);
    expect(after.status).toBe(204);
    const page = await app.fastify.inject({ url: pagePath });
    expect(page.body).toContain('This live coverage has ended');
    expect(page.body).not.toContain('data-live-stream');
    const ld = [...page.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1] as string));
    expect(ld.find((d) => d['@type'] === 'LiveBlogPosting').coverageEndTime).toMatch(/^\d{4}-/);
    expect((await writer.post(`/newsroom/articles/${articleId}/live/entries`, { text: 'Late.' }, json)).statusCode).toBe(409);
  });

  it.runIf(available)('a bad stream request is a 400 or 404, never a stack trace', async () => {
    expect((await app.fastify.inject({ url: '/live-events/abc' })).statusCode).toBe(404);
    const bad = await app.fastify.inject({ url: `/live-events/${articleId}?since=yesterday` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('.ts:');
    expect((await app.fastify.inject({ url: '/live-events/999999' })).statusCode).toBe(204);
  });
});
