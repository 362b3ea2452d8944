import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, formatViolations, launchBrowser, tabTo } from '../helpers/browser.js';
import { ghostFixture, writeGhostExport } from '../helpers/ghost-export.js';
import { createTestUser, logInInBrowser } from '../helpers/newsroom.js';
import { DIALECTS, dialectAvailable } from '../helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';

/**
 * The newsroom's Import page in a real browser: an admin refuses an empty form, uploads an
 * invented Ghost export as a dry run by keyboard, watches it run and reads the report; axe-core
 * on each page.
 */
describe.skipIf(!inject('chromium'))('the Import page in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  // On SQLite only: tests/imports-admin.test.ts runs the page on both databases.
  describe.each(DIALECTS.filter((d) => d === 'sqlite'))('on %s', (dialect) => {
    let running: RunningSite<{ admin: string; file: string }> | undefined;
    beforeAll(async () => {
      if (!dialectAvailable(dialect)) return;
      running = await startSite(dialect, async (db, site, dataDir) => ({
        admin: (await createTestUser(db, 'admin', site, { name: 'Ines Import' })).email,
        file: writeGhostExport(path.join(dataDir, 'veloria.ghost.json'), ghostFixture()),
      }));
    });
    afterAll(() => stopSite(running));
    const runDir = (urlOrId: string) => path.join(running!.testDb.dataDir, 'imports', 'runs', urlOrId.split('/').pop()!);

    it.runIf(dialectAvailable(dialect))('an admin runs a dry run by keyboard and reads the report; every page passes axe-core', async () => {
      // axe-core is injected as a script tag, which the newsroom's CSP refuses (as it should).
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, bypassCSP: true });
      const page = await context.newPage();
      const problems = collectProblems(page);
      const found: string[] = [];
      try {
        await logInInBrowser(page, running!.data.admin);
        await page.goto('/newsroom/imports');
        found.push(formatViolations(await axeViolations(page), 'import form'));

        // Nothing chosen: refused, with the problems next to their fields.
        await tabTo(page, 'button[type="submit"].primary');
        await page.keyboard.press('Enter');
        await page.waitForSelector('.error-summary');
        expect(await page.locator('#f-format-error').innerText()).toContain('Choose the format');
        found.push(formatViolations(await axeViolations(page), 'import form with errors'));

        await tabTo(page, '#f-format');
        await page.keyboard.press('End');
        await page.locator('#f-format').selectOption('ghost');
        await page.getByLabel('Old site address (Ghost)').fill('https://old-veloria.example');
        await page.locator('#f-file').setInputFiles(running!.data.file);
        expect(await page.getByLabel(/Dry run/).isChecked()).toBe(true);
        await tabTo(page, 'button[type="submit"].primary');
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/newsroom\/imports\/\d{8}-\d{6}-[0-9a-f]{8}$/);
        // The job worker runs it; the page's script reloads it when it has finished.
        await page.waitForSelector('text=Dry run finished', { timeout: 30_000 });
        const text = await page.locator('main').innerText();
        expect(text).toContain('Would be created');
        expect(text).toContain('https://old-veloria.example/ferry-timetable/');
        expect(text).toContain('a Ghost "product" card was left out');
        found.push(formatViolations(await axeViolations(page), 'import report'));
        // A run in progress (as its job writes it every few seconds): the bar, the status line and the refresh link.
        const inProgress = { ...JSON.parse(fs.readFileSync(path.join(runDir(page.url()), 'run.json'), 'utf8')), id: '20260615-090000-0badc0de', status: 'running', progress: { bytesRead: 4000, bytesTotal: 10000, items: 3 } };
        fs.mkdirSync(runDir(inProgress.id), { recursive: true });
        fs.writeFileSync(path.join(runDir(inProgress.id), 'run.json'), JSON.stringify(inProgress));
        await page.goto(`/newsroom/imports/${inProgress.id}`);
        expect(await page.locator('progress').getAttribute('value')).toBe('40');
        expect(await page.locator('[data-import-status]').innerText()).toBe('Running: 3 items done, 40% of the file read.');
        found.push(formatViolations(await axeViolations(page), 'import in progress'));
        // The page's script asks for the progress and follows it.
        inProgress.progress = { bytesRead: 9000, bytesTotal: 10000, items: 7 };
        fs.writeFileSync(path.join(runDir(inProgress.id), 'run.json'), JSON.stringify(inProgress));
        await page.waitForFunction(() => document.querySelector('progress')?.getAttribute('value') === '90' || (document.querySelector('progress') as HTMLProgressElement | null)?.value === 90, undefined, { timeout: 15_000 });
        expect(await page.locator('[data-import-status]').innerText()).toBe('Running: 7 items done, 90% of the file read.');

        await page.goto('/newsroom/imports');
        expect(await page.locator('main').innerText()).toContain('Recent imports');
        found.push(formatViolations(await axeViolations(page), 'import form with recent imports'));
        expect(found.filter((f) => !f.endsWith('no axe violations')).join('\n')).toBe('');
        // The refused form answers 400 on purpose; nothing else may go wrong.
        expect(problems.messages.filter((m) => !/HTTP 400|status of 400/.test(m))).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
