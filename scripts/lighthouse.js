/**
 * Lighthouse (mobile, its default) on the reader's pages of a running site: home, section, tag,
 * author, search and article, with Debian's Chromium. Not part of the timed suite.
 *
 *   node scripts/lighthouse.js [--base http://127.0.0.1:3000] [--json FILE]
 *
 * Lighthouse is not a dependency of Dateline (it pulls in some 200 packages for a check run by
 * hand): install it anywhere and point LIGHTHOUSE_DIR at that folder, e.g.
 *   npm install --prefix /tmp/lh lighthouse@12 && LIGHTHOUSE_DIR=/tmp/lh node scripts/lighthouse.js
 * Start the demo site first (`npm start`, or `npx tsx scripts/screenshots.ts --serve`).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log('Usage: [LIGHTHOUSE_DIR=/folder/with/lighthouse] node scripts/lighthouse.js [--base URL] [--json FILE]');
  process.exit(0);
}
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const base = option('--base', 'http://127.0.0.1:3000').replace(/\/$/, '');
const jsonOut = option('--json', undefined);

async function load(name) {
  const from = process.env.LIGHTHOUSE_DIR ? path.join(path.resolve(process.env.LIGHTHOUSE_DIR), 'package.json') : import.meta.url;
  const resolved = createRequire(from).resolve(name);
  return import(pathToFileURL(resolved).href);
}

/** The pages to check: found by following links from the home page, as a reader would. */
async function pages() {
  const get = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
  };
  const home = await get(`${base}/`);
  const first = (html, pattern) => pattern.exec(html)?.[1];
  const article = first(home, /href="(\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+)"/);
  const section = first(home, /<nav class="sections[^"]*"[^>]*>[\s\S]*?<li><a href="[^"]*">[^<]*<\/a><\/li>\s*<li><a href="([^"]+)"/);
  const articleHtml = article ? await get(`${base}${article}`) : '';
  const tag = first(articleHtml, /href="(\/(?:people|places|organisations|topics)\/[a-z0-9-]+)"/);
  const author = first(articleHtml, /href="(\/authors\/[a-z0-9-]+)"/);
  // The search form is indexable; its results pages carry noindex on purpose (SEO below 100 there).
  return Object.entries({ home: '/', section, tag, author, search: '/search', 'search results': '/search?q=port', article }).filter(([, p]) => p);
}

const { default: lighthouse } = await load('lighthouse');
const chromeLauncher = await load('chrome-launcher');
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = {};
try {
  for (const [name, pathname] of await pages()) {
    const runner = await lighthouse(`${base}${pathname}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
    if (runner.lhr.runtimeError) console.log(`  ${name}: ${runner.lhr.runtimeError.code} ${runner.lhr.runtimeError.message}`);
    const consoleErrors = runner.lhr.audits['errors-in-console']?.details?.items ?? [];
    for (const item of consoleErrors) console.log(`  console: ${item.source ?? ''} ${item.description ?? ''} ${item.sourceLocation?.url ?? item.url ?? ''}`);
    const categories = runner.lhr.categories;
    results[name] = { path: pathname, ...Object.fromEntries(Object.entries(categories).map(([id, c]) => [id, Math.round(c.score * 100)])) };
    const failing = Object.values(runner.lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
    console.log(`${name.padEnd(8)} ${pathname}\n  ${Object.entries(results[name]).filter(([k]) => k !== 'path').map(([k, v]) => `${k} ${v}`).join(' · ')}${failing.length ? `\n  failing: ${failing.join(', ')}` : ''}`);
  }
} finally {
  await chrome.kill();
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(results, null, 2));
