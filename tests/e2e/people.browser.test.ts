import type { Kysely } from 'kysely';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { saveEntity } from '../../src/features/entities/entity.service.js';
import { axeViolations, DEFAULT_CONTEXT, expectVisible, formatViolations, launchBrowser, tabTo } from '../helpers/browser.js';
import { createTestUser, logInInBrowser } from '../helpers/newsroom.js';
import { createTestArticle, type Site } from '../helpers/factories.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';

/** A person's page (what they said, other editions) and the newsroom's People, places pages: axe-core, and the form by keyboard. */

async function populate(db: Kysely<Database>, site: Site): Promise<{ editorEmail: string }> {
  await createTestArticle(db, site, {
    headline: 'The quay opens',
    tags: [{ type: 'person', name: 'Mira Dalton' }],
    body: { version: 1, blocks: [{ type: 'paragraph', html: 'The quay opened at dawn.' }, { type: 'quote', text: 'A ship at last.', speaker: 'Mira Dalton', role: 'mayor' }] },
  });
  await createTestArticle(db, site, {
    edition: 'ru',
    sectionId: site.sections.ru.world,
    headline: 'Причал открыт',
    tags: [{ type: 'person', name: 'Мира Далтон' }],
    body: { version: 1, blocks: [{ type: 'quote', text: 'Наконец-то корабль.', speaker: 'Мира Далтон', role: 'мэр' }] },
  });
  await createTestArticle(db, site, { headline: 'Ferries resume', tags: [{ type: 'place', name: 'Port Velmar' }] });
  await saveEntity(db, null, { type: 'person', name: 'Mira Dalton', slug: '', aliases: 'Мира Далтон', description: 'Invented mayor.', role: 'Mayor', wikidata: '', photo: '', tags: 'en/mira-dalton\nru/mira-dalton' });
  return { editorEmail: (await createTestUser(db, 'editor', site)).email };
}

describe.skipIf(!inject('chromium'))('people pages in Chromium', () => {
  let browser: Browser;
  let running: RunningSite<{ editorEmail: string }> | undefined;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
    running = await startSite('sqlite', populate);
    // bypassCSP: the site's CSP rightly refuses the injected axe-core script.
    context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running.server.url, bypassCSP: true });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopSite(running);
  });

  it('a person’s page lists what they said in both editions and passes axe-core', async () => {
    const page = await context.newPage();
    expect((await page.goto('/people/mira-dalton'))?.status()).toBe(200);
    await expectVisible(page.getByRole('heading', { name: 'What they said' }));
    await expectVisible(page.locator('blockquote[lang="ru"]', { hasText: 'Наконец-то корабль.' }));
    const violations = await axeViolations(page);
    expect(violations, formatViolations(violations, 'person page')).toEqual([]);
    await page.close();
  });

  it('an editor links a place’s tag by keyboard; the list and the form pass axe-core', async () => {
    const page = await context.newPage();
    await logInInBrowser(page, running!.data.editorEmail);
    await page.goto('/newsroom/entities');
    const list = await axeViolations(page);
    expect(list, formatViolations(list, 'entities list')).toEqual([]);
    await page.goto('/newsroom/entities/new');
    await tabTo(page, '#f-type');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, '#f-name');
    await page.keyboard.type('Port Velmar');
    await tabTo(page, '#f-tags');
    await page.keyboard.type('en/port-velmar');
    const form = await axeViolations(page);
    expect(form, formatViolations(form, 'entity form')).toEqual([]);
    await tabTo(page, 'form button.primary');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/newsroom\/entities\/\d+\?notice=created$/);
    await expectVisible(page.getByText('Saved. Its tags in every edition are linked as one now.'));
    // Suggestions for a pasted text, and axe-core on their page.
    await page.goto('/newsroom/entities/suggest');
    await page.getByLabel('Text').fill('“A ship at last, and more to come,” Mira Dalton said in Port Velmar.');
    await page.getByRole('button', { name: 'Suggest' }).click();
    // The first suggestions of a process load the English tagger: seconds on a busy machine.
    await expectVisible(page.getByRole('heading', { name: 'Quotations' }), 20_000);
    await expectVisible(page.getByRole('link', { name: 'Port Velmar' }));
    const suggest = await axeViolations(page);
    expect(suggest, formatViolations(suggest, 'suggestions')).toEqual([]);
    await page.close();
  });
});
