import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, formatViolations, launchBrowser, type PageProblems } from '../helpers/browser.js';
import { createTestArticle, type Site } from '../helpers/factories.js';
import { dialectAvailable } from '../helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

/**
 * The search page in a real browser on a real server: searching from the header, results with
 * highlighted snippets, the page for no results and for a bad address, all checked with axe-core
 * in the light and the dark colour scheme, and without console or CSP errors.
 */

const PAGES = {
  form: '/search',
  results: '/search?q=pier',
  filtered: '/search?q=pier&section=world&from=2020-01-01&tag=port-velmar',
  secondPage: '/search?q=pier&page=2',
  noResults: '/search?q=zebra&section=world',
  russian: `/ru/search?q=${encodeURIComponent('причал')}`,
};

async function populate(db: Kysely<Database>, site: Site): Promise<void> {
    await createTestArticle(db, site, {
      slug: 'aliyev-opens-pier',
      headline: 'Əliyev opens the new pier at Port Velmar',
      standfirst: 'The harbour has waited a decade for a pier this long.',
      tags: [{ type: 'place', name: 'Port Velmar' }],
    });
    // Enough for two pages of results.
    for (let i = 0; i < 22; i++) await createTestArticle(db, site, { slug: `pier-story-${i}`, headline: `Pier repairs, week ${i}` });
    await createTestArticle(db, site, {
      edition: 'ru',
      sectionId: site.sections.ru.world,
      slug: 'sovet-odobril-prichal',
      headline: 'Совет одобрил новый причал',
      standfirst: 'Голосование завершило спор о причале.',
    });
}

describe.skipIf(!inject('chromium'))('search in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('on sqlite', () => {
    let running: RunningSite<void> | undefined;
    const contexts: BrowserContext[] = [];
    beforeAll(async () => {
      running = await startSite('sqlite', populate);
    });
    afterAll(() => stopSite(running));
    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
    });

    async function newPage(options: BrowserContextOptions = {}): Promise<{ page: Page; problems: PageProblems }> {
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, ...options });
      contexts.push(context);
      const page = await context.newPage();
      return { page, problems: collectProblems(page) };
    }

    it('searches from the header of any page, by keyboard, and highlights what it found', async () => {
      const { page, problems } = await newPage();
      await page.goto('/');
      const box = page.getByRole('search', { name: 'Site search' }).getByRole('searchbox', { name: 'Search for' });
      await box.fill('Aliyev');
      await box.press('Enter');
      await page.waitForURL(/\/search\?q=Aliyev$/);
      expect(await page.locator('h1').textContent()).toBe('Search');
      expect(await page.locator('.search-count').textContent()).toBe('1 article found for “Aliyev”');
      expect(await page.locator('.search-result h2 mark').allTextContents()).toEqual(['Əliyev']);
      // The form on the page keeps the query.
      expect(await page.getByRole('search', { name: 'Search articles' }).getByRole('searchbox').inputValue()).toBe('Aliyev');
      expect(problems.messages).toEqual([]);
    });

    it('narrows by section and dates with the form, and pages through results', async () => {
      const { page, problems } = await newPage();
      await page.goto('/search?q=pier');
      const form = page.getByRole('search', { name: 'Search articles' });
      await form.getByLabel('Section').selectOption('world');
      await form.getByLabel('From').fill('2020-01-01');
      await form.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/section=world/);
      expect(page.url()).toMatch(/\/search\?q=pier&section=world&from=2020-01-01&to=$/);
      expect(await page.locator('.search-count').textContent()).toBe('23 articles found for “pier”');
      await page.getByRole('link', { name: 'Next →' }).click();
      await page.waitForURL(/page=2/);
      expect(await page.locator('.search-result').count()).toBe(3);
      expect(problems.messages).toEqual([]);
    });

    it('logs no console errors or CSP violations on any search page', async () => {
      const { page, problems } = await newPage();
      for (const path of Object.values(PAGES)) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
        expect(problems.messages, path).toEqual([]);
      }
    });

    it.each(['light', 'dark'] as const)('has no axe violations in the %s colour scheme', async (colorScheme) => {
      // bypassCSP only here: the CSP would refuse the injected axe-core script.
      const { page } = await newPage({ bypassCSP: true, colorScheme });
      const failures: string[] = [];
      const pages = { ...PAGES, badAddress: '/search?q=pier&page=abc&from=2026-02-30' };
      for (const [name, path] of Object.entries(pages)) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(name === 'badAddress' ? 400 : 200);
        if (name === 'results') expect(await page.locator('mark').count()).toBeGreaterThan(10);
        if (name === 'noResults') expect(await page.locator('.search-empty').count()).toBe(1);
        if (name === 'badAddress') expect(await page.getByRole('alert').count()).toBe(1);
        const violations = await axeViolations(page);
        if (violations.length) failures.push(formatViolations(violations, `${name} (${path}, ${colorScheme})`));
      }
      expect(failures, `\n${failures.join('\n\n')}`).toEqual([]);
    });
  });

  describe.skipIf(!dialectAvailable('postgres'))('on postgres', () => {
    let running: RunningSite<void> | undefined;
    beforeAll(async () => {
      running = await startSite('postgres', populate);
    });
    afterAll(() => stopSite(running));

    it('finds and highlights (smoke test)', async () => {
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url });
      try {
        const page = await context.newPage();
        const problems = collectProblems(page);
        expect((await page.goto(PAGES.results))?.status()).toBe(200);
        expect(await page.locator('.search-count').textContent()).toBe('23 articles found for “pier”');
        expect((await page.goto(PAGES.russian))?.status()).toBe(200);
        expect(await page.locator('.search-result h2 mark').allTextContents()).toEqual(['причал']);
        expect(problems.messages).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
