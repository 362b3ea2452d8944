import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, formatViolations, launchBrowser, tabTo } from '../helpers/browser.js';
import { createTestUser, logInInBrowser } from '../helpers/newsroom.js';
import { DIALECTS, dialectAvailable } from '../helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';
import { reports, rss } from '../helpers/wire-documents.js';

/**
 * The wire feed pages in a real browser: an editor adds a drop-folder feed by keyboard, a file
 * arrives and the feed's page shows its take-in; axe-core on every feed page, a refused form too.
 */
describe.skipIf(!inject('chromium'))('wire feed pages in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  // On SQLite only: the pages read the same service on both databases, and tests/wires-feeds-pages.test.ts runs them on both.
  describe.each(DIALECTS.filter((d) => d === 'sqlite'))('on %s', (dialect) => {
    let running: RunningSite<{ editor: string }> | undefined;
    beforeAll(async () => {
      if (!dialectAvailable(dialect)) return;
      running = await startSite(dialect, async (db, site) => ({ editor: (await createTestUser(db, 'editor', site, { name: 'Wendy Wire' })).email }));
    });
    afterAll(() => stopSite(running));

    it.runIf(dialectAvailable(dialect))('an editor adds a drop-folder feed by keyboard and reads its log; every page passes axe-core', async () => {
      // axe-core is injected as a script tag, which the newsroom's CSP refuses (as it should).
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, bypassCSP: true });
      const page = await context.newPage();
      const problems = collectProblems(page);
      page.on('dialog', (d) => void d.accept());
      const found: string[] = [];
      try {
        await logInInBrowser(page, running!.data.editor);
        await page.goto('/newsroom/wires/feeds');
        found.push(formatViolations(await axeViolations(page), 'feed list, empty'));
        await page.goto('/newsroom/wires/feeds/new');
        found.push(formatViolations(await axeViolations(page), 'new feed'));

        // A refused form first: nothing typed.
        await tabTo(page, 'button[type="submit"].primary');
        await page.keyboard.press('Enter');
        await page.waitForSelector('.error-summary');
        found.push(formatViolations(await axeViolations(page), 'feed form with errors'));

        await page.getByLabel('Name').fill('Harbour Agency drops');
        await page.getByLabel('Publication').selectOption({ label: 'AFP' });
        await page.getByLabel('How the reports arrive').selectOption('folder');
        await page.getByLabel('Address (polled feeds only)').fill('');
        await page.getByLabel('Seconds between polls').fill('60');
        await page.getByLabel('Seconds between polls').press('Enter');
        await page.waitForURL(/\/newsroom\/wires\/feeds\/\d+\?notice=created/);
        const id = Number(/feeds\/(\d+)/.exec(page.url())![1]);

        const dir = path.join(running!.testDb.dataDir, 'wires', 'harbour-agency-drops');
        fs.writeFileSync(path.join(dir, 'evening.rss'), rss(reports(3, 'browser')));
        fs.writeFileSync(path.join(dir, 'torn.xml'), '<rss><channel><item>');
        await running!.server.app.wireIntake.takeInWrittenFiles(id);
        await page.reload();
        const text = await page.locator('main').innerText();
        expect(text).toContain('3 items in the last 24 hours');
        expect(text).toContain('evening.rss');
        expect(text).toContain('torn.xml');
        expect(text).toContain('The document could not be read');
        found.push(formatViolations(await axeViolations(page), 'feed page with its log'));
        await page.goto('/newsroom/wires/feeds');
        found.push(formatViolations(await axeViolations(page), 'feed list'));
        await page.goto(`/newsroom/wires/feeds/${id}/edit`);
        found.push(formatViolations(await axeViolations(page), 'edit feed'));
        expect(found.filter((f) => !f.endsWith('no axe violations')).join('\n')).toBe('');
        // The refused form answers 400 on purpose; nothing else may go wrong.
        expect(problems.messages.filter((m) => !/HTTP 400|status of 400/.test(m))).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
