import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePath } from '../src/web/addresses.js';
import { testClock } from './helpers/clock.js';
import { createTestArticle } from './helpers/factories.js';
import { signIn, type NewsroomClient } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

const SITE = 'https://news.example';
const AZ_MONTHS = 'yanvar|fevral|mart|aprel|may|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr';

describe.each(DIALECTS)('editions on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('Azerbaijani, a right-to-left edition and one without wording', () => {
    let t: TestApp;
    let admin: NewsroomClient;
    let azPath = '';
    let faPath = '';

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const db = t.testDb.db.kysely;
      const at = testClock.now().toISOString();
      await db
        .insertInto('editions')
        .values([
          { code: 'az', name: 'Azərbaycanca', locale: 'az', site_name: 'Test Carçısı', time_zone: 'Asia/Baku', is_default: 0, position: 2 },
          { code: 'fa', name: 'فارسی', locale: 'fa', site_name: 'خبرنامه آزمایشی', time_zone: 'Asia/Tehran', is_default: 0, position: 3 },
          { code: 'kk', name: 'Қазақша', locale: 'kk', site_name: 'Сынақ', time_zone: 'Asia/Almaty', is_default: 0, position: 4 },
        ])
        .execute();
      const section = async (edition: string, slug: string, name: string) =>
        (await db.insertInto('sections').values({ edition, slug, name, description: '', position: 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
      const azWorld = await section('az', 'dunya', 'Dünya');
      const faWorld = await section('fa', 'jahan', 'جهان');
      t.app.site.invalidate();
      const published = new Date(testClock.ms() - 3_600_000);
      await createTestArticle(db, t.site, {
        edition: 'az',
        sectionId: azWorld,
        slug: 'azerbaycan-sekide-yeni-korpu',
        headline: 'Azərbaycan Şəkidə yeni körpü açıb',
        standfirst: 'BAKI və Şəki arasında yol qısalır.',
        body: {
          version: 1,
          blocks: [
            { type: 'paragraph', html: 'Körpünün açılışında İlham Əliyev adlı sakin çıxış edib.' },
            { type: 'quote', text: 'Bu körpü hamımızındır.', speaker: 'Nərmin Əlizadə', role: 'mühəndis' },
          ],
        },
        sources: [
          { publicationId: t.site.publications.reuters, role: 'citing' },
          { publicationId: t.site.publications.afp, role: 'citing' },
        ],
        publishedAt: published,
      });
      await createTestArticle(db, t.site, {
        edition: 'fa',
        sectionId: faWorld,
        slug: 'pol-e-tazeh',
        headline: 'پل تازه در بندر افتتاح شد',
        standfirst: 'شورای شهر پس از یک سال بحث به طرح رأی داد.',
        body: { version: 1, blocks: [{ type: 'paragraph', html: 'کار ساخت از بهار آغاز می‌شود.' }, { type: 'quote', text: 'سرانجام.', speaker: 'نگار رحیمی', role: 'رئیس شورا' }] },
        publishedAt: published,
      });
      azPath = articlePath({ code: 'az', is_default: 0, time_zone: 'Asia/Baku' }, 'dunya', published.toISOString(), 'azerbaycan-sekide-yeni-korpu');
      faPath = articlePath({ code: 'fa', is_default: 0, time_zone: 'Asia/Tehran' }, 'jahan', published.toISOString(), 'pol-e-tazeh');
      admin = (await signIn(t, 'admin')).client;
    }, 60_000);
    afterAll(async () => t?.close());

    const get = (url: string) => t.app.fastify.inject({ url });

    it('renders the Azerbaijani article in Azerbaijani: language, dates, attribution, interface', async () => {
      const res = await get(azPath);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<html lang="az" dir="ltr">');
      expect(res.body).toMatch(new RegExp(`Dərc olunub: \\d{1,2} (${AZ_MONTHS}) \\d{4}, \\d{2}:\\d{2}</time>`));
      expect(res.body).toContain('<p class="attribution">Test Carçısı Reuters-ə və AFP-yə istinadən xəbər verir.</p>');
      expect(res.body).toContain('Mətnin ölçüsü');
      expect(res.body).toContain('Məzmuna keç');
      expect(res.body).not.toContain('Skip to content');
    });

    it('renders a right-to-left edition with dir="rtl", and its missing strings in English', async () => {
      const res = await get(faPath);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<html lang="fa" dir="rtl">');
      expect(res.body).toContain('اندازهٔ متن');
      expect((await get('/')).body).toContain('<html lang="en-GB" dir="ltr">');
    });

    it('finds Azerbaijani words typed without Azerbaijani letters, in any case', async () => {
      const found = async (q: string) => {
        const res = await get(`/az/search?q=${encodeURIComponent(q)}`);
        expect(res.statusCode).toBe(200);
        return res.body.includes('<li class="search-result">');
      };
      for (const q of ['azerbaycan', 'azarbaycan', 'AZƏRBAYCAN', 'sekide', 'ŞƏKİDƏ', 'korpu', 'Körpü', 'aliyev', 'eliyev', 'ILHAM', 'ilham', 'baki', 'Bakı', 'narmin', 'nermin', '"yeni korpu"', 'seki*']) {
        expect(await found(q), q).toBe(true);
      }
      for (const q of ['azurbaycan', 'korpa', 'korpusu', '"korpu yeni"']) expect(await found(q), q).toBe(false);
      const marked = (await get('/az/search?q=azerbaycan')).body;
      expect(marked).toContain('<mark>Azərbaycan</mark>');
    });

    it('links the home pages of every edition with x-default, the same in their sitemaps', async () => {
      const expected = [
        ['en-GB', `${SITE}/`],
        ['ru', `${SITE}/ru`],
        ['az', `${SITE}/az`],
        ['fa', `${SITE}/fa`],
        ['kk', `${SITE}/kk`],
        ['x-default', `${SITE}/`],
      ];
      for (const url of ['/', '/az']) {
        const links = [...(await get(url)).body.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);
        expect(links, url).toEqual(expected);
      }
      const pages = (await get('/az/sitemaps/pages.xml')).body;
      const home = /<url><loc>https:\/\/news\.example\/az<\/loc>.*?<\/url>/.exec(pages)?.[0] ?? '';
      expect([...home.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map((m) => [m[1], m[2]])).toEqual(expected);
    });

    it('shows the admin which strings of an edition fall back to English', async () => {
      const settings = (await admin.get('/newsroom/settings')).body;
      expect(settings).toMatch(/<td>az<\/td><td>Test Carçısı<\/td><td>az<\/td><td>Complete<\/td>/);
      expect(settings).toMatch(/<td>fa<\/td><td>[^<]+<\/td><td>fa<\/td><td>\d+ of \d+ strings in English<\/td>/);
      expect(settings).toMatch(/<td>kk<\/td><td>Сынақ<\/td><td>kk<\/td><td>No translation file: all \d+ strings in English<\/td>/);
      const fa = (await admin.get('/newsroom/settings/editions/fa')).body;
      expect(fa).toMatch(/Wording: \d+ of \d+ strings fall back to English/);
      expect(fa).toContain('<tr><td><code>search.button</code></td><td lang="en">Search</td></tr>');
      expect(fa).not.toContain('<code>textSize.label</code>');
      const kk = (await admin.get('/newsroom/settings/editions/kk')).body;
      expect(kk).toContain('There is no translation file for “kk”');
      const az = (await admin.get('/newsroom/settings/editions/az')).body;
      expect(az).toContain('Every string of the reader site has its az text');
    });
  });
});
