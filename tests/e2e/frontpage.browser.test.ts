import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, expectVisible, formatViolations, launchBrowser, tabTo, type PageProblems } from '../helpers/browser.js';
import { createImage, createTestArticle, testArticlePath, type Site } from '../helpers/factories.js';
import { createTestUser, logInInBrowser } from '../helpers/newsroom.js';
import { dialectAvailable } from '../helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';
import { testClock } from '../helpers/clock.js';

/**
 * The front page in Chromium (issue 14): a phone's first two screens, the menu with and without
 * script, layout stability, what travels before images, axe-core in light and dark, and the
 * newsroom's arrangement of the front by keyboard.
 */

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, reducedMotion: 'reduce' };

interface Data {
  editor: string;
  article: string;
}

async function populate(db: Kysely<Database>, site: Site, dataDir: string): Promise<Data> {
  const images = [await createImage(db, dataDir, { alt: 'Cranes over the north quay' }), await createImage(db, dataDir, { alt: 'The ferry at dawn' })];
  let article = '';
  for (let i = 0; i < 24; i++) {
    const publishedAt = new Date(testClock.ms() - (i + 1) * 45 * 60_000);
    const slug = `front-story-${i}`;
    const section = i % 2 ? 'business' : 'world';
    await createTestArticle(db, site, {
      slug,
      headline: `Port Velmar story ${i}: the council weighs a longer northern pier for winter ferries`,
      standfirst: 'The harbour board met on Thursday evening to hear the ferry company and the fishing cooperative.',
      sectionId: site.sections.en[section],
      leadMediaId: i % 4 === 0 ? images[(i / 4) % 2]!.id : null,
      isTop: i < 3,
      publishedAt,
    });
    if (i === 0) article = testArticlePath(section, publishedAt, slug);
  }
  const editor = await createTestUser(db, 'editor', site);
  return { editor: editor.email, article };
}

/** Layout shifts since the page began, as Chromium reports them, after images (held back) arrive. */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 400);
      }),
  );

