import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, expectVisible, formatViolations, launchBrowser, type PageProblems } from '../helpers/browser.js';
import { createFullArticle, createImage, createTestArticle, testArticlePath, type Site } from '../helpers/factories.js';
import { dialectAvailable } from '../helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

/**
 * The reader site in a real browser, on a real server: the text-size control, what happens
 * without JavaScript, console and CSP errors, accessibility (axe-core) and layout stability.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PAGES = {
  home: '/',
  section: '/world',
  person: '/people/ines-marlow',
  place: '/places/port-velmar',
  organisation: '/organisations/harbour-council',
  topic: '/topics/infrastructure',
  author: '/authors/ada-quill',
};

interface Articles {
  /** The article with everything: lead image, four kinds of tag, two sources, a correction, quotes. */
  article: string;
  /** A second article with a lead image, for moving from one article to another. */
  otherArticle: string;
}

async function populate(db: Kysely<Database>, site: Site, dataDir: string): Promise<Articles> {
    const article = await createFullArticle(db, site, dataDir);
    const otherPublished = new Date('2026-03-09T10:00:00Z');
    const otherImage = await createImage(db, dataDir, { alt: 'A crane over the harbour' });
    await createTestArticle(db, site, {
      slug: 'related-pier-story',
      publishedAt: otherPublished,
      leadMediaId: otherImage.id,
      tags: [{ type: 'place', name: 'Port Velmar' }],
      sources: [{ kind: 'foreign_media' }],
    });
    await createTestArticle(db, site, { sectionId: site.sections.en.business, tags: [{ type: 'topic', name: 'Infrastructure' }] });
    return { article, otherArticle: testArticlePath('world', otherPublished, 'related-pier-story') };
}

