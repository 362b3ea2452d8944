// @ts-check
/**
 * WordPress import speed and memory (`npm run bench:imports`, which builds first).
 *
 * Writes a WXR export of invented posts (bench/wxr-data.js; `--posts N`, default 100,000) to a
 * temporary directory by streaming, then runs each part in a process of its own (so that each
 * peak RSS is that part's alone) and prints posts per second, peak RSS and the ratio to the
 * baseline measured in the same run:
 *
 *   baseline  one bare saxes pass over the file, counting items: the floor for reading the bytes
 *             as XML at all;
 *   reader    the WordPress reader (dist/features/imports/readers/wordpress): both passes, the
 *             mapping and the content conversion of every post, records yielded and dropped;
 *   import    `dateline import wordpress FILE` into a fresh SQLite file and PostgreSQL database
 *             (with the demo site in it), through the built CLI, the images read from a copy of
 *             the uploads folder (`--uploads`; 96 files shared by all posts);
 *   dry-run   the same with `--dry-run` first (not run unless asked for with --only).
 *
 * Options: `--posts N`; `--only baseline,reader,import,dry-run`; `--file PATH` to reuse an export
 * (e.g. the 1 GB one of scripts/wxr-memory.js) instead of writing one; `--dialects sqlite`.
 * A measurement, not a test: exit code 0 whatever the numbers, 1 when it cannot measure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DIST, postgresReachable, requireBuild, scratch } from './kit.js';
import { writeLargeWxr, writeUploads } from './wxr-data.js';

const SELF = fileURLToPath(import.meta.url);

/** @param {string} name @returns {string | undefined} */
function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

