// @ts-check
/**
 * Import engine speed (`npm run build && node bench/imports-engine.js`): a generated source of
 * invented posts (IMPORTS_BENCH_POSTS, default 5,000; 20 authors, 12 categories, 200 tags, two old
 * addresses each, no images) through `runImport` into an empty site, on SQLite and PostgreSQL:
 * articles per second for the first run, for a second run (everything already imported), and the
 * process's peak memory. Any reader (WordPress, Ghost) adds its own parsing cost on top.
 *
 * A measurement, not a test: exit code 0 whatever the numbers, 1 when it could not measure.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DIST, requireBuild, scratch, usableDialects, whole } from './kit.js';

requireBuild('features/imports/import.service.js');
const { connect } = await import(path.join(DIST, 'db', 'connect.js'));
const { runImport } = await import(path.join(DIST, 'features', 'imports', 'import.service.js'));

const POSTS = whole('IMPORTS_BENCH_POSTS', 5_000);

/** @returns {AsyncGenerator<any>} */
async function* source() {
  for (let i = 0; i < 20; i++) yield { kind: 'author', key: `user:${i}`, name: `Writer Number ${i}` };
  for (let i = 0; i < 12; i++) yield { kind: 'section', key: `cat:${i}`, slug: `desk-${i}`, name: `Desk ${i}` };
  for (let i = 0; i < 200; i++) yield { kind: 'tag', key: `tag:${i}`, slug: `topic-${i}`, name: `Topic ${i}` };
  for (let i = 0; i < POSTS; i++) {
    const day = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000);
    const ymd = day.toISOString().slice(0, 10).replace(/-/g, '/');
    yield {
      kind: 'article',
      key: `post:${i}`,
      sourceStatus: 'publish',
      status: 'published',
      headline: `Harbour board report number ${i} on the state of the quays`,
      slug: `harbour-report-${i}`,
      standfirst: 'The board met on Tuesday and heard from the harbour master.',
      bodyHtml: '<p>The harbour master said the north quay needs new fenders.</p><h2>Costs</h2><p>The board will <em>vote</em> next month.</p><ul><li>North quay</li><li>South quay</li></ul>'.repeat(3),
      publishedAt: day.toISOString(),
      authorKeys: [`user:${i % 20}`],
      sectionKeys: [`cat:${i % 12}`],
      tagKeys: [`tag:${i % 200}`, `tag:${(i * 7) % 200}`],
      oldUrls: [`/${ymd}/harbour-report-${i}/`, `/?p=${i}`],
      warnings: [],
    };
  }
}

const reader = { format: 'bench', origin: () => 'https://old.example', siteUrl: () => 'https://old.example', records: () => source() };

const run = scratch('dateline-imports-bench-');
try {
  for (const dialect of await usableDialects('IMPORTS_BENCH_DIALECTS')) {
    const options = await run.migrated(dialect, `imports_bench_${process.pid}`);
    const db = connect(options);
    await db.kysely.insertInto('editions').values({ code: 'en', name: 'English', locale: 'en', site_name: 'Bench Herald', time_zone: 'UTC', is_default: 1, position: 0 }).execute();
    await db.kysely.insertInto('sections').values({ edition: 'en', slug: 'news', name: 'News', description: '', position: 0 }).execute();
    for (const label of ['first run', 'second run']) {
      const started = performance.now();
      const report = await runImport(db.kysely, reader, { dataDir: run.dir });
      const seconds = (performance.now() - started) / 1000;
      const done = report.totals.article.created + report.totals.article.already;
      console.log(`${dialect} ${label}: ${done} articles in ${seconds.toFixed(1)} s = ${Math.round(done / seconds)} articles/s (created ${report.totals.article.created}, already ${report.totals.article.already}, failed ${report.totals.article.failed})`);
    }
    console.log(`${dialect}: peak RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    await db.close();
  }
} finally {
  await run.cleanUp();
}