describe.skipIf(!inject('chromium'))('reader site in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // The whole suite runs on SQLite. Run again on PostgreSQL it took as long again (about 20 s of
  // browser work that does not depend on the database), so PostgreSQL gets one smoke test.
  describe('on sqlite', () => {
    let running: RunningSite<Articles> | undefined;
    let base: string;
    let article: string;
    let otherArticle: string;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      running = await startSite('sqlite', populate);
      base = running.server.url;
      ({ article, otherArticle } = running.data);
    });
    afterAll(() => stopSite(running));

    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
    });

    async function newPage(options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: base, ...options });
      contexts.push(context);
      const page = await context.newPage();
      return { context, page, problems: collectProblems(page) };
    }

    const bodySize = (page: Page) => page.locator('.article-body').evaluate((el) => getComputedStyle(el).fontSize);
    const readout = (page: Page) => page.locator('[data-text-size-control] [data-readout]').textContent();
    const button = (page: Page, name: 'Increase' | 'Reset' | 'Decrease') => page.getByRole('button', { name: `${name} text size`, exact: true });

    async function expectSize(page: Page, size: number) {
      expect(await readout(page)).toBe(`${size} px`);
      expect(await bodySize(page)).toBe(`${size}px`);
    }

    it('serves the article page', async () => {
      const { page, problems } = await newPage();
      const response = await page.goto(article);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('Harbour council approves new pier');
      expect(problems.messages).toEqual([]);
    });

    describe('text-size control', () => {
      it('steps the article text between 12 and 28 px with named, labelled buttons', async () => {
        const { page, problems } = await newPage();
        await page.goto(article);
        const control = page.locator('[data-text-size-control]');
        await expectVisible(control);
        expect(await page.getByRole('group', { name: 'Text size' }).count()).toBe(1);
        const plus = button(page, 'Increase');
        const reset = button(page, 'Reset');
        const minus = button(page, 'Decrease');
        for (const b of [plus, reset, minus]) await expectVisible(b);

        const output = control.locator('[data-readout]');
        const live = (await output.getAttribute('aria-live')) === 'polite' || (await output.getAttribute('role')) === 'status';
        expect(live, 'the readout is a polite live region').toBe(true);

        await expectSize(page, 16);
        await plus.click();
        await expectSize(page, 18);
        await minus.click();
        await minus.click();
        await expectSize(page, 14);
        await reset.click();
        await expectSize(page, 16);

        for (let i = 0; i < 6; i++) await plus.click();
        await expectSize(page, 28);
        expect(await plus.getAttribute('aria-disabled')).toBe('true');
        expect(await minus.getAttribute('aria-disabled')).toBe('false');
        // A real click on the disabled button (Playwright would otherwise wait for it to be enabled).
        await plus.click({ force: true });
        await expectSize(page, 28);

        for (let i = 0; i < 8; i++) await minus.click();
        await expectSize(page, 12);
        expect(await minus.getAttribute('aria-disabled')).toBe('true');
        expect(await plus.getAttribute('aria-disabled')).toBe('false');
        await minus.click({ force: true });
        await expectSize(page, 12);
        expect(problems.messages).toEqual([]);
      });

      it('works from the keyboard and keeps focus on the button', async () => {
        const { page, problems } = await newPage();
        await page.goto(article);
        const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
        let presses = 0;
        while ((await focusedName()) !== 'Increase text size') {
          expect(++presses, 'Tab reaches the + button').toBeLessThan(40);
          await page.keyboard.press('Tab');
        }
        await page.keyboard.press('Enter');
        await expectSize(page, 18);
        expect(await focusedName()).toBe('Increase text size');
        await page.keyboard.press('Space');
        await expectSize(page, 20);
        expect(await focusedName()).toBe('Increase text size');
        await page.keyboard.press('Tab');
        expect(await focusedName()).toBe('Reset text size');
        await page.keyboard.press('Enter');
        await expectSize(page, 16);
        expect(problems.messages).toEqual([]);
      });

      it('remembers the size across pages and reloads, with no flash of the default size', async () => {
        const { context, page, problems } = await newPage();
        await page.goto(article);
        for (let i = 0; i < 3; i++) await button(page, 'Increase').click();
        await expectSize(page, 22);

        await page.goto('/');
        expect(await page.evaluate(() => document.documentElement.getAttribute('data-text-size'))).toBe('22');
        await page.goto(otherArticle);
        await expectSize(page, 22);
        await page.reload();
        await expectSize(page, 22);
        expect(problems.messages).toEqual([]);

        // Hold back text-size.js until the page has been measured: the remembered size must already
        // be in force, set by the inline head script before the first paint. (Routing turns the
        // HTTP cache off, so the script is fetched again.)
        const slow = await context.newPage();
        const slowProblems = collectProblems(slow);
        let release = () => {};
        const gate = new Promise<void>((resolve) => (release = resolve));
        let released = false;
        await slow.route(/\/assets\/text-size\.[0-9a-f]+\.js$/, async (route) => {
          await gate;
          released = true;
          await route.continue().catch(() => {});
        });
        try {
          await slow.goto(article, { waitUntil: 'commit' });
          // The stylesheet has applied (the control shows only with it and the head script's class).
          await slow.waitForFunction(() => {
            const control = document.querySelector('.text-size');
            return !!document.querySelector('.article-body') && !!control && getComputedStyle(control).display === 'flex';
          });
          const early = await slow.evaluate(() => ({
            attribute: document.documentElement.getAttribute('data-text-size'),
            fontSize: getComputedStyle(document.querySelector('.article-body')!).fontSize,
            readout: document.querySelector('[data-readout]')!.textContent,
            scriptDone: document.readyState === 'complete',
          }));
          expect(released).toBe(false);
          expect(early).toEqual({ attribute: '22', fontSize: '22px', readout: '16 px', scriptDone: false });
        } finally {
          release();
        }
        await slow.waitForLoadState('load');
        await expectSize(slow, 22);
        expect(slowProblems.messages).toEqual([]);
      });

      it.each(['999', 'abc', '17', ''])('ignores a stored size of %j', async (stored) => {
        const { page, problems } = await newPage();
        // Stored before any of the page's own scripts run, as if left by an earlier visit.
        await page.addInitScript((value) => localStorage.setItem('dateline.textSize', value), stored);
        await page.goto(article);
        expect(await page.evaluate(() => localStorage.getItem('dateline.textSize'))).toBe(stored);
        expect(await page.evaluate(() => document.documentElement.hasAttribute('data-text-size'))).toBe(false);
        await expectSize(page, 16);
        expect(await button(page, 'Increase').getAttribute('aria-disabled')).toBe('false');
        expect(await button(page, 'Decrease').getAttribute('aria-disabled')).toBe('false');
        await button(page, 'Increase').click();
        await expectSize(page, 18);
        expect(problems.messages).toEqual([]);
      });

      it('without JavaScript reads at 16 px and hides the control', async () => {
        const { page, problems } = await newPage({ javaScriptEnabled: false });
        await page.goto(article);
        await expectVisible(page.locator('h1'));
        await expectVisible(page.locator('.article-body p'));
        expect(await bodySize(page)).toBe('16px');
        expect(await page.locator('[data-text-size-control]').isVisible()).toBe(false);
        expect(await page.getByRole('button', { name: 'Increase text size' }).count()).toBe(0);
        expect(problems.messages).toEqual([]);
      });
    });

    it('logs no console errors, CSP violations or page errors', async () => {
      const { page, problems } = await newPage();
      for (const path of [...Object.values(PAGES), article, otherArticle]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        if (path === article) await button(page, 'Increase').click();
        // CSP reports and late script errors arrive after load.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
        expect(problems.messages, path).toEqual([]);
      }
    });

    it.each(['light', 'dark'] as const)('has no axe violations in the %s colour scheme', async (colorScheme) => {
      // bypassCSP only here: the CSP would refuse the injected axe-core script.
      const { page } = await newPage({ bypassCSP: true, colorScheme });
      const failures: string[] = [];
      const pages = { ...PAGES, article, apiDocs: '/api/v1/docs', notFound: '/no-such-page' };
      for (const [name, path] of Object.entries(pages)) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(name === 'notFound' ? 404 : 200);
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
        const violations = await axeViolations(page);
        if (violations.length) failures.push(formatViolations(violations, `${name} (${path}, ${colorScheme})`));
      }
      // The article again at the largest size, with the + button disabled.
      await page.goto(article);
      for (let i = 0; i < 6; i++) await button(page, 'Increase').click();
      expect(await button(page, 'Increase').getAttribute('aria-disabled')).toBe('true');
      const largest = await axeViolations(page);
      if (largest.length) failures.push(formatViolations(largest, `article at 28 px (${article}, ${colorScheme})`));
      expect(failures, `\n${failures.join('\n\n')}`).toEqual([]);
    });

    it.each([
      ['article', () => article],
      ['home', () => '/'],
    ])('keeps the %s page from shifting while images load (CLS < 0.01)', async (_name, path) => {
      const { page, problems } = await newPage();
      // Images arrive late, after the first layout: only width and height can hold their place.
      await page.route(/\/media\//, async (route) => {
        await sleep(300);
        await route.continue();
      });
      await page.goto(path());
      if (path() === article) {
        const img = page.locator('.lead-image img');
        const attrs = await img.evaluate((el: HTMLImageElement) => ({
          width: el.getAttribute('width'),
          height: el.getAttribute('height'),
          naturalWidth: el.naturalWidth,
          naturalHeight: el.naturalHeight,
        }));
        expect(Number(attrs.width)).toBeGreaterThan(0);
        expect(Number(attrs.height)).toBeGreaterThan(0);
        expect(attrs.naturalWidth, 'the image has loaded').toBeGreaterThan(0);
        expect(Number(attrs.width) / Number(attrs.height)).toBeCloseTo(attrs.naturalWidth / attrs.naturalHeight, 2);
      }
      const cls = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
                if (!entry.hadRecentInput) total += entry.value;
              }
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve(total), 500);
          }),
      );
      expect(cls).toBeLessThan(0.01);
      expect(problems.messages).toEqual([]);
    });
  });

  describe.skipIf(!dialectAvailable('postgres'))('on postgres', () => {
    let running: RunningSite<Articles> | undefined;
    beforeAll(async () => {
      running = await startSite('postgres', populate);
    });
    afterAll(() => stopSite(running));

    it('serves a working article page (smoke test)', async () => {
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url });
      try {
        const page = await context.newPage();
        const problems = collectProblems(page);
        const response = await page.goto(running!.data.article);
        expect(response?.status()).toBe(200);
        expect(await page.locator('h1').textContent()).toBe('Harbour council approves new pier');
        expect(await page.locator('.lead-image img').evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
        expect(await page.locator('.tag-groups a').count()).toBe(4);
        expect(await page.locator('.corrections li').count()).toBe(1);
        expect(await page.locator('.article-body blockquote').count()).toBe(1);
        await page.getByRole('button', { name: 'Increase text size', exact: true }).click();
        expect(await page.locator('[data-readout]').textContent()).toBe('18 px');
        expect(await page.locator('.article-body').evaluate((el) => getComputedStyle(el).fontSize)).toBe('18px');
        expect(problems.messages).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
