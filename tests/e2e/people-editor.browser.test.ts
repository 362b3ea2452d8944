import type { Kysely } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { saveEntity } from '../../src/features/entities/entity.service.js';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, expectVisible, formatViolations, launchBrowser } from '../helpers/browser.js';
import { createTestUser, logInInBrowser } from '../helpers/newsroom.js';
import { createTestArticle, type Site } from '../helpers/factories.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';

/**
 * The article editor's people parts in Chromium (decision 0032): the speaker picker (an ARIA 1.2
 * combobox) by keyboard, a quotation in running text, and the suggestions panel with Accept and
 * Reject; axe-core on each. The data paths are tested on both databases in people-editor.test.ts.
 */

interface Data {
  editor: string;
  article: number;
  mira: number;
  board: number;
}

async function populate(db: Kysely<Database>, site: Site): Promise<Data> {
  const article = await createTestArticle(db, site, {
    headline: 'The quay opens in spring',
    tags: [{ type: 'topic', name: 'Harbour' }],
    body: {
      version: 1,
      blocks: [
        { type: 'paragraph', html: '“We will open the quay in spring,” Mira Dalton said. The Velmar Harbour Board agreed on Monday.' },
        { type: 'paragraph', html: 'Traders called the plan long overdue.' },
        { type: 'quote', text: 'Ships will come.' },
      ],
    },
  });
  await createTestArticle(db, site, { headline: 'Mayor at the quay', tags: [{ type: 'person', name: 'Mira Dalton' }] });
  const mira = await saveEntity(db, null, { type: 'person', name: 'Mira Dalton', slug: '', aliases: 'Мира Далтон', description: '', role: 'Mayor of Port Velmar', wikidata: '', photo: '', tags: 'en/mira-dalton' });
  const board = await saveEntity(db, null, { type: 'organisation', name: 'Velmar Harbour Board', slug: '', aliases: '', description: '', role: '', wikidata: '', photo: '', tags: '' });
  return { editor: (await createTestUser(db, 'editor', site)).email, article, mira, board };
}

