import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawIllustration } from '../src/demo/illustration.js';
import { originalDir, renditionDir, stagingKey, storeImage, writeImageFiles } from '../src/features/media/media.service.js';
import { SWEEP_GRACE_MS, sweepMediaFiles } from '../src/features/media/media.sweep.js';
import { testClock } from './helpers/clock.js';
import { createTestDb, DIALECTS, dialectAvailable, dialectChosen, type TestDb } from './helpers/test-db.js';

const run = promisify(execFile);
const META = { alt: 'A lighthouse on an invented cape', caption: '', credit: 'Illustration: Test' };
const DAY_MONTH = testClock.now().toISOString().slice(0, 7);

/** Folders on disk under media/ and originals/ (the month and the name). */
const folders = (dataDir: string) =>
  ['media', 'originals'].flatMap((tree) => {
    const root = path.join(dataDir, tree);
    return (fs.existsSync(root) ? fs.readdirSync(root) : []).flatMap((month) => fs.readdirSync(path.join(root, month)).map((name) => `${tree}/${month}/${name}`));
  });

/** Makes a folder look `ms` old (the sweep goes by modification time, which is the file system's). */
const age = (dirs: string[], ms: number) => {
  const then = new Date(Date.now() - ms);
  for (const dir of dirs) fs.utimesSync(dir, then, then);
};

describe.each(DIALECTS)('crash-safe uploads on %s', (dialect) => {
  let t: TestDb;
  let picture: Buffer;
  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestDb(dialect);
    picture = await drawIllustration('crash-cape', 120, 500, 320);
  });
  afterAll(async () => t?.destroy());

  it.skipIf(!dialectAvailable(dialect))('stores an upload under its final name with no staging folder left', async () => {
    const media = await storeImage(t.db.kysely, t.dataDir, picture, META, testClock.now());
    expect(fs.readdirSync(renditionDir(t.dataDir, media.storage_key)).sort()).toEqual(['480.avif', '480.jpg', '480.webp']);
    expect(fs.readdirSync(originalDir(t.dataDir, media.storage_key))).toEqual(['original.jpg']);
    expect(folders(t.dataDir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it.skipIf(!dialectAvailable(dialect))('sweeps what a kill leaves (staging folders, folders without a row) once old, and keeps the rest', async () => {
    const kept = await storeImage(t.db.kysely, t.dataDir, picture, META, testClock.now());
    // A kill before the transaction: staged files, no row.
    const staged = stagingKey(`${DAY_MONTH}/killed-before-insert`);
    await writeImageFiles(t.dataDir, staged, picture);
    // A kill after the rename, before the commit (or an import whose transaction rolled back): final name, no row.
    await t.db.kysely
      .transaction()
      .execute(async (trx) => {
        await storeImage(trx, t.dataDir, picture, META, testClock.now());
        throw new Error('the import failed after the image');
      })
      .catch(() => undefined);
    const rows = (await t.db.kysely.selectFrom('media').select('storage_key').execute()).map((r) => r.storage_key);
    expect(rows).toContain(kept.storage_key);
    const orphan = folders(t.dataDir).find((f) => f.startsWith('media/') && !f.includes('.tmp-') && !rows.includes(f.slice('media/'.length)));
    expect(orphan).toBeDefined();
    const everything = folders(t.dataDir).map((f) => path.join(t.dataDir, f));
    expect(await sweepMediaFiles(t.db.kysely, t.dataDir)).toEqual({ staging: [], orphans: [] });
    age(everything, SWEEP_GRACE_MS + 60_000);
    const swept = await sweepMediaFiles(t.db.kysely, t.dataDir);
    expect(swept.staging).toEqual([staged, staged]);
    expect(swept.orphans).toEqual([orphan!.slice('media/'.length)]);
    expect(folders(t.dataDir).sort()).toEqual([...rows.map((k) => `media/${k}`), ...rows.map((k) => `originals/${k}`)].sort());
    expect((await t.db.kysely.selectFrom('media').select('storage_key').execute()).map((r) => r.storage_key).sort()).toEqual([...rows].sort());
  });

  it.skipIf(!dialectAvailable(dialect))('never removes the folders of a row that is committing while it sweeps', async () => {
    const db = t.db.kysely;
    let sweeping: Promise<unknown> | undefined;
    const media = await db.transaction().execute(async (trx) => {
      const stored = await storeImage(trx, t.dataDir, picture, META, testClock.now());
      age([renditionDir(t.dataDir, stored.storage_key), originalDir(t.dataDir, stored.storage_key)], SWEEP_GRACE_MS + 60_000);
      // The row is inserted and the folders renamed, not yet committed: the sweep sees folders without a row.
      sweeping = sweepMediaFiles(db, t.dataDir);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return stored;
    });
    expect(await sweeping).toEqual({ staging: [], orphans: [] });
    expect(fs.readdirSync(renditionDir(t.dataDir, media.storage_key)).length).toBe(3);
    expect(fs.existsSync(originalDir(t.dataDir, media.storage_key))).toBe(true);
    await db.deleteFrom('media').execute();
  });
});

/**
 * The short form of scripts/crash-test.js (the long runs are by hand and in .ci/run): one kill per
 * database, from the source, since the suite does not build dist/.
 */
describe('the crash test script', () => {
  const both = dialectAvailable('postgres') && dialectChosen('sqlite');
  it.skipIf(!both)(
    'kills the server once per database during writes and finds every acknowledged write whole',
    async () => {
      const result = await run(process.execPath, ['scripts/crash-test.js', '--db', 'both', '--kills', '1', '--seed', '7', '--from-source'], { timeout: 590_000 }).catch(
        (error: unknown) => error as { code: number; stdout: string; stderr: string },
      );
      expect((result as { code?: number }).code ?? 0, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(/^sqlite: 1 kills?, \d+ writes acknowledged .*, \d+ checks, 0 failures/m);
      expect(result.stdout).toMatch(/^postgres: 1 kills?, \d+ writes acknowledged .*, \d+ checks, 0 failures/m);
      expect(result.stdout).toContain('Crash test passed');
    },
    600_000,
  );

  it('explains itself with --help and refuses a bad --db', async () => {
    const help = await run(process.execPath, ['scripts/crash-test.js', '--help']);
    expect(help.stdout).toContain('Usage: node scripts/crash-test.js');
    const bad = await run(process.execPath, ['scripts/crash-test.js', '--db', 'mysql']).catch((error: unknown) => error as { code: number; stderr: string });
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--db must be sqlite, postgres or both') });
  });
});
