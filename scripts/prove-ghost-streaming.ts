/**
 * The Ghost reader's memory proof, too long for the test suite: writes a generated Ghost export
 * of POSTS posts (default 200,000, about 1 GB with their lexical and HTML bodies), reads every
 * record through `openGhost` and prints the time and the process's peak resident memory.
 *
 *   npx tsx scripts/prove-ghost-streaming.ts [POSTS] [BODY_CHARS]
 *
 * Run with a heap ceiling to make the point: NODE_OPTIONS=--max-old-space-size=256.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openGhost } from '../src/features/imports/readers/ghost/ghost-reader.js';
import { writeGeneratedGhostExport } from '../tests/helpers/ghost-export.js';

const posts = Number(process.argv[2] ?? 200_000);
const bodyChars = Number(process.argv[3] ?? 2_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-ghost-proof-'));
const file = path.join(dir, 'generated.ghost.json');

try {
  let started = Date.now();
  writeGeneratedGhostExport(file, posts, bodyChars);
  const size = fs.statSync(file).size;
  console.log(`wrote ${posts} posts, ${(size / 1048576).toFixed(0)} MB, in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  started = Date.now();
  const reader = await openGhost(file, { siteUrl: 'https://generated.example' });
  const opened = Date.now() - started;
  let articles = 0;
  let bodyBytes = 0;
  for await (const record of reader.records()) {
    if (record.kind === 'article') {
      articles++;
      bodyBytes += record.bodyHtml.length;
    }
  }
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  const seconds = (Date.now() - started) / 1000;
  console.log(`first pass (open): ${(opened / 1000).toFixed(1)} s; both passes: ${seconds.toFixed(1)} s`);
  console.log(`${articles} articles (${(bodyBytes / 1048576).toFixed(0)} MB of body HTML), ${(articles / seconds).toFixed(0)} posts/s, ${((size / 1048576) / seconds).toFixed(1)} MB/s`);
  console.log(`peak RSS ${(peak / 1048576).toFixed(0)} MB for a ${(size / 1048576).toFixed(0)} MB file`);
  if (articles !== posts) throw new Error(`expected ${posts} articles, read ${articles}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