describe.skipIf(!inject('chromium') || !dialectAvailable('sqlite'))('front page in Chromium', () => {
  let browser: Browser;
  let running: RunningSite<Data> | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [browser, running] = await Promise.all([launchBrowser(), startSite('sqlite', populate)]);
  });
  afterAll(async () => {
    await browser?.close();
    await stopSite(running);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function newPage(options: BrowserContextOptions = {}): Promise<{ page: Page; problems: PageProblems }> {
    const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, ...options });
    contexts.push(context);
    const page = await context.newPage();
    return { page, problems: collectProblems(page) };
  }

  it('shows a compact header and at least five headlines in a phone’s first two screens, without shifting as images arrive', async () => {
    const { page, problems } = await newPage(PHONE);
    // Images arrive after the first layout: only their width and height can hold their place.
    await page.route(/\/media\//, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await route.continue();
    });
    await page.goto('/');
    const header = await page.locator('.site-header').boundingBox();
    expect(header?.height).toBeLessThanOrEqual(80);
    const headlines = await page.locator('main .story-title a').evaluateAll((links) =>
      links.filter((a) => {
        const box = a.getBoundingClientRect();
        return box.height > 0 && box.top + window.scrollY < 2 * window.innerHeight;
      }).length,
    );
    expect(headlines).toBeGreaterThanOrEqual(5);
    expect(await layoutShift(page)).toBeLessThan(0.01);
    await page.goto('/world');
    expect(await layoutShift(page)).toBeLessThan(0.01);
    expect(problems.messages).toEqual([]);
  });

  it('opens the phone menu (sections, editions, search) by keyboard, without any script', async () => {
    const { page, problems } = await newPage({ ...PHONE, javaScriptEnabled: false });
    await page.goto('/');
    const menu = page.locator('.menu');
    const sections = menu.getByRole('navigation', { name: 'Sections' });
    expect(await sections.isVisible()).toBe(false);
    await tabTo(page, '.menu summary', 10);
    await page.keyboard.press('Enter');
    await expectVisible(sections.getByRole('link', { name: 'Business' }));
    await expectVisible(menu.getByRole('navigation', { name: 'Editions' }).getByRole('link', { name: 'Русский' }));
    await expectVisible(menu.getByRole('searchbox'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('menu-search-q');
    await page.keyboard.type('pier');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=pier$/);
    expect(problems.messages).toEqual([]);
  });

  it('loads no more than 60 KB before images on the home page and 30 KB on an article, with no render-blocking script', async () => {
    const { page } = await newPage(PHONE);
    for (const [path, budget] of [['/', 60], [running!.data.article, 30]] as const) {
      await page.goto(path, { waitUntil: 'load' });
      const measured = await page.evaluate(() => {
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const resources = (performance.getEntriesByType('resource') as (PerformanceResourceTiming & { renderBlockingStatus?: string })[]).filter((r) => r.initiatorType !== 'img' && !r.name.includes('/media/'));
        return {
          bytes: navigation.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
          blockingScripts: resources.filter((r) => r.initiatorType === 'script' && r.renderBlockingStatus === 'blocking').map((r) => r.name),
          assets: resources.length,
        };
      });
      expect(measured.assets, path).toBeGreaterThanOrEqual(2);
      expect(measured.bytes, path).toBeGreaterThan(1000);
      expect(measured.bytes, path).toBeLessThanOrEqual(budget * 1024);
      expect(measured.blockingScripts, path).toEqual([]);
    }
  });

  it.each(['light', 'dark'] as const)('has no axe violations on a phone in the %s colour scheme, menu closed and open', async (colorScheme) => {
    const { page } = await newPage({ ...PHONE, colorScheme, bypassCSP: true });
    const failures: string[] = [];
    // The wide layout's pages are checked by the reader's browser tests; here, the phone's.
    for (const path of ['/', '/world']) {
      await page.goto(path);
      const closed = await axeViolations(page);
      if (closed.length) failures.push(formatViolations(closed, `${path} (${colorScheme})`));
    }
    await page.goto('/');
    await page.locator('.menu summary').click();
    await expectVisible(page.locator('.menu-panel'));
    const open = await axeViolations(page);
    if (open.length) failures.push(formatViolations(open, `/ with the menu open (${colorScheme})`));
    expect(failures, `\n${failures.join('\n\n')}`).toEqual([]);
  });

  it('lets an editor arrange the top of the front by keyboard, and readers see it', async () => {
    const { page, problems } = await newPage({ bypassCSP: true });
    await logInInBrowser(page, running!.data.editor);
    await page.goto('/newsroom/front');
    const violations = await axeViolations(page);
    expect(violations, formatViolations(violations, '/newsroom/front')).toEqual([]);
    // Add story 7 as the lead: the select, the radio "As the lead", the button, all from the keyboard.
    await tabTo(page, '#f-article_id');
    await page.keyboard.press('Home');
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('#f-article_id option:checked').textContent()).toContain('story 7:');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#f-at-lead').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectVisible(page.getByText('Story added.'));
    // Then story 9 after it, and move it up to lead.
    await page.locator('#f-article_id').selectOption({ label: (await page.locator('#f-article_id option', { hasText: 'story 9:' }).textContent()) ?? '' });
    await page.getByRole('button', { name: 'Add to the front page' }).click();
    await expectVisible(page.getByText('Story added.'));
    await tabTo(page, '.front-slots li:nth-child(2) .actions form:first-child button');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Move up: Port Velmar story 9:/);
    await page.keyboard.press('Enter');
    await expectVisible(page.getByText('Order saved.'));
    expect(await page.locator('.front-slots li').first().textContent()).toContain('story 9:');

    await page.goto('/');
    const top = page.locator('.top-stories .story-title');
    expect(await top.nth(0).textContent()).toContain('story 9:');
    expect(await top.nth(1).textContent()).toContain('story 7:');
    expect(problems.messages).toEqual([]);
  });
});
