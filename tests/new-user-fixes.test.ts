import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOOTER_NOTE_MAX } from '../src/features/settings/settings.service.js';
import { createTestArticle, testArticlePath } from './helpers/factories.js';
import { signIn, type NewsroomClient } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

/** What a new user tripped over on a fresh clone (issue 8), over HTTP on both dialects. */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OPENING =
  'Ministers from the five Caspian states met in Port Velmar on Tuesday to sign an agreement on shipping lanes, fishing quotas and the protection of the sturgeon, which has nearly vanished from the sea in the last twenty years.';
// What the 200-character cut of OPENING leaves: whole words and an ellipsis.
const SUMMARY = 'Ministers from the five Caspian states met in Port Velmar on Tuesday to sign an agreement on shipping lanes, fishing quotas and the protection of the sturgeon, which has nearly vanished from the sea…';

const meta = (page: string, attr: 'name' | 'property', key: string) => new RegExp(`<meta ${attr}="${key}" content="([^"]*)">`).exec(page)?.[1];
const jsonLd = (page: string) => [...page.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!) as Json);
const fieldError = (page: string, field: string) => new RegExp(`<p class="field-error" id="f-${field}-error"><span class="visually-hidden">Error: </span>([^<]*)</p>`).exec(page)?.[1];
const headlinesIn = (html: string) => [...html.matchAll(/<h3[^>]*><a [^>]*>([^<]*)<\/a><\/h3>/g)].map((m) => m[1]);

