import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { isSlug } from '../src/lib/slug.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';

describe.each(DIALECTS)('demo content on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('seed', () => {
    let t: TestDb;
    const now = new Date('2026-11-20T12:00:00Z');
    const progress: number[] = [];

    beforeAll(async () => {
      t = await createTestDb(dialect);
      const result = await seedDemo(t.db.kysely, { dataDir: t.dataDir, now, imageWidth: 480, onProgress: (done) => progress.push(done) });
      expect(result.seeded).toBe(true);
      // The wire desk's demo agency comes with a new site (tests/demo-wires.test.ts checks it in full).
      expect(result.wires).toMatchObject({ feeds: 4, problems: [] });
      expect(result.wires?.reports).toBeGreaterThanOrEqual(28);
    }, 120_000);
    afterAll(() => t?.destroy());

    const db = () => t.db.kysely;

    it('has at least 40 published articles in 3 editions and at least 4 sections each, over 30 days', async () => {
      const articles = await db().selectFrom('articles').select(['edition', 'section_id', 'slug', 'published_at', 'status']).execute();
      expect(articles.length).toBeGreaterThanOrEqual(40);
      expect(progress.at(-1)).toBe(articles.length);
      expect(new Set(articles.map((a) => a.edition))).toEqual(new Set(['en', 'ru', 'az']));
      for (const edition of ['en', 'ru', 'az']) {
        expect(new Set(articles.filter((a) => a.edition === edition).map((a) => a.section_id)).size).toBeGreaterThanOrEqual(4);
      }
      expect(articles.every((a) => a.status === 'published' && isSlug(a.slug))).toBe(true);
      const days = articles.map((a) => (now.getTime() - Date.parse(a.published_at as string)) / 86_400_000);
      expect(Math.min(...days)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...days)).toBeLessThanOrEqual(31);
      expect(Math.max(...days) - Math.min(...days)).toBeGreaterThan(20);
    });

    it('gives every form of the attribution sentence something to show', async () => {
      const rows = await db()
        .selectFrom('articles as a')
        .leftJoin('sources as s', 's.article_id', 'a.id')
        .select(['a.id', 'a.edition', 's.publication_id', 's.kind'])
        .execute();
      for (const edition of ['en', 'ru', 'az']) {
        const byArticle = new Map<number, { pubs: number; kinds: number }>();
        for (const r of rows.filter((r) => r.edition === edition)) {
          const entry = byArticle.get(r.id) ?? { pubs: 0, kinds: 0 };
          if (r.publication_id !== null) entry.pubs++;
          if (r.kind !== null) entry.kinds++;
          byArticle.set(r.id, entry);
        }
        const forms = [...byArticle.values()];
        expect(forms.some((f) => f.pubs === 0 && f.kinds === 0), `${edition}: own story`).toBe(true);
        expect(forms.some((f) => f.pubs === 1 && f.kinds === 0), `${edition}: one`).toBe(true);
        expect(forms.some((f) => f.pubs === 2 && f.kinds === 0), `${edition}: two`).toBe(true);
        expect(forms.some((f) => f.pubs >= 3), `${edition}: three`).toBe(true);
        expect(forms.some((f) => f.kinds > 0 && f.pubs === 0), `${edition}: kind only`).toBe(true);
      }
    });

    it('places the attribution clause inside a paragraph in several articles of each edition, worded in its language', async () => {
      const rows = await db().selectFrom('articles').select(['edition', 'body_html']).where('body_html', 'like', '%attribution-clause%').execute();
      const en = rows.filter((r) => r.edition === 'en').map((r) => r.body_html);
      const ru = rows.filter((r) => r.edition === 'ru').map((r) => r.body_html);
      expect(en.length).toBeGreaterThanOrEqual(3);
      expect(ru.length).toBeGreaterThanOrEqual(3);
      expect(en.join('\n')).toContain('Caspian Coastal Forum, <span class="attribution-clause">Caspian Herald reports, citing Reuters and AFP</span>. The agreement');
      expect(ru.join('\n')).toContain('<span class="attribution-clause">сообщает Каспийский вестник со ссылкой на иностранные СМИ</span>.');
      const az = rows.filter((r) => r.edition === 'az').map((r) => r.body_html);
      expect(az.length).toBeGreaterThanOrEqual(3);
      expect(az.join('\n')).toContain('<span class="attribution-clause">Xəzər Carçısı Reuters-ə və AFP-yə istinadən xəbər verir</span>.');
    });

    it('has quotations, tags of every type, corrections, translations and images on disk', async () => {
      const bodies = await db().selectFrom('articles').select('body_html').execute();
      expect(bodies.every((b) => b.body_html.includes('<blockquote>'))).toBe(true);
      const tagTypes = await db().selectFrom('tags').select('type').distinct().execute();
      expect(tagTypes.map((t) => t.type).sort()).toEqual(['organisation', 'person', 'place', 'topic']);
      const corrections = await db().selectFrom('corrections').select('article_id').execute();
      expect(new Set(corrections.map((c) => c.article_id)).size).toBeGreaterThanOrEqual(3);
      const translated = await db().selectFrom('articles').select('translation_group').where('translation_group', 'is not', null).execute();
      expect(translated.length).toBeGreaterThanOrEqual(2);
      const media = await db().selectFrom('media').select(['storage_key', 'rendition_widths']).execute();
      // Every article has its own lead picture, but the live pages of the three editions share theirs and one photo.
      const live = await db().selectFrom('live_coverage').select('article_id').execute();
      expect(live).toHaveLength(3);
      expect(media.length).toBe(bodies.length - live.length + 2);
      const first = media[0]!;
      for (const format of ['jpg', 'webp', 'avif']) {
        expect(fs.existsSync(path.join(t.dataDir, 'media', first.storage_key, `480.${format}`))).toBe(true);
      }
    });

    it('does nothing on a database that already has articles', async () => {
      const before = await db().selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect((await seedDemo(db(), { dataDir: t.dataDir, now })).seeded).toBe(false);
      const after = await db().selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  });
});
