import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateline } from './helpers/cli.js';
import { createSite } from './helpers/factories.js';
import { contentCounts, testImage } from './helpers/imports.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';

/**
 * An import killed halfway (SIGKILL: no clean-up of any kind) and run again completes with no
 * duplicates: the counts of everything an import writes equal those of one clean run. The CLI
 * runs as a real child process; the pictures come from a loopback server that answers slowly,
 * so that the kill lands in the middle of the import.
 */

const CLI = path.resolve('src/cli/main.ts');
const ITEMS = 10;
const KILL_AFTER = 3;

describe.each(DIALECTS)('an import killed halfway on %s', (dialect) => {
  let server: http.Server;
  let base: string;
  let dir: string;
  const dbs: TestDb[] = [];

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    const pictures = await Promise.all(Array.from({ length: ITEMS }, (_, i) => testImage(`#${(0x203040 + i * 0x0a0b0c).toString(16).slice(-6)}`)));
    server = http.createServer((req, res) => {
      const n = Number(/pic-(\d+)\.png$/.exec(req.url ?? '')?.[1] ?? -1);
      const body = pictures[n];
      // Slow enough that a few articles are in when the kill comes, and most are not.
      setTimeout(() => (body ? res.writeHead(200, { 'content-type': 'image/png' }).end(body) : res.writeHead(404).end()), 100);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-resume-'));
    for (let i = 0; i < ITEMS; i++) {
      const item = {
        uri: `https://old-harbour.example/2024/05/${String(i + 1).padStart(2, '0')}/quay-report-${i}/`,
        type: 'text',
        versioncreated: `2024-05-${String(i + 1).padStart(2, '0')}T08:00:00Z`,
        language: 'en',
        by: ['Ilse Varnova', 'Oda Rennick', 'Per Lindqvast'][i % 3],
        headline: `Quay report number ${i + 1}`,
        body_html: `<p>Report ${i + 1} from the quay.</p>`,
        subjects: [{ name: 'harbours' }, { name: `quay ${i % 4}` }],
        infosources: [{ name: 'Harbour Wire' }],
        associations: [{ type: 'picture', renditions: [{ name: 'main', href: `${base}/pic-${i}.png`, width: 160 }] }],
      };
      fs.writeFileSync(path.join(dir, `item-${String(i).padStart(2, '0')}.json`), JSON.stringify(item));
    }
  });
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.destroy()));
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const fresh = async () => {
    const t = await createTestDb(dialect);
    dbs.push(t);
    await createSite(t.db.kysely);
    return t;
  };
  const env = (t: TestDb): Record<string, string> => ({ DATA_DIR: t.dataDir, LOG_LEVEL: 'silent', ...(t.databaseUrl ? { DATABASE_URL: t.databaseUrl } : {}) });
  const imported = async (t: TestDb) =>
    Number((await t.db.kysely.selectFrom('import_records').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'article').executeTakeFirstOrThrow()).n);

  /** The CLI as a real process; resolves with its exit code and signal. */
  function start(t: TestDb) {
    const { DATABASE_URL: _ignored, ...parent } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'import', 'ninjs', dir, '--allow-private'], { env: { ...parent, ...env(t) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
    return { child, exited };
  }

  it.skipIf(!dialectAvailable(dialect))('completes on the second run with the counts of one clean run', async () => {
    const killed = await fresh();
    const first = start(killed);
    const deadline = Date.now() + 60_000;
    while ((await imported(killed)) < KILL_AFTER) {
      if (Date.now() > deadline) throw new Error('the import did not get going');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    first.child.kill('SIGKILL');
    const end = await first.exited;
    expect(end.signal).toBe('SIGKILL');
    const halfway = await imported(killed);
    expect(halfway).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(halfway).toBeLessThan(ITEMS);

    // Run again (in this process: the same command, without a second TypeScript loader).
    const second = await dateline(['import', 'ninjs', dir, '--allow-private'], env(killed));
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`articles: ${ITEMS - halfway} created, ${halfway} already imported`));

    const clean = await fresh();
    const once = await dateline(['import', 'ninjs', dir, '--allow-private'], env(clean));
    expect(once.code).toBe(0);

    const resumed = await contentCounts(killed.db.kysely);
    expect(resumed).toEqual(await contentCounts(clean.db.kysely));
    expect(resumed).toMatchObject({ articles: ITEMS, media: ITEMS, redirects: ITEMS, authors: 2 + 3 });
  }, 120_000);
});