describe.each(DIALECTS)('what a new user tripped over, on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('fixes', () => {
    let t: TestApp;
    let asAdmin: NewsroomClient;
    const publishedAt = new Date('2026-03-12T08:00:00Z');
    const noStandfirstPath = testArticlePath('world', publishedAt, 'ministers-sign-caspian-agreement');

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const db = t.testDb.db.kysely;
      await createTestArticle(db, t.site, {
        slug: 'ministers-sign-caspian-agreement',
        headline: 'Ministers sign Caspian agreement',
        standfirst: '',
        publishedAt,
        body: {
          version: 1,
          blocks: [
            { type: 'quote', text: 'Not the opening.', speaker: 'Ines Marlow' },
            { type: 'paragraph', html: OPENING.replace('sturgeon', '<em>sturgeon</em>') },
            { type: 'paragraph', html: 'The second paragraph.' },
          ],
        },
      });
      // Three top stories and two others, newest first: top-3, plain-2, top-1, plain-1, top-2 ...
      for (const [i, isTop] of [true, false, true, false, true].entries()) {
        await createTestArticle(db, t.site, {
          slug: `home-story-${i}`,
          headline: `${isTop ? 'Top' : 'Plain'} home story ${i}`,
          isTop,
          publishedAt: new Date(Date.UTC(2026, 3, 1, 10 + i)),
        });
      }
      await createTestArticle(db, t.site, { slug: 'great-hall-reopens', headline: 'The Great Hall reopens its doors', publishedAt: new Date('2026-03-01T10:00:00Z') });
      asAdmin = (await signIn(t, 'admin')).client;
    });
    afterAll(() => t?.close());

    const get = (url: string) => t.app.fastify.inject({ method: 'GET', url });

    it('describes an article without a standfirst by its opening paragraph in every meta tag and in JSON-LD', async () => {
      const page = (await get(noStandfirstPath)).body;
      expect(page).not.toContain('class="standfirst"');
      expect(meta(page, 'name', 'description')).toBe(SUMMARY);
      expect(meta(page, 'property', 'og:description')).toBe(SUMMARY);
      expect(meta(page, 'name', 'twitter:description')).toBe(SUMMARY);
      expect(jsonLd(page).find((d) => d['@type'] === 'NewsArticle')?.description).toBe(SUMMARY);
    });

    it('gives the RSS description and the JSON Feed summary the same text', async () => {
      const rss = (await get('/feed.xml')).body;
      const item = /<item>(?:(?!<\/item>).)*ministers-sign-caspian-agreement(?:(?!<\/item>).)*<\/item>/s.exec(rss)?.[0] ?? '';
      expect(/<description>([^<]*)<\/description>/.exec(item)?.[1]).toBe(SUMMARY);
      const json = JSON.parse((await get('/feed.json')).body) as Json;
      const entry = (json.items as Json[]).find((i) => String(i.url).endsWith('ministers-sign-caspian-agreement'));
      expect(entry?.summary).toBe(SUMMARY);
    });

    it('never repeats the top stories in "Latest" on the home page, and pages through the rest', async () => {
      const page = (await get('/')).body;
      const top = /<section class="top-stories"(.*?)<\/section>/s.exec(page)?.[1] ?? '';
      const latest = /<section class="latest"(.*?)<\/section>/s.exec(page)?.[1] ?? '';
      // Below the top: a block per section (its newest stories), then "Latest" with the rest (decision 0024).
      const blocks = /<div class="front-blocks">(.*?)<div class="front-rail">/s.exec(page)?.[1] ?? '';
      expect(headlinesIn(top)).toEqual(['Top home story 4', 'Top home story 2', 'Top home story 0']);
      const below = [...`${blocks}${latest}`.matchAll(/<h3[^>]*><a [^>]*>([^<]*)<\/a><\/h3>|<li><a [^>]*>([^<]*)<\/a><\/li>/g)].map((m) => m[1] ?? m[2]);
      expect(below.sort()).toEqual(['Ministers sign Caspian agreement', 'Plain home story 1', 'Plain home story 3', 'The Great Hall reopens its doors']);
    });

    it('shows the quotes of a phrase search once', async () => {
      const page = (await get('/search?q=%22Great+Hall%22')).body;
      expect(page).toContain('1 article found for “Great Hall”');
      expect(page).toContain('<title>“Great Hall”: search — Test Herald</title>');
      expect(page).not.toContain('“&quot;');
      // The form keeps the query as typed.
      expect(page).toContain('value="&quot;Great Hall&quot;"');
      const none = (await get('/search?q=%22Great+Pier%22')).body;
      expect(none).toContain('No articles match “Great Pier”');
    });

    describe('the footer note, an edition setting', () => {
      const edition = { name: 'English', site_name: 'Test Herald', locale: 'en-GB', time_zone: 'Asia/Baku', position: '0' };

      it('is absent while an edition has none, and no locale file supplies one', async () => {
        const page = (await get('/')).body;
        expect(page).not.toContain('<footer');
        expect(page).not.toContain('Demo content is invented');
      });

      it('is edited on the edition page, shown escaped on every reader page of that edition only, and cleared when emptied', async () => {
        const form = (await asAdmin.get('/newsroom/settings/editions/en')).body;
        expect(form).toMatch(/<label for="f-footer_note">Footer note<\/label>/);
        expect(form).toContain(`<textarea id="f-footer_note" name="footer_note" rows="2" maxlength="${FOOTER_NOTE_MAX}"`);
        const saved = await asAdmin.post('/newsroom/settings/editions/en', { ...edition, footer_note: '  Test Herald <b>is</b> a test &\n  nothing more.  ' });
        expect(saved.statusCode).toBe(303);
        const row = await t.testDb.db.kysely.selectFrom('editions').select('footer_note').where('code', '=', 'en').executeTakeFirstOrThrow();
        expect(row.footer_note).toBe('Test Herald <b>is</b> a test & nothing more.');
        for (const path of ['/', '/world', noStandfirstPath, '/search?q=hall', '/no-such-page']) {
          expect((await get(path)).body, path).toContain('<footer class="site-footer"><div class="wrap"><p>Test Herald &lt;b&gt;is&lt;/b&gt; a test &amp; nothing more.</p></div></footer>');
        }
        expect((await get('/ru')).body).not.toContain('<footer');
        expect((await asAdmin.get('/newsroom/settings/editions/en')).body).toContain('>Test Herald &lt;b&gt;is&lt;/b&gt; a test &amp; nothing more.</textarea>');

        expect((await asAdmin.post('/newsroom/settings/editions/en', { ...edition, footer_note: '' })).statusCode).toBe(303);
        expect((await get('/')).body).not.toContain('<footer');
      });

      it(`refuses a note longer than ${FOOTER_NOTE_MAX} characters next to the field, keeping what was typed`, async () => {
        const tooLong = 'word '.repeat(61).trim();
        const response = await asAdmin.post('/newsroom/settings/editions/en', { ...edition, footer_note: tooLong });
        expect(response.statusCode).toBe(400);
        expect(fieldError(response.body, 'footer_note')).toBe(`The footer note may have at most ${FOOTER_NOTE_MAX} characters (this one has ${tooLong.length}).`);
        expect(response.body).toContain(`>${tooLong}</textarea>`);
        const row = await t.testDb.db.kysely.selectFrom('editions').select('footer_note').where('code', '=', 'en').executeTakeFirstOrThrow();
        expect(row.footer_note).toBe('');
      });
    });
  });
});
