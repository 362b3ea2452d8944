// @ts-check
/**
 * Wire format parsing speed (`npm run bench:wires-parse`, which builds first).
 *
 * For each format (RSS 2.0, Atom 1.0, JSON Feed 1.1, ninjs 3, NewsML-G2) it writes one document of
 * 1,000 invented items in memory (bench/wire-documents.js: 4–8 paragraphs each, a link and some
 * emphasis, one item in six in a Cyrillic language), parses it with the built parser
 * (dist/features/wires/formats/parse.js) a few times to warm up, then ROUNDS times, and prints
 * the median and best time per 1,000 items, the median CPU time (user + system, less disturbed by
 * other processes), items per second and MB per second. The same items go
 * into every format, so the rows compare the formats and nothing else.
 *
 * Environment:
 *   WIRES_PARSE_ITEMS   items per document (default 1000)
 *   WIRES_PARSE_ROUNDS  measured parses per format (default 15)
 *
 * A measurement, not a test: exit code 0 whatever the numbers, 1 when it cannot measure (no build,
 * a document that does not parse to all its items).
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DIST, requireBuild, whole } from './kit.js';
import { DOCUMENTS, inventItems } from './wire-documents.js';

requireBuild('features/wires/formats/parse.js');
const { parseWireDocument } = await import(path.join(DIST, 'features', 'wires', 'formats', 'parse.js'));

const ITEMS = whole('WIRES_PARSE_ITEMS', 1000);
const ROUNDS = whole('WIRES_PARSE_ROUNDS', 15);
const WARMUP = 3;

const items = inventItems(ITEMS);
/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** @type {Array<{ format: string, median: number, best: number, cpu: number, bytes: number, languages: string }>} */
const rows = [];
for (const [format, write] of Object.entries(DOCUMENTS)) {
  const bytes = Buffer.from(write(items));
  const parse = () => parseWireDocument(bytes, { format });
  const check = parse();
  if (check.items.length !== ITEMS || check.problems.length > 0) {
    console.error(`${format}: parsed ${check.items.length} of ${ITEMS} items, problems: ${JSON.stringify(check.problems.slice(0, 3))}`);
    process.exit(1);
  }
  const counts = new Map();
  for (const item of check.items) counts.set(item.language, (counts.get(item.language) ?? 0) + 1);
  for (let i = 0; i < WARMUP; i++) parse();
  const times = [];
  const cpu = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    parse();
    const used = process.cpuUsage(startedCpu);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  rows.push({ format, median: median(times), best: Math.min(...times), cpu: median(cpu), bytes: bytes.byteLength, languages: [...counts].map(([l, n]) => `${l || '?'} ${n}`).join(', ') });
}

const per1000 = (/** @type {number} */ ms) => (ms * 1000) / ITEMS;
const load = os.loadavg()[0] ?? 0;
if (load > os.availableParallelism() * 0.5) {
  console.log(`Note: load average ${load.toFixed(1)} on ${os.availableParallelism()} CPUs; wall times are inflated, compare the CPU column.\n`);
}
console.log(`Wire parsing: ${ITEMS.toLocaleString('en')} invented items per document, median and best of ${ROUNDS} parses (after ${WARMUP} warm-up), Node ${process.version}\n`);
const table = rows.map((r) => ({
  format: r.format,
  'doc MB': (r.bytes / 1024 / 1024).toFixed(2),
  'ms/1000 items (median)': per1000(r.median).toFixed(1),
  'ms/1000 items (best)': per1000(r.best).toFixed(1),
  'CPU ms/1000 items': per1000(r.cpu).toFixed(1),
  'items/s': Math.round((ITEMS * 1000) / r.median).toLocaleString('en'),
  'MB/s': (r.bytes / 1024 / 1024 / (r.median / 1000)).toFixed(1),
  languages: r.languages,
}));
const columns = Object.keys(table[0] ?? {});
const widths = columns.map((c) => Math.max(c.length, ...table.map((row) => String(row[/** @type {keyof typeof row} */ (c)]).length)));
const line = (/** @type {string[]} */ cells) => cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
console.log(line(columns));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of table) console.log(line(columns.map((c) => String(row[/** @type {keyof typeof row} */ (c)]))));
