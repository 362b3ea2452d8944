import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { connect } from '../src/db/connect.js';
import { drawIllustration } from '../src/demo/illustration.js';
import { createApiKey } from '../src/features/api-keys/api-key.service.js';
import { startServer, type RunningServer } from '../src/server.js';
import { testClock } from './helpers/clock.js';
import { createSite } from './helpers/factories.js';
import { createTestUser } from './helpers/newsroom.js';
import { nginxPorts, startNginx, type RunningNginx } from './helpers/nginx.js';
import { createTestDb, dialectAvailable, type TestDb } from './helpers/test-db.js';

/**
 * Media shared by every instance (decision 0029): two instances on one PostgreSQL with one
 * DATA_DIR (its media/ folder, a network mount in production), and a real nginx running
 * deploy/nginx/dateline.conf that serves /media/ from that folder itself. An image uploaded
 * through one instance is served by the other, and by nginx even with no instance answering.
 */
describe.skipIf(!dialectAvailable('postgres') || !inject('nginx'))('media uploaded on one instance, served by all and by nginx', () => {
  let testDb: TestDb;
  const servers: RunningServer[] = [];
  let nginx: RunningNginx;
  let key = '';
  let image: { url: string; renditions: { url: string; format?: string; width?: number }[] };

  beforeAll(async () => {
    testDb = await createTestDb('postgres');
    const site = await createSite(testDb.db.kysely);
    const admin = await createTestUser(testDb.db.kysely, 'admin', site, { name: 'Ayla Admin' });
    key = (await createApiKey(testDb.db.kysely, { userId: admin.id, role: 'admin', name: admin.name }, { name: 'Photo desk', role: 'writer' })).key;
    const config = loadConfig({ DATA_DIR: testDb.dataDir, PORT: '0', HOST: '127.0.0.1', SITE_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: testDb.databaseUrl! });
    for (let i = 0; i < 2; i++) servers.push(await startServer(config, i === 0 ? testDb.db : connect({ databaseUrl: testDb.databaseUrl }), { clock: testClock.now }));
    nginx = await startNginx(servers[1]!.url.replace('http://', ''), await nginxPorts(), { mediaDir: path.join(testDb.dataDir, 'media') });
  });
  afterAll(async () => {
    await nginx?.stop();
    for (const server of servers) await server.close().catch(() => {});
    await testDb?.destroy();
  });

  it('serves an image uploaded through the first instance from the second', async () => {
    const jpeg = await drawIllustration('cluster-media', 30, 640, 400);
    const res = await fetch(`${servers[0]!.url}/api/v1/admin/media?alt=${encodeURIComponent('Lamps along the quay at dusk')}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'image/jpeg' }, body: new Uint8Array(jpeg) });
    expect(res.status, await res.clone().text()).toBe(201);
    image = (await res.json()) as typeof image;
    const address = new URL(image.url).pathname;
    expect(address).toMatch(/^\/media\/.+\/480\.jpg$/);
    const fromSecond = await fetch(servers[1]!.url + address);
    expect(fromSecond.status).toBe(200);
    expect(fromSecond.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await fromSecond.arrayBuffer()).equals(fs.readFileSync(path.join(testDb.dataDir, address)))).toBe(true);
  });

  it('serves the renditions through nginx from the shared folder, with a year of caching and the right types, and falls back to the instances', async () => {
    const address = new URL(image.url).pathname;
    for (const [ext, type] of [['jpg', 'image/jpeg'], ['webp', 'image/webp'], ['avif', 'image/avif']] as const) {
      const res = await fetch(nginx.url + address.replace(/\.jpg$/, `.${ext}`));
      expect(res.status, ext).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer()).equals(fs.readFileSync(path.join(testDb.dataDir, address.replace(/\.jpg$/, `.${ext}`))))).toBe(true);
    }
    // Not in the folder: the instance answers, with its own 404 page.
    const missing = await fetch(`${nginx.url}/media/2026-01/not-an-upload/480.jpg`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    expect(missing.headers.get('cache-control')).not.toBe('public, max-age=31536000, immutable');

    // With no instance left behind it, nginx still serves the images: they come from the folder.
    await servers[1]!.close();
    const alone = await fetch(nginx.url + address);
    expect(alone.status).toBe(200);
    expect(alone.headers.get('content-type')).toBe('image/jpeg');
    expect((await fetch(`${nginx.url}/media/2026-01/not-an-upload/480.jpg`)).status).toBe(502);
  });
});
