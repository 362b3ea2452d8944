// @ts-check
/**
 * The memory proof of the WordPress import: a ~1 GB export imports in under 512 MB.
 *
 *   npm run build && node scripts/wxr-memory.js [--bytes 1073741824] [--dir /tmp] [--keep]
 *       [--part reader|import] [--file PATH] [--paragraphs 12]
 *
 * Writes an export of invented posts of about `--bytes` (default 1 GiB) into `--dir` by streaming
 * (bench/wxr-data.js), then runs the import in a child process with Node's default heap (no
 * --max-old-space-size, NODE_OPTIONS cleared) and reads the child's peak RSS. `--part import`
 * (the default once the engine is built) runs `dateline import wordpress FILE` into a fresh
 * SQLite database; `--part reader` reads every record with the reader alone. Exit code 0 when the
 * peak RSS is under 512 MB, 1 when it is not or the run failed. Takes minutes; not part of the
 * test suite. `--file` reuses an export; `--keep` leaves the written one in place; `--paragraphs`
 * sets the posts' length (12: about 160,000 posts per GB; 30: about 65,000).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeLargeWxr, writeUploads } from '../bench/wxr-data.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIMIT_MB = 512;

/** @param {string} name @returns {string | undefined} */
function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

const bytes = Number(option('bytes') ?? 1024 * 1024 * 1024);
const engineBuilt = fs.existsSync(path.join(ROOT, 'dist', 'features', 'imports', 'import.service.js'));
const part = option('part') ?? (engineBuilt ? 'import' : 'reader');
if (!fs.existsSync(path.join(ROOT, 'dist', 'features', 'imports', 'readers', 'wordpress', 'index.js'))) {
  console.error('No build found: run `npm run build` first.');
  process.exit(1);
}
const dir = fs.mkdtempSync(path.join(option('dir') ?? os.tmpdir(), 'dateline-wxr-memory-'));
let file = option('file');
try {
  if (!file) {
    file = path.join(dir, 'export-1gb.xml');
    const started = performance.now();
    const written = await writeLargeWxr(file, {
      bytes,
      paragraphs: Number(option('paragraphs') ?? 12),
      onProgress: (posts, done) => {
        if (posts % 20_000 === 0) console.log(`  writing: ${posts.toLocaleString('en')} posts, ${(done / 1024 / 1024).toFixed(0)} MB`);
      },
    });
    console.log(`Wrote ${written.posts.toLocaleString('en')} posts (${written.items.toLocaleString('en')} items, ${(written.bytes / 1024 / 1024).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const size = fs.statSync(file).size;
  const extra = part === 'import' ? [JSON.stringify({ DATA_DIR: fs.mkdtempSync(path.join(dir, 'data-')) }), '--uploads', path.join(dir, 'uploads')] : [];
  if (part === 'import') {
    await writeUploads(path.join(dir, 'uploads'));
    const migrate = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'main.js'), 'seed'], { encoding: 'utf8', env: { ...process.env, DATA_DIR: JSON.parse(extra[0] ?? '{}').DATA_DIR, LOG_LEVEL: 'silent' } });
    if (migrate.status !== 0) throw new Error(`seed failed: ${migrate.stderr}`);
  }
  console.log(`Running the ${part} on ${(size / 1024 / 1024).toFixed(0)} MB with the default heap…`);
  const child = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'imports.js'), '--child', part, file, ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`the ${part} failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  const result = JSON.parse(line);
  const posts = result.counts.posts;
  console.log(
    `${part}: ${(result.ms / 1000).toFixed(0)} s${posts ? `, ${posts.toLocaleString('en')} posts, ${Math.round((posts * 1000) / result.ms).toLocaleString('en')} posts/s` : ''}, ` +
      `${(size / 1024 / 1024 / (result.ms / 1000)).toFixed(1)} MB/s, peak RSS ${result.maxRssMb.toFixed(0)} MB (limit ${LIMIT_MB} MB)`,
  );
  if (result.maxRssMb >= LIMIT_MB) {
    console.error(`FAIL: peak RSS ${result.maxRssMb.toFixed(0)} MB is not under ${LIMIT_MB} MB`);
    process.exitCode = 1;
  } else console.log('OK: under the limit');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  if (!process.argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`Kept ${dir}`);
}
