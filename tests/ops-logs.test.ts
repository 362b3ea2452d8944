import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Request ids (decision 0028): the caller's X-Request-Id when it is safe, else one of ours; echoed
 * in the answer, and on every log line written about the request. Without METRICS_TOKEN the main
 * port has no /metrics.
 */
describe('request ids and log lines', () => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('sqlite', { env: { LOG_LEVEL: 'info' }, logStream: { write: (line) => void lines.push(line) } });
  });
  afterAll(() => t.close());

  it('keeps a safe incoming id, replaces an unsafe one, and makes one when there is none', async () => {
    const kept = await t.app.fastify.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-7f3a:01.x_y' } });
    expect(kept.headers['x-request-id']).toBe('lb-7f3a:01.x_y');
    for (const unsafe of ['has space', 'a'.repeat(129), 'quote"', 'new\\nline']) {
      const replaced = await t.app.fastify.inject({ url: '/healthz', headers: { 'x-request-id': unsafe } });
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f]{10}-[0-9a-z]+$/);
    }
    const a = await t.app.fastify.inject({ url: '/healthz' });
    const b = await t.app.fastify.inject({ url: '/healthz' });
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f]{10}-[0-9a-z]+$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('answers 404 to /metrics on the main port when no token is set', async () => {
    expect((await t.app.fastify.inject({ url: '/metrics' })).statusCode).toBe(404);
  });

  it('puts the request id on the lines logged during a request (readiness with the database gone)', async () => {
    await t.testDb.db.close();
    const res = await t.app.fastify.inject({ url: '/readyz', headers: { 'x-request-id': 'probe-db-gone' } });
    expect(res.statusCode).toBe(503);
    expect(res.body).toBe('database unreachable\n');
    expect(res.body).not.toMatch(/\bat \w/);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const about = records.filter((r) => r.reqId === 'probe-db-gone');
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({ level: 40, msg: 'not ready: database unreachable' });
  });
});
