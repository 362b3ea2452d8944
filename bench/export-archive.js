// @ts-check
/**
 * Export and restore speed and memory (`npm run build && node bench/export-archive.js`).
 *
 * Fills a temporary SQLite site with EXPORT_ARTICLES invented articles (default 20,000: five
 * paragraphs, two tags of a pool of 500, a source, a revision and a correction each; straight
 * SQL, no images), then times `exportArchive` into a .tar.gz and `importArchive` of it into a
 * fresh SQLite database, and prints articles per second, the archive's size and the process's
 * peak resident memory after each step. Run it at two sizes (EXPORT_ARTICLES=2000 and 20000):
 * export and restore read and write one record at a time, so the peak should barely move.
 *
 * EXPORT_KEEP=FILE keeps a copy of the archive.
 *
 * A measurement, not a test: exit code 0 whatever the numbers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect } from '../dist/db/connect.js';
import { migrateToLatest } from '../dist/db/migrate.js';
import { exportArchive } from '../dist/features/exports/export.service.js';
import { importArchive } from '../dist/features/exports/import.service.js';

const N = Number(process.env.EXPORT_ARTICLES ?? 20_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-export-'));
const mb = () => `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;

const WORDS = 'harbour council ferry route port budget minister coastal forum shipping cargo tanker inspection fund river bridge station market grain vote'.split(' ');
const sentence = (i, j) => `${Array.from({ length: 18 }, (_, k) => WORDS[(i * 7 + j * 3 + k) % WORDS.length]).join(' ')}.`;

async function fill(db) {
  const k = db.kysely;
  await k.insertInto('editions').values({ code: 'en', name: 'English', locale: 'en-GB', site_name: 'Bench Herald', time_zone: 'Asia/Baku', is_default: 1, position: 0 }).execute();
  const section = (await k.insertInto('sections').values({ edition: 'en', slug: 'world', name: 'World', description: '', position: 0 }).returning('id').executeTakeFirstOrThrow()).id;
  const author = (await k.insertInto('authors').values({ slug: 'mira-vale', name: 'Mira Vale', bio: '' }).returning('id').executeTakeFirstOrThrow()).id;
  const publication = (await k.insertInto('publications').values({ slug: 'coast-wire', name: 'Coast Wire', url: 'https://coastwire.example', kind: 'agency' }).returning('id').executeTakeFirstOrThrow()).id;
  const tags = [];
  for (let t = 0; t < 500; t++) tags.push((await k.insertInto('tags').values({ edition: 'en', type: 'topic', slug: `topic-${t}`, name: `Topic ${t}`, description: '' }).returning('id').executeTakeFirstOrThrow()).id);
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let from = 0; from < N; from += 1000) {
    await k.transaction().execute(async (trx) => {
      for (let i = from; i < Math.min(N, from + 1000); i++) {
        const blocks = Array.from({ length: 5 }, (_, j) => ({ type: 'paragraph', html: sentence(i, j) }));
        const at = new Date(start + i * 600_000).toISOString();
        const id = (
          await trx
            .insertInto('articles')
            .values({
              edition: 'en', section_id: section, slug: `story-${i}`, status: 'published', headline: `Story ${i}: ${sentence(i, 9).slice(0, 60)}`, standfirst: sentence(i, 8),
              body_doc: JSON.stringify({ version: 1, blocks }), body_html: blocks.map((b) => `<p>${b.html}</p>`).join('\n'),
              dateline_place: null, seo_title: null, seo_description: null, lead_media_id: null, translation_group: null, is_top: 0,
              created_at: at, modified_at: at, published_at: at, updated_at: null, created_by: null, submitted_at: null, submitted_by: null, locked_by: null, locked_at: null, preview_token: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
        await trx.insertInto('article_authors').values({ article_id: id, author_id: author, position: 0 }).execute();
        await trx.insertInto('article_tags').values([{ article_id: id, tag_id: tags[i % 500] }, { article_id: id, tag_id: tags[(i * 7 + 3) % 500] }]).execute();
        await trx.insertInto('sources').values({ article_id: id, publication_id: publication, kind: null, role: 'citing', url: null, guid: null, position: 0 }).execute();
        await trx.insertInto('corrections').values({ article_id: id, created_at: at, text: 'An earlier version misspelt a name.' }).execute();
        await trx.insertInto('revisions').values({ article_id: id, created_at: at, author_name: 'Bench', snapshot: JSON.stringify({ headline: `Story ${i}` }), user_id: null, note: 'Published' }).execute();
      }
    });
  }
}

try {
  const source = connect({ sqliteFile: path.join(dir, 'source.sqlite') });
  await migrateToLatest(source);
  let t = performance.now();
  await fill(source);
  console.log(`filled ${N} articles in ${((performance.now() - t) / 1000).toFixed(1)} s; peak memory ${mb()}`);

  const archive = path.join(dir, 'site.tar.gz');
  t = performance.now();
  await exportArchive(source.kysely, { dataDir: dir, siteUrl: 'https://bench.example', out: archive });
  let s = (performance.now() - t) / 1000;
  console.log(`export: ${s.toFixed(1)} s, ${Math.round(N / s)} articles/s, archive ${(fs.statSync(archive).size / 1024 ** 2).toFixed(1)} MB; peak memory ${mb()}`);
  await source.close();
  // EXPORT_KEEP=FILE keeps a copy of the archive (to try a restore by hand, or kill one halfway).
  if (process.env.EXPORT_KEEP) fs.copyFileSync(archive, process.env.EXPORT_KEEP);

  const target = connect({ sqliteFile: path.join(dir, 'target.sqlite') });
  await migrateToLatest(target);
  t = performance.now();
  const result = await importArchive(target, { dataDir: path.join(dir, 'target-data'), file: archive });
  s = (performance.now() - t) / 1000;
  console.log(`import: ${s.toFixed(1)} s, ${Math.round(result.created.articles / s)} articles/s (${result.created.articles} restored); peak memory ${mb()}`);
  await target.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
