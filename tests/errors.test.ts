import { describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/test-app.js';

describe('when the database fails', () => {
  it('answers 500 with a plain error page, no details, and logs the error', async () => {
    const lines: string[] = [];
    const t = await createTestApp('sqlite', { env: { LOG_LEVEL: 'info' }, logStream: { write: (line) => lines.push(line) } });
    try {
      await t.testDb.db.close();
      const res = await t.app.fastify.inject({ method: 'GET', url: '/world' });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('<h1>Something went wrong</h1>');
      expect(res.body).not.toMatch(/driver has already been destroyed|\.ts:\d+|\.js:\d+|SqliteError|Error:/i);
      // The details go to the log instead: one error line with the cause and the address.
      const errors = lines.map((line) => JSON.parse(line) as { level: number; msg: string; url?: string; err?: { message: string; stack: string } }).filter((entry) => entry.level >= 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ level: 50, msg: 'request failed', url: '/world', err: { message: expect.stringMatching(/destroyed|closed|not open/i) } });
      expect(errors[0]!.err!.stack).toMatch(/\.(ts|js):\d+/);
    } finally {
      await t.app.fastify.close();
      await t.testDb.destroy().catch(() => {});
    }
  });
});
