import { describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/test-app.js';

describe('when the database fails', () => {
  it('answers 500 with a plain error page, no details, and logs the error', async () => {
    const t = await createTestApp('sqlite');
    try {
      await t.testDb.db.close();
      const res = await t.app.fastify.inject({ method: 'GET', url: '/world' });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('<h1>Something went wrong</h1>');
      expect(res.body).not.toMatch(/driver has already been destroyed|\.ts:\d+|\.js:\d+|SqliteError|Error:/i);
    } finally {
      await t.app.fastify.close();
      await t.testDb.destroy().catch(() => {});
    }
  });
});
