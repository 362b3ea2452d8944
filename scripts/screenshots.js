/**
 * Screenshots of the home and article pages at 390 px (a phone) and 1280 px, light and dark, for
 * the README (docs/screenshots/). Starts the demo site on a temporary data folder, counts a few
 * views so that "Most read" shows, and drives Debian's Chromium through playwright-core.
 *
 *   npm run screenshots   (= npm run build && node scripts/screenshots.js [--out DIR] [--serve])
 *
 * It runs the built app (dist/): the text-size script is served from its functions' source, which
 * tsx would change (esbuild adds __name calls).
 *
 * --serve keeps the demo site running (and prints its address) instead of taking screenshots.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../dist/config/config.js';
import { migrateToLatest } from '../dist/db/migrate.js';
import { seedDemo } from '../dist/demo/seed.js';
import { openDatabase, startServer } from '../dist/server.js';
import { articlePath } from '../dist/web/addresses.js';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log('Usage: node scripts/screenshots.js (after npm run build) [--out DIR] [--serve]\n  --out DIR  where the PNGs go (docs/screenshots)\n  --serve    keep the demo site running instead of taking screenshots');
  process.exit(0);
}
const outIndex = args.indexOf('--out');
const out = path.resolve(outIndex >= 0 ? (args[outIndex + 1] ?? 'docs/screenshots') : 'docs/screenshots');
const serveOnly = args.includes('--serve');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-shots-'));
const config = loadConfig({ DATA_DIR: dataDir, PORT: process.env.PORT ?? '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
const db = openDatabase(config);
await migrateToLatest(db);
console.log('Seeding the demo site…');
await seedDemo(db.kysely, { dataDir, imageWidth: 1200 });
const server = await startServer(config, db);
const site = await server.app.site.get();

// Some views, so that "Most read" has a ranking: later articles read more.
const articles = await db.kysely
  .selectFrom('articles as a')
  .innerJoin('sections as s', 's.id', 'a.section_id')
  .select(['a.edition', 'a.slug', 'a.published_at', 's.slug as section'])
  .where('a.status', '=', 'published')
  .orderBy('a.published_at', 'desc')
  .execute();
const editions = new Map(site.editions.map((e) => [e.edition.code, e]));
const articlePaths = articles.map((a) => {
  return articlePath(editions.get(a.edition).edition, a.section, a.published_at, a.slug);
});
articlePaths.forEach((p, i) => {
  for (let n = 0; n < ((i * 7) % 13) + 1; n++) server.app.mostRead.count(p, site);
});
await server.app.mostRead.flush();
await server.app.mostRead.refresh(site.editions.map((e) => e.edition.code));
server.app.cache.invalidate();

if (serveOnly) {
  console.log(`Demo site at ${server.url} (data in ${dataDir}); Ctrl-C to stop.`);
} else {
  const article = articlePaths.find((p) => !p.startsWith('/ru/')) ?? articlePaths[0];
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const [name, target] of [['home', '/'], ['article', article]]) {
      for (const width of [390, 1280]) {
        for (const colorScheme of ['light', 'dark']) {
          const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, colorScheme, reducedMotion: 'reduce' });
          const page = await context.newPage();
          await page.goto(`${server.url}${target}`, { waitUntil: 'networkidle' });
          const file = path.join(out, `${name}-${width}-${colorScheme}.png`);
          await page.screenshot({ path: file });
          console.log(`${path.relative(process.cwd(), file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
