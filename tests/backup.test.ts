import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { drawIllustration } from '../src/demo/illustration.js';
import { storeImage } from '../src/features/media/media.service.js';
import { connect, type Db, type Dialect } from '../src/db/connect.js';
import { integrityCheck } from '../src/features/backup/sqlite-copy.js';
import { extractTarGz } from '../src/lib/tar.js';
import { startServer, type RunningServer } from '../src/server.js';
import { dateline } from './helpers/cli.js';
import { createSite, createTestArticle, FULL_ARTICLE, testArticlePath } from './helpers/factories.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';

/**
 * `dateline backup` and `dateline restore` (decision 0030) on both databases: a site with an
 * article with its lead image, tags, two authors, sections in two editions, served by a real
 * server; backed up through the CLI while it serves; restored into a fresh data folder and a fresh
 * database; a server on the restored site answers every page, feed, API document and image with
 * the same bytes. Nothing is normalised: both servers run on the same frozen clock and SITE_URL,
 * and the pages carry no per-response nonce. Then the refusals: a damaged or truncated backup,
 * a target that holds a site, the other engine, a missing or too old pg_dump.
 */

const NOW = new Date('2026-06-15T09:00:00Z');
const clock = () => NOW;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-backup-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const envOf = (t: Pick<TestDb, 'dataDir' | 'databaseUrl'>): Record<string, string> => ({
  DATA_DIR: t.dataDir,
  PATH: process.env.PATH ?? '',
  ...(t.databaseUrl ? { DATABASE_URL: t.databaseUrl } : {}),
});

const serve = (dataDir: string, db: Db) =>
  startServer(loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SITE_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent' }), db, { clock });

interface Answer {
  status: number;
  type: string | null;
  body: string;
}

/** Every URL's status, content type and body (images as base64). */
async function fetchAll(server: RunningServer, urls: string[]): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  for (const url of urls) {
    const res = await fetch(`${server.url}${url}`, { redirect: 'manual' });
    const type = res.headers.get('content-type');
    const bytes = Buffer.from(await res.arrayBuffer());
    answers.set(url, { status: res.status, type, body: type?.startsWith('image/') ? bytes.toString('base64') : bytes.toString('utf8') });
  }
  return answers;
}

