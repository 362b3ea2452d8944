import type { Kysely } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { articlePath } from '../../src/web/addresses.js';
import { axeViolations, DEFAULT_CONTEXT, expectVisible, formatViolations, launchBrowser, tabTo } from '../helpers/browser.js';
import { createTestUser, logInInBrowser } from '../helpers/newsroom.js';
import { testClock } from '../helpers/clock.js';
import { createTestArticle, testArticlePath, type Site } from '../helpers/factories.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';

/**
 * A right-to-left edition (Persian, a test fixture: locales/fa.json) against the English one: the
 * layout mirrors through CSS logical properties, checked by where things are on the page (bounding
 * boxes) and by the pixels of a screenshot of the quotation; the Azerbaijani and Persian pages
 * pass axe-core.
 */

const QUOTE = { type: 'quote' as const, text: 'Long enough.', speaker: 'Ines Marlow', role: 'council chair' };

interface Paths {
  fa: string;
  en: string;
  az: string;
  enId: number;
  adminEmail: string;
}

async function populate(db: Kysely<Database>, site: Site): Promise<Paths> {
  const at = testClock.now().toISOString();
  await db
    .insertInto('editions')
    .values([
      { code: 'fa', name: 'فارسی', locale: 'fa', site_name: 'خبرنامه آزمایشی', time_zone: 'Asia/Tehran', is_default: 0, position: 2 },
      { code: 'az', name: 'Azərbaycanca', locale: 'az', site_name: 'Test Carçısı', time_zone: 'Asia/Baku', is_default: 0, position: 3 },
    ])
    .execute();
  const section = async (edition: string, slug: string, name: string) =>
    (await db.insertInto('sections').values({ edition, slug, name, description: '', position: 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const published = new Date(testClock.ms() - 3_600_000);
  await createTestArticle(db, site, {
    edition: 'fa',
    sectionId: await section('fa', 'jahan', 'جهان'),
    slug: 'pol-e-tazeh',
    headline: 'پل تازه در بندر افتتاح شد',
    standfirst: 'شورای شهر پس از یک سال بحث به طرح رأی داد و کار ساخت از بهار آغاز می‌شود.',
    body: {
      version: 1,
      blocks: [
        { type: 'paragraph', html: 'شورا با هفت رأی موافق طرح را تصویب کرد و رئیس شورا گفت <q>سرانجام</q>.' },
        { type: 'quote', text: 'به اندازهٔ کافی صبر کرده‌ایم.', speaker: 'نگار رحیمی', role: 'رئیس شورا' },
      ],
    },
    publishedAt: published,
  });
  const enId = await createTestArticle(db, site, { slug: 'new-bridge', headline: 'A new bridge opens in the port', body: { version: 1, blocks: [{ type: 'paragraph', html: 'The council voted.' }, QUOTE] }, publishedAt: published });
  await createTestArticle(db, site, {
    edition: 'az',
    sectionId: await section('az', 'dunya', 'Dünya'),
    slug: 'yeni-korpu',
    headline: 'Limanda yeni körpü açılıb',
    body: { version: 1, blocks: [{ type: 'paragraph', html: 'Şura səs verib.' }, { ...QUOTE, text: 'Kifayət qədər gözlədik.', role: 'şuranın sədri' }] },
    sources: [{ publicationId: site.publications.reuters }],
    publishedAt: published,
  });
  return {
    fa: articlePath({ code: 'fa', is_default: 0, time_zone: 'Asia/Tehran' }, 'jahan', published.toISOString(), 'pol-e-tazeh'),
    en: testArticlePath('world', published, 'new-bridge'),
    az: articlePath({ code: 'az', is_default: 0, time_zone: 'Asia/Baku' }, 'dunya', published.toISOString(), 'yeni-korpu'),
    enId,
    adminEmail: (await createTestUser(db, 'admin', site)).email,
  };
}

/** Where the parts that must mirror are: page coordinates of their boxes and of the first line of text. */
function layoutOf(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const r = document.querySelector(selector)!.getBoundingClientRect();
      return { left: r.left, right: r.right };
    };
    const firstLine = (selector: string) => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector(selector)!);
      const r = range.getClientRects()[0]!;
      return { left: r.left, right: r.right };
    };
    const quote = getComputedStyle(document.querySelector('.article-body figure.quote')!);
    return {
      article: box('.article'),
      standfirst: firstLine('.standfirst'),
      increase: box('.text-size [data-step="1"]'),
      decrease: box('.text-size [data-step="-1"]'),
      quoteBorder: { left: parseFloat(quote.borderLeftWidth), right: parseFloat(quote.borderRightWidth) },
      direction: getComputedStyle(document.documentElement).direction,
    };
  });
}

