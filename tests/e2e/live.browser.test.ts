import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { insertCoverage } from '../../src/features/live/live.repository.js';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, expectHidden, expectVisible, formatViolations, launchBrowser } from '../helpers/browser.js';
import { testClock } from '../helpers/clock.js';
import { createTestArticle } from '../helpers/factories.js';
import { createTestUser, logInInBrowser } from '../helpers/newsroom.js';
import { dialectAvailable } from '../helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';

/**
 * A live page in Chromium (decision 0022): two readers have it open while a writer publishes,
 * edits and deletes an entry from the live desk; both readers see each change (a new entry behind
 * the "N new updates" button, the edit and the deletion in place), and the page and the desk pass
 * axe-core. On SQLite only: the streams come from the hub's memory, the same on both databases
 * (tests/live.test.ts runs the streams on both).
 */

interface Data {
  writer: string;
  articleId: number;
}

describe.skipIf(!inject('chromium') || !dialectAvailable('sqlite'))('a live page in Chromium', () => {
  let browser: Browser;
  let running: RunningSite<Data> | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    running = await startSite('sqlite', async (db, site) => {
      const writer = await createTestUser(db, 'writer', site, { name: 'Wren Writer' });
      const articleId = await createTestArticle(db, site, { headline: 'Live: harbour storm', slug: 'live-harbour-storm', publishedAt: new Date(testClock.ms() - 3_600_000) });
      await insertCoverage(db, articleId, new Date(testClock.ms() - 3_600_000).toISOString());
      return { writer: writer.email, articleId };
    });
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await stopSite(running);
    await browser?.close();
  });

  const open = async (options = {}): Promise<Page> => {
    const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, ...options });
    contexts.push(context);
    return context.newPage();
  };

  it('two readers see a writer add, edit and delete entries; the page and the desk pass axe', async () => {
    const { writer, articleId } = running!.data;
    const desk = await open({ bypassCSP: true });
    await logInInBrowser(desk, writer);
    await desk.goto(`/newsroom/articles/${articleId}/live`);
    const livePath = await desk.getByRole('link', { name: 'Live page' }).getAttribute('href');
    expect(livePath).toMatch(/\/live-harbour-storm$/);

    // Readers keep the site's real CSP (no bypass): the stream and the script work under it.
    const readers = [await open(), await open()];
    const problems = readers.map(collectProblems);
    for (const reader of readers) {
      await reader.goto(livePath as string);
      await expectVisible(reader.locator('[data-live-connected]'));
    }

    // Publish from the keyboard: text, then Ctrl+Enter.
    await desk.getByLabel('Text', { exact: true }).fill('Ferries are suspended for the night, the port said.');
    await desk.getByLabel('Key event').check();
    await desk.getByLabel('Text', { exact: true }).press('Control+Enter');
    await expectVisible(desk.getByRole('status').filter({ hasText: 'Entry published.' }));
    await expectVisible(desk.locator('[data-live-list]').getByText('Ferries are suspended for the night'));
    expect(formatViolations(await axeViolations(desk), 'live desk')).toBe('live desk: no axe violations');

    for (const reader of readers) {
      const more = reader.getByRole('button', { name: 'Show 1 new update' });
      await expectVisible(more);
      // Nothing moved under the reader before the click.
      expect(await reader.locator('[data-entry-id]').count()).toBe(0);
      await more.click();
      await expectVisible(reader.locator('.live-entries').getByText('Ferries are suspended for the night'));
      await expectVisible(reader.locator('.live-key-events').getByRole('link', { name: /Ferries are suspended/ }));
    }
    const readerPage = readers[0] as Page;
    const page = await open({ bypassCSP: true });
    await page.goto(livePath as string);
    expect(formatViolations(await axeViolations(page), 'live page')).toBe('live page: no axe violations');

    // Edit: both readers see the new words in place.
    await desk.getByRole('link', { name: /^Edit/ }).first().click();
    await expectVisible(desk.getByRole('button', { name: 'Save entry' }));
    await desk.getByLabel('Text', { exact: true }).fill('Ferries are suspended until 07:00, the port said.');
    await desk.getByRole('button', { name: 'Save entry' }).click();
    await expectVisible(desk.getByRole('status').filter({ hasText: 'Entry saved.' }));
    for (const reader of readers) await expectVisible(reader.getByText('Ferries are suspended until 07:00'));

    // Delete: both readers see it go.
    desk.once('dialog', (dialog) => void dialog.accept());
    await desk.getByRole('button', { name: 'Delete' }).first().click();
    await expectVisible(desk.getByRole('status').filter({ hasText: 'Entry deleted.' }));
    for (const reader of readers) await expectHidden(reader.getByText('Ferries are suspended until 07:00'));
    expect(await readerPage.locator('[data-entry-id]').count()).toBe(0);
    for (const p of problems) expect(p.messages).toEqual([]);
  });
});