// ---- A part, run in a child process: prints one JSON line with its numbers. ----
if (process.argv[2] === '--child') {
  const [part, file, ...rest] = process.argv.slice(3);
  if (!part || !file) throw new Error('usage: imports.js --child PART FILE');
  const started = performance.now();
  /** @type {Record<string, number>} */
  const counts = {};
  if (part === 'baseline') {
    const { SaxesParser } = await import('saxes');
    const parser = new SaxesParser();
    let items = 0;
    parser.on('opentag', (tag) => {
      if (tag.name === 'item') items += 1;
    });
    const { StringDecoder } = await import('node:string_decoder');
    const decoder = new StringDecoder('utf8');
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) parser.write(decoder.write(/** @type {Buffer} */ (chunk)));
    parser.close();
    counts.items = items;
  } else if (part === 'reader') {
    const { openWordPress } = await import(path.join(DIST, 'features', 'imports', 'readers', 'wordpress', 'index.js'));
    const reader = await openWordPress(file);
    for await (const record of reader.records()) {
      const key = record.kind === 'article' ? 'posts' : record.kind;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  } else if (part === 'import') {
    const { runCli } = await import(path.join(DIST, 'cli', 'program.js'));
    let stderr = '';
    let stdout = '';
    const env = JSON.parse(rest[0] ?? '{}');
    const { Readable } = await import('node:stream');
    const code = await runCli(['import', 'wordpress', file, ...rest.slice(1)], {
      env: { LOG_LEVEL: 'silent', ...env },
      stdin: Readable.from(['']),
      stdout: { write: (/** @type {string} */ text) => void (stdout = (stdout + text).slice(-4000)) },
      stderr: { write: (/** @type {string} */ text) => void (stderr = (stderr + text).slice(-4000)) },
    });
    if (code !== 0) {
      console.error(`import exited ${code}: ${stderr.slice(-1000)}`);
      process.exit(1);
    }
    counts.exit = code;
  } else throw new Error(`unknown part ${part}`);
  const ms = performance.now() - started;
  console.log(JSON.stringify({ part, ms, counts, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

// ---- The bench. ----
requireBuild('features/imports/readers/wordpress/index.js');
const POSTS = Number(option('posts') ?? 100_000);
if (!Number.isInteger(POSTS) || POSTS < 1) {
  console.error('--posts must be a whole number ≥ 1');
  process.exit(1);
}
const ONLY = (option('only') ?? 'baseline,reader,import').split(',');
const DIALECTS = (option('dialects') ?? 'sqlite,postgres').split(',');
const run = scratch('dateline-imports-bench-');

/**
 * Runs a part in a child process (no --max-old-space-size: the default heap, as users run it).
 * @param {string} part @param {string} file @param {string[]} [extra]
 * @returns {{ part: string, ms: number, counts: Record<string, number>, maxRssMb: number }}
 */
function measure(part, file, extra = []) {
  const child = spawnSync(process.execPath, [SELF, '--child', part, file, ...extra], { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, NODE_OPTIONS: '' } });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`${part} failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  return JSON.parse(line);
}

try {
  let file = option('file');
  let posts = POSTS;
  if (!file) {
    file = path.join(run.dir, 'export.xml');
    const started = performance.now();
    const written = await writeLargeWxr(file, { posts: POSTS });
    posts = written.posts;
    console.log(`Wrote ${written.posts.toLocaleString('en')} posts (${written.items.toLocaleString('en')} items, ${(written.bytes / 1024 / 1024).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const mb = fs.statSync(file).size / 1024 / 1024;
  console.log(`WordPress import bench: ${mb.toFixed(0)} MB export, Node ${process.version}, ${os.availableParallelism()} CPUs, load ${os.loadavg()[0]?.toFixed(1)}\n`);
  /** @type {Array<{ part: string, ms: number, counts: Record<string, number>, maxRssMb: number }>} */
  const rows = [];
  if (ONLY.includes('baseline')) rows.push(measure('baseline', file));
  if (ONLY.includes('reader')) {
    const row = measure('reader', file);
    if (row.counts.posts !== undefined) posts = row.counts.posts;
    rows.push(row);
  }
  if (ONLY.includes('import')) {
    if (!fs.existsSync(path.join(DIST, 'features', 'imports', 'import.service.js'))) console.log('import: skipped (the import engine is not built yet)');
    else {
      // The images come from a copy of the uploads folder: the bench measures importing, not the network.
      const uploads = path.join(run.dir, 'uploads');
      await writeUploads(uploads);
      for (const dialect of DIALECTS) {
        if (dialect === 'postgres' && !(await postgresReachable())) {
          console.log('import on postgres: skipped (PostgreSQL not reachable)');
          continue;
        }
        const env = dialect === 'sqlite' ? { DATA_DIR: fs.mkdtempSync(path.join(run.dir, 'sqlite-')) } : { DATA_DIR: fs.mkdtempSync(path.join(run.dir, 'pg-')), DATABASE_URL: await run.createDatabase(`bench_imports_${process.pid}`) };
        await migrate(env);
        if (ONLY.includes('dry-run')) rows.push({ ...measure('import', file, [JSON.stringify(env), '--uploads', uploads, '--dry-run']), part: `import --dry-run (${dialect})` });
        rows.push({ ...measure('import', file, [JSON.stringify(env), '--uploads', uploads]), part: `import (${dialect})` });
      }
    }
  }
  const baseline = rows.find((row) => row.part === 'baseline');
  const table = rows.map((row) => ({
    part: row.part,
    seconds: (row.ms / 1000).toFixed(1),
    'posts/s': Math.round((posts * 1000) / row.ms).toLocaleString('en'),
    'MB/s': (mb / (row.ms / 1000)).toFixed(1),
    'peak RSS MB': row.maxRssMb.toFixed(0),
    'time vs baseline': baseline ? `${(row.ms / baseline.ms).toFixed(2)}×` : '-',
  }));
  const columns = Object.keys(table[0] ?? {});
  const widths = columns.map((c) => Math.max(c.length, ...table.map((row) => String(row[/** @type {keyof typeof row} */ (c)]).length)));
  const line = (/** @type {string[]} */ cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(columns.map((c) => String(row[/** @type {keyof typeof row} */ (c)]))));
  console.log(`\n${posts.toLocaleString('en')} posts. The reader reads the file twice (indexes, then records): compare its time with twice the baseline's.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await run.cleanUp();
}

/**
 * Migrates a fresh database and adds the demo site (the import needs an edition) through the
 * built CLI, so that the import measures importing only.
 * @param {Record<string, string>} env
 */
async function migrate(env) {
  const { runCli } = await import(path.join(DIST, 'cli', 'program.js'));
  let stderr = '';
  const { Readable } = await import('node:stream');
  const code = await runCli(['seed'], { env: { LOG_LEVEL: 'silent', ...env }, stdin: Readable.from(['']), stdout: { write: () => {} }, stderr: { write: (/** @type {string} */ text) => void (stderr += text) } });
  if (code !== 0) throw new Error(`seed failed: ${stderr}`);
}