/** The share of accent-coloured pixels in the outer 4 px columns of a screenshot of the quotation. */
async function borderColumns(png: Buffer): Promise<{ left: number; right: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  // --accent is #8a1c1c in the light scheme: red well above green and blue.
  const accent = (x: number, y: number) => {
    const i = (y * info.width + x) * info.channels;
    return data[i]! > 100 && data[i + 1]! < 60 && data[i + 2]! < 60;
  };
  const share = (x0: number) => {
    let hits = 0;
    for (let y = 0; y < info.height; y++) for (let x = x0; x < x0 + 4; x++) if (accent(x, y)) hits++;
    return hits / (info.height * 4);
  };
  return { left: share(0), right: share(info.width - 4) };
}

describe.skipIf(!inject('chromium'))('editions in Chromium: right to left, and Azerbaijani', () => {
  let browser: Browser;
  let running: RunningSite<Paths> | undefined;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
    running = await startSite('sqlite', populate);
    // bypassCSP: the site's CSP rightly refuses the injected axe-core script.
    context = await browser.newContext({ ...DEFAULT_CONTEXT, colorScheme: 'light', baseURL: running.server.url, bypassCSP: true });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopSite(running);
  });

  it('mirrors the article page in Persian: text from the right, text-size control and quotation reversed', async () => {
    const page = await context.newPage();
    expect((await page.goto(running!.data.en))?.status()).toBe(200);
    const ltr = await layoutOf(page);
    const ltrShot = await borderColumns(await page.locator('.article-body figure.quote').screenshot());
    expect((await page.goto(running!.data.fa))?.status()).toBe(200);
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(true);
    const rtl = await layoutOf(page);
    const rtlShot = await borderColumns(await page.locator('.article-body figure.quote').screenshot());

    expect(ltr.direction).toBe('ltr');
    expect(rtl.direction).toBe('rtl');
    // The first line of the standfirst starts at the article's left edge in English, at its right in Persian.
    expect(Math.abs(ltr.standfirst.left - ltr.article.left)).toBeLessThan(2);
    expect(Math.abs(rtl.standfirst.right - rtl.article.right)).toBeLessThan(2);
    expect(rtl.article.right - rtl.standfirst.left).toBeGreaterThan(200);
    // "+" comes first in reading order: leftmost in English, rightmost in Persian.
    expect(ltr.increase.right).toBeLessThan(ltr.decrease.left);
    expect(rtl.increase.left).toBeGreaterThan(rtl.decrease.right);
    // The quotation's rule stands on the side the text starts from: computed, and in the pixels.
    expect(ltr.quoteBorder).toEqual({ left: 4, right: 0 });
    expect(rtl.quoteBorder).toEqual({ left: 0, right: 4 });
    expect(ltrShot.left).toBeGreaterThan(0.9);
    expect(ltrShot.right).toBeLessThan(0.1);
    expect(rtlShot.right).toBeGreaterThan(0.9);
    expect(rtlShot.left).toBeLessThan(0.1);

    // The control works the same mirrored, by its Persian name.
    await page.getByRole('button', { name: 'بزرگ‌تر کردن متن', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-text-size'))).toBe('18');
    await expect.poll(() => page.locator('.text-size output').textContent()).toBe('18 px');
    await page.close();
  });

  it('passes axe-core on the Persian and Azerbaijani article and home pages', async () => {
    const page = await context.newPage();
    const failures: string[] = [];
    for (const path of [running!.data.fa, running!.data.az, '/fa', '/az']) {
      expect((await page.goto(path))?.status(), path).toBe(200);
      const violations = await axeViolations(page);
      if (violations.length) failures.push(formatViolations(violations, path));
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
    await page.close();
  });

  it('translates from the Editions panel by keyboard, and the panel and the wording gap pass axe-core', async () => {
    const page = await context.newPage();
    await logInInBrowser(page, running!.data.adminEmail);
    await page.goto(`/newsroom/articles/${running!.data.enId}`);
    await expectVisible(page.getByRole('heading', { name: 'Editions' }));
    const failures: string[] = [];
    const check = async (label: string) => {
      const violations = await axeViolations(page);
      if (violations.length) failures.push(formatViolations(violations, label));
    };
    await check('article with the Editions panel');
    // Keyboard only: Tab to the Azerbaijani section list, pick with the arrow keys, Tab to its button, Enter.
    await tabTo(page, '#tr-section-az');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Translate into Azərbaycanca');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/newsroom\/articles\/\d+\?notice=translated$/);
    await expectVisible(page.getByText('Translation draft created in this edition'));
    await expect.poll(() => page.locator('.translations-panel tbody tr').allTextContents()).toEqual([
      'EnglishA new bridge opens in the portPublished',
      'РусскийNone yet',
      'فارسیNone yet',
      'AzərbaycancaA new bridge opens in the port (this article)Draft',
    ]);
    await check('the new translation draft');
    await page.goto('/newsroom/settings/editions/fa');
    await page.getByText(/strings in English$/).click();
    await expectVisible(page.getByRole('cell', { name: 'search.button' }));
    await check('an edition with missing wording');
    expect(failures, failures.join('\n\n')).toEqual([]);
    await page.close();
  });
});
