import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, formatViolations, launchBrowser } from '../helpers/browser.js';
import { createFullArticle } from '../helpers/factories.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';

/**
 * Feed discovery as a browser sees it, on a real server: the <link rel="alternate"> elements of
 * each list page, the feeds they point at (served the second time by the cache's fast path,
 * before Fastify), and axe-core on the pages whose heads gained the links.
 */

const LISTS = ['/', '/world', '/people/ines-marlow', '/authors/ada-quill', '/ru'];
const TYPES = ['application/rss+xml', 'application/atom+xml', 'application/feed+json'];

describe.skipIf(!inject('chromium'))('feed discovery in Chromium', () => {
  let browser: Browser;
  let running: RunningSite<string> | undefined;
  let server: RunningServer;

  beforeAll(async () => {
    running = await startSite('sqlite', (db, site, dataDir) => createFullArticle(db, site, dataDir));
    server = running.server;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stopSite(running);
  });

  it('finds three feeds on every list page, each served with its type and revalidated from the cache', async () => {
    const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: server.url, bypassCSP: true });
    try {
      const page = await context.newPage();
      const problems = collectProblems(page);
      for (const list of LISTS) {
        expect((await page.goto(list))?.status(), list).toBe(200);
        const links = await page.locator('head link[rel="alternate"][type]').evaluateAll((els) =>
          els.map((el) => ({ type: el.getAttribute('type'), title: el.getAttribute('title'), href: (el as HTMLLinkElement).href })),
        );
        expect(links.map((l) => l.type), list).toEqual(TYPES);
        for (const link of links) {
          expect(link.title, list).toBeTruthy();
          // SITE_URL has no port; the server listens on a free one.
          const url = `${server.url}${new URL(link.href).pathname}`;
          const first = await context.request.get(url);
          expect(first.status(), url).toBe(200);
          expect(first.headers()['content-type']).toBe(`${link.type}; charset=utf-8`);
          expect((await first.body()).length).toBeGreaterThan(200);
          const again = await context.request.get(url, { headers: { 'if-none-match': first.headers().etag! } });
          expect(again.status(), url).toBe(304);
        }
        const violations = await axeViolations(page);
        expect(violations, formatViolations(violations, list)).toEqual([]);
      }
      expect(problems.messages).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
