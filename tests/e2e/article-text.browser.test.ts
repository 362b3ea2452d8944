import type { Kysely } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { axeViolations, DEFAULT_CONTEXT, formatViolations, launchBrowser } from '../helpers/browser.js';
import { createImage, createTestArticle, testArticlePath, type Site } from '../helpers/factories.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';

/**
 * Two things a new reader met on a plain article (no corrections): the text-size control left the
 * standfirst and the lead image's caption at their size, and the tag groups' h3 came straight
 * after the h1 (Lighthouse and axe: heading-order).
 */

const PUBLISHED = new Date('2026-03-10T08:15:00Z');

async function populate(db: Kysely<Database>, site: Site, dataDir: string): Promise<string> {
  const image = await createImage(db, dataDir);
  await createTestArticle(db, site, {
    slug: 'plain-article',
    headline: 'A plain article without corrections',
    publishedAt: PUBLISHED,
    leadMediaId: image.id,
    tags: [
      { type: 'person', name: 'Ines Marlow' },
      { type: 'place', name: 'Port Velmar' },
    ],
    sources: [{ publicationId: site.publications.reuters }],
  });
  await createTestArticle(db, site, { slug: 'second-article', tags: [{ type: 'place', name: 'Port Velmar' }] });
  return testArticlePath('world', PUBLISHED, 'plain-article');
}

/** The article's own text: every part of it the reader's text size must scale. */
const ARTICLE_TEXT = {
  standfirst: '.standfirst',
  paragraph: '.article-body > p',
  quotation: '.article-body blockquote p',
  quotationCaption: '.article-body figure.quote figcaption',
  leadImageCaption: '.lead-image figcaption',
  attribution: '.attribution',
} as const;

describe.skipIf(!inject('chromium'))('article text in Chromium', () => {
  let browser: Browser;
  let running: RunningSite<string> | undefined;
  let article: string;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
    running = await startSite('sqlite', populate);
    article = running.data;
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopSite(running);
  });

  const sizes = (page: Page) =>
    page.evaluate((selectors) => {
      const out: Record<string, number> = {};
      for (const [name, selector] of Object.entries(selectors)) {
        const el = document.querySelector(selector);
        out[name] = el ? parseFloat(getComputedStyle(el).fontSize) : NaN;
      }
      return out;
    }, ARTICLE_TEXT);

  it('grows the whole article text with the text-size control, standfirst and captions included', async () => {
    context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url });
    const page = await context.newPage();
    await page.goto(article);
    const atDefault = await sizes(page);
    for (const [name, size] of Object.entries(atDefault)) expect(size, name).toBeGreaterThan(0);
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Increase text size', exact: true }).click();
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-text-size'))).toBe('28');
    const atLargest = await sizes(page);
    for (const name of Object.keys(ARTICLE_TEXT)) {
      expect(atLargest[name]! / atDefault[name]!, name).toBeCloseTo(28 / 16, 2);
    }
  });

  it('keeps the heading outline in order on the article and the list and search pages (axe heading-order)', async () => {
    // bypassCSP: the site's CSP rightly refuses the injected axe-core script.
    const axeContext = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, bypassCSP: true });
    try {
      const page = await axeContext.newPage();
      const failures: string[] = [];
      for (const path of [article, '/', '/world', '/places/port-velmar', '/people/ines-marlow', '/authors/ada-quill', '/search?q=article', '/search?q=zzzzqqq']) {
        expect((await page.goto(path))?.status(), path).toBe(200);
        // No level skipped on the way down, from the first heading on.
        const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((els) => els.map((el) => Number(el.tagName.slice(1))));
        expect(levels[0], path).toBe(1);
        levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0), `${path}: ${levels.join(' ')}`).toBeLessThanOrEqual(1));
        const violations = (await axeViolations(page)).filter((v) => v.id === 'heading-order');
        if (violations.length) failures.push(formatViolations(violations, path));
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    } finally {
      await axeContext.close();
    }
  });
});
