// @ts-check
/**
 * The wire desk's benchmarks, one after another (`npm run bench:wires`, which builds first; also
 * the last part of `npm run bench`):
 *
 *   bench/wires-parse.js     parsing wire documents of every format
 *   bench/wires-ingest.js    ingest throughput (parse to stored and grouped) on both databases,
 *                            and the time per new item as the store grows
 *   bench/wires-grouping.js  precision and recall of story grouping on the labelled pairs
 *   bench/wires-queue.js     the queue page's time with a large store
 *   bench/wires-poll.js      polling a feed: the guarded fetch against a bare GET, a first poll
 *                            (fetch, parse, store), a 304 poll, a poll of unchanged items
 *
 * Each runs in a process of its own with this process's environment and output, so its own
 * settings (see the top of each file) apply. A bench that is not there yet is skipped with a note.
 * It is a measurement, not a test: the exit code is 0 whatever the numbers (and when no wire
 * bench is there at all, with a note), 1 when a bench could not measure (exited with an error).
 *
 * Environment:
 *   WIRES_BENCH_ONLY  comma-separated names to run (e.g. `ingest,grouping`); default all
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BENCHES = ['parse', 'ingest', 'grouping', 'queue', 'poll'];

const only = (process.env.WIRES_BENCH_ONLY ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const unknown = only.filter((name) => !BENCHES.includes(name));
if (unknown.length > 0) {
  console.error(`WIRES_BENCH_ONLY names no wire bench: ${unknown.join(', ')} (known: ${BENCHES.join(', ')}).`);
  process.exit(1);
}

/** @type {Array<{ name: string, outcome: string, seconds: number | null }>} */
const summary = [];
let failed = false;

for (const name of BENCHES) {
  if (only.length > 0 && !only.includes(name)) continue;
  const file = path.join(HERE, `wires-${name}.js`);
  if (!fs.existsSync(file)) {
    console.log(`\n== wires-${name}: skipped (bench/wires-${name}.js is not there yet)`);
    summary.push({ name, outcome: 'skipped: not there', seconds: null });
    continue;
  }
  console.log(`\n== wires-${name} (node bench/wires-${name}.js)`);
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [file], { stdio: 'inherit', env: process.env });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const outcome = run.error ? `could not start: ${run.error.message}` : run.signal ? `stopped by ${run.signal}` : run.status === 0 ? 'measured' : `failed (exit code ${run.status})`;
  if (outcome !== 'measured') failed = true;
  summary.push({ name, outcome, seconds });
}

console.log('\n== wire desk benchmarks');
for (const { name, outcome, seconds } of summary) {
  console.log(`  wires-${name.padEnd(9)} ${outcome}${seconds === null ? '' : ` in ${seconds.toFixed(1)} s`}`);
}
const ran = summary.filter((s) => s.seconds !== null).length;
if (ran === 0) console.log('No wire bench is there yet (bench/wires-*.js): nothing measured.');
process.exit(failed ? 1 : 0);
