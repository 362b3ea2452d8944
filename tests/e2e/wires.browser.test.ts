import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { atomDocument, newsItemDocument } from '../../src/demo/wires/documents.js';
import type { DemoWireReport } from '../../src/demo/wires/reports.js';
import { WireFeeds } from '../../src/features/wires/feeds/wire-feeds.service.js';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, expectVisible, formatViolations, launchBrowser } from '../helpers/browser.js';
import { testClock } from '../helpers/clock.js';
import { createTestUser, logInInBrowser } from '../helpers/newsroom.js';
import { DIALECTS, dialectAvailable } from '../helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from '../helpers/test-server.js';

/**
 * The journey the wire desk is for, in Chromium on a real server: two agencies' files arrive in
 * their drop folders; an editor opens Wires, sees the story grouped from both, writes a story
 * from the group into the English edition, publishes it, and the published page attributes it in
 * the edition's language: "Test Herald reports, citing Reuters and AFP." axe-core on every page.
 */

interface Journey {
  editor: string;
  lead: string;
}

// One invented event told by two agencies, close enough that any grouping rule puts them together.
const SHARED = [
  'The Kestrel Bay lighthouse shone again for the first time in eleven years after a restoration that replaced its lamp, its iron gallery and the keeper\'s stairs, the Maritime Heritage Trust said.',
  'About two thousand people gathered on the harbour wall to watch the light come on at dusk, and the harbour band played as the first beam swept across the bay.',
  '"The light will guide fishing boats home again, and it belongs to everyone in Kestrel Bay," trust director Ilse Varga said at the ceremony.',
];

const report = (agency: 'reuters' | 'afp', headline: string, first: string, minutesAgo: number): DemoWireReport => ({
  agency,
  story: 'lighthouse',
  language: 'en',
  headline,
  place: 'Kestrel Bay',
  minutesAgo,
  url: `https://www.${agency}.com/example-invented-story-kestrel-bay-lighthouse`,
  paragraphs: [first, ...SHARED],
});

describe.skipIf(!inject('chromium'))('the wire desk journey in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe.each(DIALECTS)('on %s', (dialect) => {
    let running: RunningSite<Journey> | undefined;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      if (!dialectAvailable(dialect)) return;
      running = await startSite(dialect, async (db, site, dataDir) => {
        const editor = await createTestUser(db, 'editor', site, { name: 'Eddie Editor', authorId: site.authors.boris });
        const now = testClock.now();
        const afp = report('afp', 'Kestrel Bay lighthouse shines again after restoration', 'Crowds cheered as the restored lighthouse of Kestrel Bay was lit at dusk.', 30);
        const reuters = report('reuters', 'Kestrel Bay lighthouse relit after eleven dark years', 'KESTREL BAY, Veradan (Reuters) - A crowd of about two thousand watched the lighthouse relit at dusk.', 20);
        // The agencies deliver files into their drop folders; the desk takes them in as a poll would.
        const feeds = new WireFeeds(db, { clock: testClock.now, dataDir });
        const drop = async (publicationId: number, slug: string, name: string, content: string) => {
          const id = await feeds.create({ name: `${slug} demo`, slug, publicationId, transport: 'folder', format: 'auto', language: 'en' });
          const file = path.join(feeds.folderOf({ slug }), name);
          await fs.writeFile(file, content, 'utf8');
          // Dated a second back: a fresh file's mtime can be a fraction of a millisecond ahead of Date.now().
          const settled = new Date(Date.now() - 1_000);
          await fs.utimes(file, settled, settled);
          const [takeIn] = await feeds.takeInWrittenFiles(id);
          if (takeIn?.outcome !== 'ok' || takeIn.created !== 1) throw new Error(`${name} was not taken in: ${JSON.stringify(takeIn)}`);
        };
        await drop(site.publications.afp, 'afp-world', 'lighthouse.atom', atomDocument('AFP', 'https://www.afp.com', 'en', [afp], now));
        await drop(site.publications.reuters, 'reuters-world', 'lighthouse.newsml.xml', newsItemDocument(reuters, now));
        return { editor: editor.email, lead: reuters.headline };
      });
    });
    afterAll(async () => {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
      await stopSite(running);
    });

    it.runIf(dialectAvailable(dialect))('an editor opens Wires, writes a story from a group of two agencies, publishes it, and the page cites both', async () => {
      const journey = running!.data;
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, bypassCSP: true });
      contexts.push(context);
      const page = await context.newPage();
      page.on('dialog', (d) => void d.accept());
      const problems = collectProblems(page);
      const axe = async (label: string) => expect(formatViolations(await axeViolations(page), label)).toBe(`${label}: no axe violations`);

      await logInInBrowser(page, journey.editor);
      await page.getByRole('link', { name: 'Wires', exact: true }).click();
      await page.waitForURL(/\/newsroom\/wires$/);
      const story = page.locator('.wire-row', { has: page.getByRole('link', { name: journey.lead }) });
      await expectVisible(story);
      expect(await story.locator('.wire-meta').textContent()).toMatch(/2 reports: (AFP, Reuters|Reuters, AFP)/);
      await axe('queue');

      await story.getByRole('link', { name: journey.lead }).click();
      await page.waitForURL(/\/newsroom\/wires\/groups\/\d+$/);
      await expectVisible(page.getByText('Kestrel Bay lighthouse shines again after restoration'));
      await axe('group');

      // Into the English edition's World section, starting from the headline only.
      await page.getByLabel('Section').selectOption({ label: 'World' });
      await page.getByLabel('The headline only, with the reports beside the editor').check();
      await page.getByRole('button', { name: 'Write the story' }).click();
      await page.waitForURL(/\/newsroom\/articles\/\d+/);
      await expectVisible(page.getByRole('complementary', { name: 'The reports this story is written from' }));
      const headline = `Restored lighthouse lights up Kestrel Bay again (${dialect})`;
      await page.getByLabel('Headline').fill(headline);
      const body = page.getByRole('textbox', { name: 'Body' });
      await body.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Kestrel Bay\'s lighthouse shone again at dusk after eleven dark years, as about two thousand people watched from the harbour wall.');
      await axe('editor beside the reports');
      await page.getByRole('button', { name: 'Save and publish now' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Published');

      // A reader finds it on the home page; the attribution names both agencies, in English.
      const reader = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, bypassCSP: true });
      contexts.push(reader);
      const site = await reader.newPage();
      const readerProblems = collectProblems(site);
      await site.goto('/');
      await site.getByRole('link', { name: headline }).first().click();
      await expectVisible(site.getByRole('heading', { level: 1, name: headline }));
      expect(await site.textContent('body')).toContain('Test Herald reports, citing Reuters and AFP.');
      // The reports it is based on, for search engines: each with its address, its id and its agency.
      const jsonLd = JSON.parse((await site.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}') as { isBasedOn?: unknown };
      expect(jsonLd.isBasedOn).toEqual(
        ['reuters', 'afp'].map((agency) => ({
          '@type': 'CreativeWork',
          url: `https://www.${agency}.com/example-invented-story-kestrel-bay-lighthouse`,
          identifier: `https://www.${agency}.com/example-invented-story-kestrel-bay-lighthouse`,
          publisher: { '@type': 'Organization', name: agency === 'afp' ? 'AFP' : 'Reuters' },
        })),
      );
      expect(formatViolations(await axeViolations(site), 'article')).toBe('article: no axe violations');
      expect([...problems.messages, ...readerProblems.messages]).toEqual([]);
    });
  });
});