describe.skipIf(!inject('chromium'))('the editor’s people parts in Chromium', () => {
  let browser: Browser;
  let running: RunningSite<Data> | undefined;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
    running = await startSite('sqlite', populate);
    // bypassCSP: only so that axe-core can be injected; the page's own scripts run under its CSP in the other tests.
    context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running.server.url, bypassCSP: true });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopSite(running);
  });

  const editorHtml = (page: Page) => page.locator('.rich-editor-area').innerHTML();

  it('links a quotation block’s speaker with the combobox by keyboard, and a quotation in running text; both survive the save', async () => {
    const page = await context.newPage();
    const problems = collectProblems(page);
    await logInInBrowser(page, running!.data.editor);
    await page.goto(`/newsroom/articles/${running!.data.article}`);
    await page.locator('.rich-editor-area blockquote').click();
    await page.getByRole('button', { name: 'Quotation', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Quotation', exact: true });
    await expectVisible(dialog);
    const combo = dialog.getByRole('combobox', { name: 'Person who said it (optional)' });
    await expectVisible(dialog.getByText('Not linked to a person.'));
    await combo.focus();
    // Any script, any alias: the Cyrillic one finds her.
    await page.keyboard.type('мира');
    await expectVisible(dialog.getByRole('option', { name: /Mira Dalton — Mayor of Port Velmar \(Мира Далтон\)/ }));
    expect(await combo.getAttribute('aria-expanded')).toBe('true');
    const open = await axeViolations(page);
    expect(open, formatViolations(open, 'speaker picker open')).toEqual([]);
    await page.keyboard.press('ArrowDown');
    expect(await combo.getAttribute('aria-activedescendant')).toBe(await dialog.getByRole('option').first().getAttribute('id'));
    await page.keyboard.press('Enter');
    await expectVisible(dialog.getByText('Linked to Mira Dalton'));
    expect(await combo.getAttribute('aria-expanded')).toBe('false');
    // Escape closes the list, not the dialog.
    await page.keyboard.type('mir');
    await expectVisible(dialog.getByRole('option').first());
    await page.keyboard.press('Escape');
    await expect.poll(() => combo.getAttribute('aria-expanded')).toBe('false');
    await expectVisible(dialog);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Enter');
    await expect.poll(() => editorHtml(page)).toContain(`data-speaker-entity="${running!.data.mira}"`);
    await expect.poll(() => editorHtml(page)).toContain('— Mira Dalton');

    // A quotation in running text: select the words, then Said by a person.
    await page.evaluate(() => {
      const p = [...document.querySelectorAll('.rich-editor-area p')].find((x) => x.textContent?.startsWith('Traders'))!;
      const text = p.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, text.data.indexOf('long overdue'));
      range.setEnd(text, text.data.indexOf('long overdue') + 'long overdue'.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    await page.getByRole('button', { name: 'Said by a person' }).click();
    const inline = page.getByRole('dialog', { name: 'Words said by a person' });
    await expectVisible(inline);
    await page.keyboard.type('dalton');
    await expectVisible(inline.getByRole('option', { name: /Mira Dalton/ }));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expectVisible(inline.getByText('Linked to Mira Dalton'));
    const inlineAxe = await axeViolations(page);
    expect(inlineAxe, formatViolations(inlineAxe, 'inline quotation dialog')).toEqual([]);
    await inline.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => editorHtml(page)).toContain(`<q data-speaker="${running!.data.mira}">long overdue</q>`);

    await page.getByRole('button', { name: 'Save changes' }).or(page.getByRole('button', { name: 'Save draft' })).first().click();
    await page.waitForURL(/notice=saved/);
    await expect.poll(() => editorHtml(page)).toContain(`<q data-speaker="${running!.data.mira}">long overdue</q>`);
    expect(await editorHtml(page)).toContain(`data-speaker-entity="${running!.data.mira}"`);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('the suggestions panel: Accept tags the article or links the speaker, Reject is remembered; by keyboard, announced politely, axe-clean', async () => {
    // Logged in by the test before (the same browser context).
    const page = await context.newPage();
    await page.goto(`/newsroom/articles/${running!.data.article}`);
    const panel = page.getByRole('region', { name: 'Suggestions' });
    const run = panel.getByRole('button', { name: 'Suggest from the text' });
    await run.focus();
    await page.keyboard.press('Enter');
    const status = panel.getByRole('status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    // The first suggestions of a process load the English tagger (compromise, about half a second;
    // seconds on a busy machine): the panel says it is looking meanwhile.
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/\d+ suggestions?\./);
    const found = await axeViolations(page);
    expect(found, formatViolations(found, 'suggestions panel')).toEqual([]);
    // The board: Accept makes its tag in this edition and adds it to the Organisations field.
    const board = panel.getByRole('listitem').filter({ hasText: 'Velmar Harbour Board (organisation)' });
    await board.getByRole('button', { name: 'Accept' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Organisations').inputValue()).toBe('Velmar Harbour Board');
    await expect.poll(() => status.textContent()).toContain('Tagged with Velmar Harbour Board');
    // Focus moved on to the next suggestion's first button, not lost.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Accept|Reject/);
    // The quotation: Accept links her as the speaker of the words in the paragraph.
    await panel.getByRole('listitem').filter({ hasText: '“We will open the quay in spring” — Mira Dalton' }).getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => editorHtml(page)).toContain(`<q data-speaker="${running!.data.mira}">We will open the quay in spring</q>`);
    // Mira herself: Reject, remembered for this article.
    await panel.getByRole('listitem').filter({ hasText: 'Mira Dalton (person)' }).getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => status.textContent()).toContain('Rejected: Mira Dalton (person).');
    await page.reload();
    await page.getByRole('region', { name: 'Suggestions' }).getByRole('button', { name: 'Suggest from the text' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Suggestions' }).getByRole('status').textContent()).toMatch(/suggestion/);
    expect(await page.getByRole('region', { name: 'Suggestions' }).getByRole('listitem').filter({ hasText: 'Mira Dalton (person)' }).count()).toBe(0);
    await page.close();
  });
});
