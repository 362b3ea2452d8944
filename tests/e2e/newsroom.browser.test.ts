import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { toLocalDateTime } from '../../src/lib/dates.js';
import { testClock } from '../helpers/clock.js';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, expectVisible, formatViolations, launchBrowser, tabTo } from '../helpers/browser.js';
import { createImage } from '../helpers/factories.js';
import { createTestUser, logInInBrowser, PASSWORD } from '../helpers/newsroom.js';
import { DIALECTS, dialectAvailable } from '../helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';

/**
 * The newsroom in a real browser on a real server: the journey the issue
 * describes (writer → review → editor schedules → published on time → correction → restore),
 * keyboard-only writing, and axe-core on every newsroom page. The journey runs on both databases,
 * the template checks on the first.
 */

interface People {
  writer: string;
  editor: string;
  admin: string;
  imageAlt: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/newsroom\/login/);
}

describe.skipIf(!inject('chromium'))('newsroom in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe.each(DIALECTS)('on %s', (dialect) => {
    // The journey runs on both databases; the keyboard, autosave, paste and axe-core checks are about
    // the templates and the editor script, the same on either, so they run on the first one available.
    const templatesToo = dialect === DIALECTS.find((d) => dialectAvailable(d));
    let running: RunningSite<People> | undefined;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      if (!dialectAvailable(dialect)) return;
      running = await startSite(
        dialect,
        async (db, site, dataDir) => {
          const writer = await createTestUser(db, 'writer', site, { name: 'Wren Writer' });
          const editor = await createTestUser(db, 'editor', site, { name: 'Eddie Editor', authorId: site.authors.boris });
          const admin = await createTestUser(db, 'admin', site, { name: 'Ada Admin', authorId: null });
          await createImage(db, dataDir, { alt: 'Cranes over the ferry terminal at dawn', caption: 'The terminal before the winter timetable.', credit: 'Photo: Test Desk' });
          return { writer: writer.email, editor: editor.email, admin: admin.email, imageAlt: 'Cranes over the ferry terminal at dawn' };
        },
        { SCHEDULER_INTERVAL_MS: '500' },
      );
    });
    afterAll(() => stopSite(running));
    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
    });

    async function newPage(bypassCSP = false) {
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, bypassCSP });
      contexts.push(context);
      const page = await context.newPage();
      page.on('dialog', (d) => void d.accept());
      return { page, problems: collectProblems(page) };
    }

    it.runIf(dialectAvailable(dialect))(
      'writer writes and submits; editor schedules; it appears on time; correction shows; an earlier revision comes back',
      async () => {
        const people = running!.data;
        const { page, problems } = await newPage();
        const headline = `Winter ferry timetable cuts evening crossings ${dialect}`;

        // The writer: a draft with a quotation, an image and two sources, submitted for review.
        await logInInBrowser(page, people.writer);
        await page.getByRole('link', { name: 'New article' }).first().click();
        await page.getByLabel('Headline').fill(headline);
        await page.getByLabel('Standfirst').fill('Two evening boats stop running from December.');
        const body = page.getByRole('textbox', { name: 'Body' });
        await body.click();
        await page.keyboard.type('The ferry company announced the new timetable on Monday.');
        await page.keyboard.press('Enter');
        await page.keyboard.type('We will keep the morning boat running.');
        await page.getByRole('button', { name: 'Quotation' }).click();
        await page.getByLabel('Speaker').fill('Lena Ostrova');
        await page.getByLabel('Role (optional)').fill('ferry company director');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        // An image from the library into the body, through the editor's picker.
        await page.getByRole('button', { name: 'Image' }).click();
        await page.getByLabel('Search images').fill('cranes');
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        await page.getByRole('button', { name: /The terminal before the winter timetable/ }).click();
        await expect.poll(() => page.locator('.rich-editor-area figure.image').count()).toBe(1);
        await page.getByLabel('Lead image').selectOption({ index: 1 });
        expect(await page.getByLabel('Lead image').locator('option:checked').textContent()).toContain(people.imageAlt);
        await page.getByLabel('Source 1: publication').selectOption({ label: 'Reuters' });
        await page.getByLabel('Source 2: publication').selectOption({ label: 'AFP' });
        await page.getByLabel('Places').fill('Port Velmar');
        await page.getByLabel('Section (and edition)').selectOption({ label: 'World' });
        await page.getByRole('button', { name: 'Save and submit for review' }).click();
        await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Submitted for review');
        await logout(page);

        // The editor: finds it in review, takes over if the lock is still the writer's, schedules it.
        await logInInBrowser(page, people.editor);
        await page.getByRole('region', { name: /In review/ }).getByRole('link', { name: headline }).click();
        if (await page.getByRole('button', { name: 'Take over editing' }).isVisible()) await page.getByRole('button', { name: 'Take over editing' }).click();
        const at = new Date(Math.ceil((testClock.ms() + 8_000) / 1000) * 1000);
        const local = `${toLocalDateTime(at, 'Asia/Baku')}:${String(at.getUTCSeconds()).padStart(2, '0')}`;
        await page.getByLabel(/Publish at/).fill(local);
        await page.getByRole('button', { name: 'Save and schedule' }).click();
        await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Scheduled');
        await expectVisible(page.getByText('embargoed until'));

        // Readers: not before its time, then on the home page within a few seconds of it.
        const reader = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url });
        contexts.push(reader);
        const home = await reader.newPage();
        await home.goto('/');
        expect(await home.content()).not.toContain(headline);
        let seenAt = 0;
        for (let i = 0; i < 60 && !seenAt; i++) {
          await sleep(500);
          await home.reload();
          if ((await home.content()).includes(headline)) seenAt = testClock.ms();
        }
        expect(seenAt, 'the scheduled article never appeared on the home page').toBeGreaterThan(0);
        expect(seenAt).toBeGreaterThanOrEqual(at.getTime());
        expect(seenAt - at.getTime()).toBeLessThan(5_000);
        await home.getByRole('link', { name: headline }).first().click();
        const articleUrl = home.url();
        expect(await home.textContent('body')).toContain('Test Herald reports, citing Reuters and AFP.');
        expect(await home.locator('figure.quote figcaption').first().textContent()).toContain('Lena Ostrova');
        expect(await home.locator('.article-body figure.image img').getAttribute('alt')).toBe(people.imageAlt);

        // The editor corrects it: a new headline and a correction note, shown at once.
        await page.reload();
        await page.getByLabel('Headline').fill(`${headline} (corrected)`);
        await page.getByLabel('Correction note').fill('An earlier version gave the wrong number of evening crossings.');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await expect.poll(() => page.getByRole('status').first().textContent()).toContain('correction');
        // A fresh reader each time: the page may be kept in a browser's HTTP cache for a minute.
        const readArticle = async () => {
          const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url });
          contexts.push(context);
          const reader = await context.newPage();
          await reader.goto(articleUrl);
          return { h1: (await reader.textContent('h1')) ?? '', body: (await reader.textContent('body')) ?? '' };
        };
        let article = await readArticle();
        expect(article.body).toContain('An earlier version gave the wrong number of evening crossings.');
        expect(article.h1).toContain('(corrected)');

        // History: compare, then restore the revision before the correction.
        await page.getByRole('link', { name: 'History' }).click();
        expect(await page.locator('.diff-text ins').count()).toBeGreaterThan(0);
        const rows = page.locator('tbody tr');
        const scheduledRow = rows.filter({ hasText: 'Scheduled for' });
        await scheduledRow.getByRole('button', { name: /Restore/ }).click();
        await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Revision restored');
        article = await readArticle();
        expect(article.h1).not.toContain('(corrected)');
        // The correction note itself stays: corrections are a public record, not a field of a revision.
        expect(article.body).toContain('An earlier version gave the wrong number of evening crossings.');

        expect(problems.messages).toEqual([]);
      },
      90_000,
    );

    it.runIf(dialectAvailable(dialect) && templatesToo)('a writer can log in and write a draft with the keyboard alone', async () => {
      const { page, problems } = await newPage();
      await page.goto('/newsroom/login');
      await tabTo(page, '#f-email');
      await page.keyboard.type(running!.data.writer);
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/newsroom$/);
      await tabTo(page, 'a[href="/newsroom/articles/new"]');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/articles\/new$/);
      await tabTo(page, '#f-headline');
      await page.keyboard.type('Keyboard-only draft about the harbour');
      await tabTo(page, '.rich-editor-area');
      await page.keyboard.type('A paragraph typed without a mouse.');
      // The toolbar is one tab stop; arrow keys move inside it (WAI-ARIA toolbar pattern).
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('[role=toolbar]') !== null)).toBe(true);
      await tabTo(page, '#f-section_id');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, 'button[value="save"]');
      await page.keyboard.press('Enter');
      await page.waitForURL(/notice=created/);
      expect(await page.getByLabel('Headline').inputValue()).toBe('Keyboard-only draft about the harbour');
      expect(problems.messages).toEqual([]);
    });

    it.runIf(dialectAvailable(dialect) && templatesToo)('autosaves a draft after a pause and warns before leaving unsaved changes', async () => {
      const { page, problems } = await newPage();
      await logInInBrowser(page, running!.data.writer);
      await page.goto('/newsroom/articles/new');
      await page.getByLabel('Headline').fill('Autosave in the browser');
      await page.getByLabel('Section (and edition)').selectOption({ label: 'World' });
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL(/notice=created/);
      const id = Number(/articles\/(\d+)/.exec(page.url())?.[1]);

      await page.clock.install();
      await page.reload();
      await page.getByRole('textbox', { name: 'Body' }).click();
      await page.keyboard.type('Typed and then left alone for a while.');
      await page.clock.runFor(11_000);
      await expect.poll(() => page.locator('[data-autosave-status]').textContent()).toMatch(/^Draft saved at /);
      const db = running!.testDb.db.kysely;
      const row = await db.selectFrom('articles').select('body_html').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.body_html).toContain('Typed and then left alone for a while.');

      // A change not yet saved: leaving asks first, and staying keeps the text.
      await page.getByLabel('Standfirst').fill('Not saved yet');
      page.removeAllListeners('dialog');
      const asked = new Promise<string>((resolve) => page.once('dialog', (d) => {
        resolve(d.type());
        void d.dismiss();
      }));
      await page.getByRole('link', { name: 'Dashboard' }).click({ noWaitAfter: true });
      expect(await asked).toBe('beforeunload');
      expect(await page.getByLabel('Standfirst').inputValue()).toBe('Not saved yet');
      expect(problems.messages).toEqual([]);
    });

    it.runIf(dialectAvailable(dialect) && templatesToo)('pasted Word-like HTML keeps its structure and loses its scripts, handlers and javascript: links', async () => {
      const { page, problems } = await newPage();
      await logInInBrowser(page, running!.data.writer);
      await page.goto('/newsroom/articles/new');
      await page.getByLabel('Headline').fill('Pasted from a word processor');
      await page.getByLabel('Section (and edition)').selectOption({ label: 'World' });
      await page.getByRole('textbox', { name: 'Body' }).click();
      const pasted =
        '<p class="MsoNormal" style="mso-line-height:normal"><b>Bold start</b> and <a href="javascript:alert(1)">a bad link</a><o:p></o:p></p>' +
        '<p onclick="alert(2)">Second <i>paragraph</i> with <a href="https://example.org/report">a good link</a>.</p>' +
        '<script>alert(3)</script><img src="x" onerror="alert(4)"><h1 style="color:red">A heading</h1>';
      await page.evaluate((markup) => {
        const data = new DataTransfer();
        data.setData('text/html', markup);
        data.setData('text/plain', 'fallback');
        document.querySelector('.rich-editor-area')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, pasted);
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL(/notice=created/);
      const id = Number(/articles\/(\d+)/.exec(page.url())?.[1]);
      const row = await running!.testDb.db.kysely.selectFrom('articles').select('body_html').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.body_html).toContain('<strong>Bold start</strong>');
      expect(row.body_html).toContain('<a href="https://example.org/report">a good link</a>');
      expect(row.body_html).toContain('<h2>A heading</h2>');
      expect(row.body_html).not.toMatch(/script|onclick|onerror|javascript:|mso-|style=|<img/i);
      expect(problems.messages).toEqual([]);
    });

    it.runIf(dialectAvailable(dialect) && templatesToo)('every newsroom page passes axe-core', async () => {
      const { page } = await newPage(true);
      await page.goto('/newsroom/login');
      const pages: [string, string][] = [['login', '/newsroom/login']];
      const found: string[] = [];
      for (const [label] of pages) {
        found.push(formatViolations(await axeViolations(page), label));
      }
      await logInInBrowser(page, running!.data.admin);
      // A draft to open in the editor and its history.
      await page.goto('/newsroom/articles/new');
      await page.getByLabel('Headline').fill('Axe check article');
      await page.getByLabel('Section (and edition)').selectOption({ index: 1 });
      await page.getByLabel('Ada Quill').check();
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL(/notice=created/);
      const editorUrl = new URL(page.url()).pathname;
      // An error state too.
      const urls = [
        '/newsroom',
        '/newsroom/articles',
        '/newsroom/articles/new',
        editorUrl,
        `${editorUrl}/history`,
        '/newsroom/account',
        '/newsroom/media',
        '/newsroom/sections',
        '/newsroom/tags',
        '/newsroom/publications',
        '/newsroom/authors',
        '/newsroom/users',
        '/newsroom/settings',
        '/newsroom/keys',
        '/newsroom/webhooks',
        '/newsroom/audit',
      ];
      for (const url of urls) {
        const response = await page.goto(url);
        if (response?.status() === 404) continue; // a page another part of the work has not added yet
        found.push(formatViolations(await axeViolations(page), url));
      }
      // A refused form, with its error summary and field errors.
      await page.goto('/newsroom/articles/new');
      await page.getByRole('button', { name: 'Save draft' }).click();
      found.push(formatViolations(await axeViolations(page), 'article form with errors'));
      // The editor's dialogs, open.
      await page.goto(editorUrl);
      await page.getByRole('textbox', { name: 'Body' }).click();
      await page.getByRole('button', { name: 'Image' }).click();
      found.push(formatViolations(await axeViolations(page), 'image dialog'));
      expect(found.filter((f) => !f.endsWith('no axe violations')).join('\n')).toBe('');
    });
  });
});