describe.each(DIALECTS)('backup and restore on %s', (dialect: Dialect) => {
  describe.skipIf(!dialectAvailable(dialect))(dialect, () => {
    let source: TestDb;
    let server: RunningServer | undefined;
    let urls: string[];
    let before: Map<string, Answer>;
    const backup = path.join(tmp, `${dialect}.tar.gz`);
    let made: Awaited<ReturnType<typeof dateline>>;

    beforeAll(async () => {
      source = await createTestDb(dialect);
      const db = source.db.kysely;
      const site = await createSite(db);
      // The factories' full article, with a smaller lead image (one rendition width, not two: AVIF encoding is slow).
      const picture = await drawIllustration('backup-test', 200, 480, 300);
      const lead = await storeImage(db, source.dataDir, picture, { alt: 'Illustration of hills at dusk', caption: 'The hills above the test harbour.', credit: 'Illustration: Test' }, NOW);
      await createTestArticle(db, site, {
        slug: FULL_ARTICLE.slug,
        headline: 'Harbour council approves new pier',
        datelinePlace: 'Port Velmar',
        publishedAt: FULL_ARTICLE.publishedAt,
        leadMediaId: lead.id,
        authorIds: [site.authors.ada, site.authors.boris],
        tags: [
          { type: 'person', name: 'Ines Marlow' },
          { type: 'place', name: 'Port Velmar' },
          { type: 'topic', name: 'Infrastructure' },
        ],
        sources: [{ publicationId: site.publications.reuters, url: 'https://www.reuters.com/example-story' }],
        now: NOW,
      });
      const articlePath = testArticlePath(FULL_ARTICLE.section, FULL_ARTICLE.publishedAt, FULL_ARTICLE.slug);
      await createTestArticle(db, site, { sectionId: site.sections.en.business, authorIds: [site.authors.boris], publishedAt: new Date('2026-06-14T10:00:00Z'), now: NOW });
      await createTestArticle(db, site, { edition: 'ru', sectionId: site.sections.ru.world, headline: 'Совет одобрил причал', publishedAt: new Date('2026-06-14T11:00:00Z'), now: NOW });
      server = await serve(source.dataDir, source.db);
      const id = (await db.selectFrom('articles').select('id').where('slug', '=', 'harbour-council-approves-pier').executeTakeFirstOrThrow()).id;
      const page = await (await fetch(`${server.url}${articlePath}`)).text();
      const image = /\/media\/[\w/-]+\.(?:jpg|webp|avif)/.exec(page)?.[0];
      expect(image, 'the article page shows its lead image').toBeDefined();
      urls = [
        '/',
        articlePath,
        '/world',
        '/business',
        '/ru',
        '/people/ines-marlow',
        '/places/port-velmar',
        '/topics/infrastructure',
        '/authors/ada-quill',
        '/feed.xml',
        '/sitemap.xml',
        '/news-sitemap.xml',
        '/api/v1/articles',
        `/api/v1/articles/${id}`,
        image as string,
      ];
      before = await fetchAll(server, urls);
      // Backed up while the server runs.
      made = await dateline(['backup', '--out', backup], envOf(source));
    }, 60_000);

    afterAll(async () => {
      await server?.close();
      await source?.destroy();
    });

    it('writes one file with a manifest of every member, progress on standard error', async () => {
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toMatch(/Backed up the (SQLite|PostgreSQL) database \(\d+ migrations\) and \d+ media files/);
      expect(made.stderr).toContain('Writing the backup (bytes)');
      expect(fs.readdirSync(tmp).filter((n) => n.includes('.partial-'))).toEqual([]);
      const dir = fs.mkdtempSync(path.join(tmp, 'unpacked-'));
      const names = await extractTarGz(backup, dir, { maxMemberBytes: 2 ** 30, maxTotalBytes: 2 ** 31, maxMembers: 10_000 });
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { engine: string; migrations: string[]; files: { name: string; size: number }[]; warnings: string[] };
      expect(manifest.engine).toBe(dialect);
      expect(manifest.migrations).toContain('20261124T1500-initial');
      expect(manifest.warnings).toEqual([]);
      expect(manifest.files[0]?.name).toBe(dialect === 'sqlite' ? 'database/dateline.sqlite' : 'database/dateline.pgdump');
      expect(manifest.files.map((f) => f.name).sort()).toEqual(names.filter((n) => n !== 'manifest.json').sort());
      expect(manifest.files.some((f) => f.name.startsWith('originals/'))).toBe(true);
      expect(manifest.files.filter((f) => f.name.startsWith('media/')).length).toBeGreaterThanOrEqual(3);
      const help = [await dateline(['backup', '--help']), await dateline(['restore', '--help'])];
      expect(help[0]?.stdout).toMatch(/Exit codes[\s\S]*--out <file>[\s\S]*--no-gzip/);
      expect(help[1]?.stdout).toMatch(/checked against its manifest[\s\S]*--force/);
    });

    it('restores into a fresh site that answers every page, feed, API document and image byte for byte', async () => {
      // SQLite: a data folder that does not exist yet. PostgreSQL: a new database, migrated and empty.
      const target: TestDb = dialect === 'sqlite' ? { ...(await freshSqliteTarget()) } : await createTestDb('postgres');
      let restoredServer: RunningServer | undefined;
      try {
        const restored = await dateline(['restore', backup], envOf(target));
        expect(restored.code, restored.stderr).toBe(0);
        expect(restored.stdout).toContain('Restored the backup of');
        const db = dialect === 'sqlite' ? connect({ sqliteFile: path.join(target.dataDir, 'dateline.sqlite') }) : target.db;
        restoredServer = await serve(target.dataDir, db);
        const after = await fetchAll(restoredServer, urls);
        for (const url of urls) {
          expect(before.get(url)?.status, url).toBe(200);
          expect(after.get(url), url).toEqual(before.get(url));
        }
        await restoredServer.close();
        restoredServer = undefined;

        // Now it holds a site: refused without --force, replaced with it.
        const again = await dateline(['restore', backup], envOf(target));
        expect(again.code).toBe(1);
        expect(again.stderr).toContain('The target is not empty');
        // (On PostgreSQL the restore above already ran pg_restore --clean over the tables of a
        // migrated database; a second one would cost seconds and prove nothing more.)
        if (dialect === 'sqlite') {
          const forced = await dateline(['restore', '--force', backup], envOf(target));
          expect(forced.code, forced.stderr).toBe(0);
          expect(forced.stdout).toContain('Restored the backup of');
        }
      } finally {
        await restoredServer?.close();
        await target.destroy();
      }
    }, 30_000);

    it('refuses a damaged or truncated backup and touches nothing', async () => {
      const target = await freshSqliteTarget();
      const env = dialect === 'sqlite' ? envOf(target) : { ...envOf(target), DATABASE_URL: source.databaseUrl as string };
      // Truncated: the gzip stream ends early.
      const truncated = path.join(tmp, `${dialect}-truncated.tar.gz`);
      const whole = fs.readFileSync(backup);
      fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
      const cut = await dateline(['restore', '--force', truncated], env);
      expect(cut.code).toBe(1);
      expect(cut.stderr).toMatch(/truncated|not a complete gzip/);
      expect(cut.stderr).toContain('Nothing was restored');
      // Damaged inside a member of a plain tar: the tar is well formed, the checksum is not.
      const plain = path.join(tmp, `${dialect}.tar`);
      const madePlain = await dateline(['backup', '--no-gzip', '--out', plain], envOf(source));
      expect(madePlain.code, madePlain.stderr).toBe(0);
      const bytes = fs.readFileSync(plain);
      // Member 1 is the folder database/, member 2 the database: its data starts after two 512-byte headers.
      bytes[1024 + 200] = (bytes[1024 + 200] as number) ^ 0xff;
      fs.writeFileSync(plain, bytes);
      const flipped = await dateline(['restore', '--force', plain], env);
      expect(flipped.code).toBe(1);
      expect(flipped.stderr).toContain(`${dialect === 'sqlite' ? 'database/dateline.sqlite' : 'database/dateline.pgdump'} fails its SHA-256 checksum`);
      expect(flipped.stderr).not.toMatch(/\n\s+at /);
      expect(fs.readdirSync(target.dataDir)).toEqual([]);
      // The source database was not touched by the refused restores pointed at it.
      expect((await fetch(`${server?.url}/api/v1/articles`)).status).toBe(200);
      await target.destroy();
    }, 30_000);

    it.runIf(dialect === 'sqlite')('refuses a SQLite backup for PostgreSQL, pointing to export and import', async () => {
      const target = await freshSqliteTarget();
      const refused = await dateline(['restore', backup], { ...envOf(target), DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dateline_never_created' });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('This is a SQLite backup and this Dateline is configured for PostgreSQL');
      expect(refused.stderr).toContain('dateline export');
      // A DATA_DIR with no database is not backed up as an empty one.
      const nothing = await dateline(['backup', '--out', path.join(tmp, 'nothing.tar.gz')], envOf(target));
      expect(nothing).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no database at') });
      expect(fs.readdirSync(target.dataDir)).toEqual([]);
      await target.destroy();
    });

    it.runIf(dialect === 'postgres')('says so when pg_dump is missing or older than the server', async () => {
      const missing = await dateline(['backup', '--out', path.join(tmp, 'never.tar.gz')], { ...envOf(source), PATH: path.join(tmp, 'no-such-folder') });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('pg_dump was not found on PATH');
      const bin = fs.mkdtempSync(path.join(tmp, 'bin-'));
      fs.writeFileSync(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n', { mode: 0o755 });
      const old = await dateline(['backup', '--out', path.join(tmp, 'never.tar.gz')], { ...envOf(source), PATH: bin });
      expect(old.code).toBe(1);
      expect(old.stderr).toMatch(/is version 9, older than the PostgreSQL server \(\d+\)/);
      expect(fs.existsSync(path.join(tmp, 'never.tar.gz'))).toBe(false);
    });

    it.runIf(dialect === 'sqlite')('copies a consistent database while another process writes, and warns of an image without files', async () => {
      // A second process commits pairs of rows (with padding, so pages keep changing) as fast as it can.
      const file = path.join(source.dataDir, 'dateline.sqlite');
      const writer = spawn(
        process.execPath,
        [
          '-e',
          `const db = new (require('better-sqlite3'))(${JSON.stringify(file)}); db.pragma('busy_timeout = 5000');
           const put = db.prepare("insert into settings (key, value) values (?, ?)"); const pad = 'x'.repeat(3000); let n = 0;
           const pair = db.transaction((i) => { put.run('load.' + i + '.a', pad); put.run('load.' + i + '.b', pad); });
           const tick = () => { for (let k = 0; k < 20; k++) pair(n++); if (n === 20) process.stdout.write('ready\\n'); setImmediate(tick); }; tick();
           process.on('SIGTERM', () => { db.close(); process.stdout.write('wrote ' + n + '\\n'); process.exit(0); });`,
        ],
        { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let said = '';
      writer.stdout.on('data', (d: Buffer) => (said += d.toString()));
      await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
      // One image loses its files (renditions and original): the backup goes on and says so.
      const media = await source.db.kysely.selectFrom('media').select('storage_key').executeTakeFirstOrThrow();
      fs.rmSync(path.join(source.dataDir, 'media', media.storage_key), { recursive: true });
      const busy = path.join(tmp, 'busy.tar.gz');
      const result = await dateline(['backup', '--out', busy], envOf(source));
      const ended = new Promise((resolve) => writer.once('exit', resolve));
      writer.kill('SIGTERM');
      await ended;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(`Warning: The image ${media.storage_key} has a media row but no files`);
      const dir = fs.mkdtempSync(path.join(tmp, 'busy-'));
      await extractTarGz(busy, dir, { maxMemberBytes: 2 ** 30, maxTotalBytes: 2 ** 31, maxMembers: 10_000 });
      const copy = path.join(dir, 'database', 'dateline.sqlite');
      expect(integrityCheck(copy)).toBe('ok');
      const db = connect({ sqliteFile: copy });
      try {
        const count = async (pattern: string) => Number((await db.kysely.selectFrom('settings').select((eb) => eb.fn.countAll().as('n')).where('key', 'like', pattern).executeTakeFirstOrThrow()).n);
        const [a, b] = [await count('load.%.a'), await count('load.%.b')];
        expect(a).toBeGreaterThanOrEqual(20);
        expect(b).toBe(a);
        // The writer went on after the copy was taken: the copy is a moment, not the end.
        expect(Number(/wrote (\d+)/.exec(said)?.[1])).toBeGreaterThan(a);
      } finally {
        await db.close();
      }
    }, 30_000);
  });
});

/** A data folder of its own that nothing has created anything in yet. */
async function freshSqliteTarget(): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(tmp, 'target-'));
  return {
    db: undefined as unknown as Db,
    dataDir,
    databaseUrl: undefined,
    sqliteFile: path.join(dataDir, 'dateline.sqlite'),
    destroy: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

describe('a backup from an older version', () => {
  it('restores and is upgraded by the migrations it lacks', async () => {
    // A SQLite database migrated to all but the newest migration, as an older Dateline left it.
    const names = fs.readdirSync(path.join(import.meta.dirname, '../src/db/migrations')).filter((n) => n.endsWith('.ts')).map((n) => n.replace(/\.ts$/, '')).sort();
    const older = names.slice(0, -1);
    const dataDir = fs.mkdtempSync(path.join(tmp, 'older-'));
    const db = connect({ sqliteFile: path.join(dataDir, 'dateline.sqlite') });
    const migrations = Object.fromEntries(await Promise.all(older.map(async (name) => [name, (await import(`../src/db/migrations/${name}.ts`)) as Migration] as const)));
    const result = await new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } }).migrateToLatest();
    expect(result.error).toBeUndefined();
    await db.kysely.insertInto('editions').values({ code: 'en', name: 'English', locale: 'en-GB', site_name: 'Old Herald', time_zone: 'Asia/Baku', is_default: 1, position: 0 }).execute();
    await db.close();
    const file = path.join(tmp, 'older.tar.gz');
    const made = await dateline(['backup', '--out', file], { DATA_DIR: dataDir });
    expect(made.code, made.stderr).toBe(0);

    const target = await freshSqliteTarget();
    const restored = await dateline(['restore', file], { DATA_DIR: target.dataDir });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Applied migrations: ${names.at(-1) as string}`);
    expect(restored.stdout).toContain('then applied 1 newer migrations');
    const back = connect({ sqliteFile: target.sqliteFile as string });
    try {
      expect(await back.kysely.selectFrom('editions').select('site_name').execute()).toEqual([{ site_name: 'Old Herald' }]);
    } finally {
      await back.close();
      await target.destroy();
    }
  });
});
