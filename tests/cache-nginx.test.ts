import http from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../src/features/users/policy.js';
import { createTestArticle, draftFields, type Site } from './helpers/factories.js';
import { createTestUser } from './helpers/newsroom.js';
import { nginxPorts, startNginx, type RunningNginx } from './helpers/nginx.js';
import { testClock } from './helpers/clock.js';
import { startSite, stopSite, type RunningSite } from './helpers/test-server.js';

/**
 * A real nginx with deploy/nginx/dateline.conf in front of a real Dateline (decision 0020): pages
 * are served from nginx's cache, and a publish purges exactly the addresses it touches there, the
 * article, the home page, its section, tag and author pages and their feeds, the sitemaps.
 */
describe.skipIf(!inject('nginx'))('nginx in front, purged on every change', () => {
  let site: RunningSite<Site>;
  let nginx: RunningNginx;
  let editor: Actor;
  const at = (minutesAgo: number) => new Date(testClock.ms() - minutesAgo * 60_000);
  const get = async (path: string) => {
    const res = await fetch(nginx.url + path, { headers: { 'accept-encoding': 'gzip' } });
    return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text(), keys: res.headers.get('surrogate-key'), encoding: res.headers.get('content-encoding') };
  };

  beforeAll(async () => {
    const ports = await nginxPorts();
    site = await startSite(
      'sqlite',
      async (db, s) => {
        await createTestArticle(db, s, { slug: 'market-opens', sectionId: s.sections.en.business, publishedAt: at(50), authorIds: [s.authors.boris], tags: [{ type: 'topic', name: 'Markets' }] });
        await createTestArticle(db, s, { slug: 'harbour-vote', publishedAt: at(30), tags: [{ type: 'place', name: 'Port Velmar' }] });
        return s;
      },
      { FRONT_CACHE_PURGE_URL: `http://127.0.0.1:${ports.purgePort}`, TRUST_PROXY: 'true' },
    );
    const user = await createTestUser(site.testDb.db.kysely, 'editor', undefined, { name: 'Eda Editor' });
    editor = { userId: user.id, role: 'editor', name: user.name };
    nginx = await startNginx(site.server.url.replace('http://', ''), ports);
  });
  afterAll(async () => {
    await nginx?.stop();
    await stopSite(site);
  });

  it('serves pages from its cache, unzipped for a reader who takes no gzip, without the surrogate keys', async () => {
    expect((await get('/business')).cache).toBe('MISS');
    const again = await get('/business');
    expect(again.cache).toBe('HIT');
    expect(again.keys).toBeNull();
    // fetch() always asks for gzip: a plain request, with no Accept-Encoding at all.
    const plain = await new Promise<{ encoding: string | undefined; body: string }>((resolve, reject) => {
      http.get(`${nginx.url}/business`, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body }));
      }).on('error', reject);
    });
    expect(plain.encoding).toBeUndefined();
    expect(plain.body).toBe(again.body);
  });

  it('purges the article, home, section, tag and author pages, their feeds and the sitemaps on a publish, and keeps the rest', async () => {
    const touched = ['/', '/world', '/places/port-velmar', '/authors/ada-quill', '/feed.xml', '/world/atom.xml', '/places/port-velmar/feed.json', '/authors/ada-quill/feed.xml', '/sitemap.xml', '/news-sitemap.xml'];
    const untouched = ['/business', '/topics/markets', '/business/feed.xml', '/authors/boris-penn'];
    for (const path of [...touched, ...untouched]) expect((await get(path)).status, path).toBe(200);
    for (const path of [...touched, ...untouched]) expect((await get(path)).cache, path).toBe('HIT');

    const id = await site.server.app.desk.create(editor, draftFields(site.data, 'Night ferry to Port Velmar extended', { tags: [{ type: 'place', name: 'Port Velmar' }] }));
    await site.server.app.desk.publish(editor, id);
    await site.server.app.front!.settled();

    for (const path of touched) expect((await get(path)).cache, `${path} should have been purged`).toBe('MISS');
    for (const path of untouched) expect((await get(path)).cache, `${path} should be kept`).toBe('HIT');
    expect((await get('/')).body).toContain('Night ferry to Port Velmar extended');
    expect(site.server.app.front!.stats.failed).toBe(0);
  });

});
