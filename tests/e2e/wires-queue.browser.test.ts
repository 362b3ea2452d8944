import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WireIngest, type IngestFeed } from '../../src/features/wires/wire-ingest.service.js';
import type { ParsedWireItem } from '../../src/features/wires/wire-item.js';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, expectVisible, formatViolations, launchBrowser, tabTo } from '../helpers/browser.js';
import { testClock } from '../helpers/clock.js';
import { createTestUser, logInInBrowser } from '../helpers/newsroom.js';
import { DIALECTS, dialectAvailable } from '../helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';
import { createWireFeed, freshWords, wireBody, wireItem } from '../helpers/wire-items.js';

/**
 * The wire desk in Chromium: the queue, a story group and an item pass axe-core; the queue works
 * by keyboard; a new report is announced without a reload; a story written from a group opens
 * the editor with the reports beside it.
 */

interface Desk {
  writer: string;
  feeds: { reuters: IngestFeed; afp: IngestFeed };
  group: number;
}

describe.skipIf(!inject('chromium'))('the wire desk in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe.each(DIALECTS)('on %s', (dialect) => {
    let running: RunningSite<Desk> | undefined;
    let ingest: WireIngest;
    const contexts: BrowserContext[] = [];
    const take = async (feed: IngestFeed, ...items: ParsedWireItem[]) => (await ingest.ingest(feed, { format: 'ninjs', items, problems: [] })).itemIds;

    beforeAll(async () => {
      if (!dialectAvailable(dialect)) return;
      running = await startSite(dialect, async (db, site) => {
        ingest = new WireIngest(db, testClock.now);
        const writer = await createTestUser(db, 'writer', site, { name: 'Wren Writer' });
        const feeds = {
          reuters: await createWireFeed(db, { publication_id: site.publications.reuters, name: 'Reuters World' }),
          afp: await createWireFeed(db, { publication_id: site.publications.afp, name: 'AFP English' }),
        };
        const words = freshWords(60).join(' ');
        const [first] = await take(feeds.reuters, wireItem({ headline: 'Harbour bridge reopens after repairs', ...wireBody([words]), url: 'https://reuters.example/bridge', place: 'Port Velmar' }));
        await take(feeds.afp, wireItem({ headline: 'Bridge over the harbour open again', ...wireBody([words]), url: 'https://afp.example/bridge' }));
        await take(feeds.afp, wireItem({ headline: 'Budget figures under embargo', embargoUntil: new Date(testClock.ms() + 3_600_000).toISOString() }));
        await take(feeds.reuters, wireItem({ headline: 'Report withdrawn by the agency', status: 'canceled' }));
        const group = (await db.selectFrom('wire_items').select('group_id').where('id', '=', first!).executeTakeFirstOrThrow()).group_id as number;
        return { writer: writer.email, feeds, group };
      });
    });
    afterAll(async () => {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
      await stopSite(running);
    });

    it.runIf(dialectAvailable(dialect))('queue, group and item pass axe; new reports are announced; a story from a group opens beside its reports', async () => {
      const desk = running!.data;
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, bypassCSP: true });
      contexts.push(context);
      const page = await context.newPage();
      const problems = collectProblems(page);
      await logInInBrowser(page, desk.writer);
      // The queue's script polls on a timer: the test moves the page's clock instead of waiting.
      await page.clock.install();

      await page.getByRole('link', { name: 'Wires', exact: true }).click();
      await page.waitForURL(/\/newsroom\/wires$/);
      await expectVisible(page.getByText('2 reports: AFP, Reuters'));
      expect(formatViolations(await axeViolations(page), 'queue')).toBe('queue: no axe violations');

      // By keyboard: open the story's list of reports.
      await tabTo(page, 'summary');
      await page.keyboard.press('Enter');
      await expectVisible(page.getByRole('link', { name: 'Bridge over the harbour open again' }).last());

      // A report arrives: the polite live region says so, without a reload.
      await take(desk.feeds.afp, wireItem({ headline: 'Ferry line adds a winter crossing' }));
      await page.clock.runFor(25_000);
      await expect.poll(() => page.locator('[data-wire-poll]').textContent()).toContain('1 new report');
      await expectVisible(page.locator('[data-wire-poll]').getByRole('link', { name: 'Show them' }));

      await page.goto(`/newsroom/wires/groups/${desk.group}`);
      expect(formatViolations(await axeViolations(page), 'group')).toBe('group: no axe violations');
      await page.getByRole('heading', { level: 2 }).getByRole('link', { name: 'Harbour bridge reopens after repairs' }).click();
      await page.waitForURL(/\/newsroom\/wires\/items\/\d+$/);
      await page.getByText('Show the document as it arrived').click();
      expect(formatViolations(await axeViolations(page), 'item')).toBe('item: no axe violations');

      await page.goto(`/newsroom/wires/groups/${desk.group}`);
      await page.getByLabel('Section').selectOption({ label: 'World' });
      await page.getByLabel('The headline only, with the reports beside the editor').check();
      await page.getByRole('button', { name: 'Write the story' }).click();
      await page.waitForURL(/\/newsroom\/articles\/\d+/);
      await expectVisible(page.getByRole('complementary', { name: 'The reports this story is written from' }));
      expect(await page.getByLabel('Headline').inputValue()).toBe('Bridge over the harbour open again');
      expect(await page.getByLabel('Source 1: publication').locator('option:checked').textContent()).toBe('AFP');
      expect(await page.getByLabel('Source 2: publication').locator('option:checked').textContent()).toBe('Reuters');
      expect(formatViolations(await axeViolations(page), 'editor beside reports')).toBe('editor beside reports: no axe violations');
      expect(problems.messages).toEqual([]);
    });
  });
});
