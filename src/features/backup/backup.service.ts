import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { connect, type Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { extractTarGz, isSafeMemberName, TarError } from '../../lib/tar.js';
import { datelineVersion } from '../exports/export.service.js';
import { hashFile, isGzip, writeBackupTar, type ArchiveMember } from './backup-archive.js';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupRefused, compareFiles, DATABASE_MEMBER, engineMismatch, MANIFEST_NAME, MEDIA_FOLDERS, parseManifest, type BackupManifest, type Engine } from './backup-manifest.js';
import { appliedMigrations, engineVersion, mediaStorageKeys, postgresVersionNumber, tablesWithRows } from './backup.repository.js';
import { checkPgDump, pgDump, pgRestore } from './pg-tools.js';
import { copySqlite } from './sqlite-copy.js';

/**
 * `dateline backup` and `dateline restore` (decision 0030): the whole database, byte for byte as
 * the engine keeps it, and every media file, in one archive with a manifest of checksums.
 */

export type BackupStage = 'database' | 'media' | 'archive' | 'check' | 'restore';
export type OnProgress = (stage: BackupStage, done: number, total: number) => void;

/** The database the command was configured with (server.ts openDatabase's choice). */
export interface Target {
  engine: Engine;
  dataDir: string;
  /** DATABASE_URL when the engine is PostgreSQL. */
  databaseUrl: string | undefined;
  /** The SQLite file when the engine is SQLite. */
  sqliteFile: string;
  /** Where pg_dump and pg_restore are looked for (the PATH of the command's environment). */
  pathVariable: string | undefined;
}

export interface BackupOptions extends Target {
  out: string;
  gzip: boolean;
  now: Date;
  onProgress?: OnProgress;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

const tempName = (dir: string, base: string) => path.join(dir, `.${base}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);

/** Every regular file under `root`, as paths relative to it with forward slashes, sorted. A folder that vanishes meanwhile is skipped. */
async function walk(root: string, prefix = '', files: string[] = []): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, prefix), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    // One list passed down (not spread up): a month folder may hold a million files.
    if (entry.isDirectory()) await walk(root, name, files);
    else if (entry.isFile()) files.push(name);
  }
  return files;
}

/**
 * A snapshot of a file. A complete image's files are written once and never changed in place, so
 * a hard link in the staging folder costs no copy and keeps the bytes even if the site deletes
 * the image while the archive is written; another file system, one without links, or `link`
 * false gets a copy.
 */
async function snapshotFile(from: string, to: string, link: boolean): Promise<boolean> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  try {
    if (link) {
      await fs.link(from, to);
      return true;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error;
  }
  try {
    await fs.copyFile(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A staging folder inside the data folder (the same file system as the media, for links and
 * atomic renames), named with our process id; those of processes that died (a crash, kill -9)
 * are removed first.
 */
async function stagingFolder(dataDir: string, kind: 'backup' | 'restore'): Promise<string> {
  await fs.mkdir(dataDir, { recursive: true });
  for (const name of await fs.readdir(dataDir)) {
    const pid = /^\.(?:backup|restore)-(\d+)-/.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !alive(Number(pid))) await fs.rm(path.join(dataDir, name), { recursive: true, force: true, maxRetries: 5 });
  }
  return fs.mkdtemp(path.join(dataDir, `.${kind}-${process.pid}-`));
}

/** Reads from a SQLite file through the app's own repository functions, then closes it. */
async function withSqlite<T>(file: string, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = connect({ sqliteFile: file });
  try {
    return await work(db.kysely);
  } finally {
    await db.close();
  }
}

/**
 * Makes a backup: the database first (a consistent copy), then the media files as they are after
 * it, so every image the copied database knows is there (an upload writes its files before its
 * row); images uploaded meanwhile come along unused. A media row without its files is a warning.
 * Written to a temporary name and renamed when complete: a crash leaves no half backup under the
 * final name.
 */
export async function createBackup(db: Db, options: BackupOptions): Promise<BackupResult> {
  const progress = options.onProgress ?? (() => {});
  const outDir = path.dirname(options.out);
  const outStat = await fs.stat(outDir).catch(() => undefined);
  if (!outStat?.isDirectory()) throw new BackupRefused(`The folder ${outDir} does not exist; create it or choose another --out.`);
  if (await fs.stat(options.out).catch(() => undefined)) throw new BackupRefused(`${options.out} already exists; choose another --out or move it away first.`);
  // Before anything is written: a PostgreSQL backup needs a pg_dump that can dump this server.
  const pgTool = options.engine === 'postgres' ? await checkPgDump(options.pathVariable, await postgresVersionNumber(db.kysely)) : undefined;

  if ((await appliedMigrations(db.kysely)).length === 0) throw new BackupRefused('The database has no Dateline tables (it was never migrated): is DATA_DIR or DATABASE_URL right? No backup was written.', 'backup_no_database');

  const staging = await stagingFolder(options.dataDir, 'backup');
  const temp = tempName(outDir, path.basename(options.out));
  try {
    const dbMember = DATABASE_MEMBER[options.engine];
    const dbCopy = path.join(staging, dbMember);
    await fs.mkdir(path.dirname(dbCopy), { recursive: true });
    let migrations: string[];
    let keys: string[];
    if (options.engine === 'sqlite') {
      await copySqlite(options.sqliteFile, dbCopy, (done, total) => progress('database', done, total));
      // What the copy holds, read from the copy itself.
      [migrations, keys] = await withSqlite(dbCopy, async (copy) => [await appliedMigrations(copy), await mediaStorageKeys(copy)]);
    } else {
      progress('database', 0, 1);
      await pgDump(pgTool as string, options.databaseUrl as string, dbCopy);
      progress('database', 1, 1);
      // Read after the dump: a superset of the dump's media rows, less any deleted meanwhile.
      [migrations, keys] = [await appliedMigrations(db.kysely), await mediaStorageKeys(db.kysely)];
    }
    const version = await engineVersion(db.kysely, options.engine);

    // The media as they are now, snapshotted by hard links: referenced images first, then the rest.
    const warnings: string[] = [];
    const all: string[] = [];
    for (const folder of MEDIA_FOLDERS) for (const file of await walk(path.join(options.dataDir, folder))) all.push(`${folder}/${file}`);
    // An image's files live in media/<storage key>/ and originals/<storage key>/: grouped by folder once.
    const byFolder = new Map<string, string[]>();
    for (const name of all) {
      const folder = name.slice(0, name.lastIndexOf('/'));
      const files = byFolder.get(folder);
      if (files) files.push(name);
      else byFolder.set(folder, [name]);
    }
    const referenced = new Set<string>();
    for (const key of keys) {
      const renditions = byFolder.get(`media/${key}`) ?? [];
      if (renditions.length === 0) warnings.push(`The image ${key} has a media row but no files under media/${key}/; it is in the backup without them.`);
      for (const name of [...renditions, ...(byFolder.get(`originals/${key}`) ?? [])]) referenced.add(name);
    }
    const ordered = [...referenced, ...all.filter((name) => !referenced.has(name))];
    const members: ArchiveMember[] = [{ name: dbMember, file: dbCopy }];
    let linked = 0;
    for (const name of ordered) {
      if (!isSafeMemberName(name)) {
        warnings.push(`${name} was left out: its name is not one a Dateline archive may hold.`);
        continue;
      }
      const copy = path.join(staging, 'files', name);
      // A file no copied row names may be an upload still being written: a copy of it stays
      // still while it is archived, where a link would grow under the archiver.
      if (await snapshotFile(path.join(options.dataDir, name), copy, referenced.has(name))) members.push({ name, file: copy });
      progress('media', ++linked, ordered.length);
    }

    const sizes = await Promise.all(members.map(async (m) => (await fs.stat(m.file)).size));
    const totalBytes = sizes.reduce((a, b) => a + b, 0);
    const manifestBase = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_VERSION,
      datelineVersion: await datelineVersion(),
      engine: options.engine,
      engineVersion: version,
      migrations,
      createdAt: options.now.toISOString(),
      warnings,
    } as const;
    let manifest: BackupManifest | undefined;
    await writeBackupTar(members, temp, {
      gzip: options.gzip,
      mtime: Math.floor(options.now.getTime() / 1000),
      onBytes: (bytes) => progress('archive', bytes, totalBytes),
      last: (files) => {
        manifest = { ...manifestBase, files };
        return { name: MANIFEST_NAME, body: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) };
      },
    });
    // On disk before it takes the final name, so the name never points at a file a power cut can empty.
    const handle = await fs.open(temp, 'r+');
    await handle.datasync();
    await handle.close();
    await fs.rename(temp, options.out);
    return { file: options.out, bytes: (await fs.stat(options.out)).size, manifest: manifest as BackupManifest };
  } catch (error) {
    await fs.rm(temp, { force: true });
    if (error instanceof TarError) throw new BackupRefused(`${error.message} No backup was written; run dateline backup again.`);
    throw error;
  } finally {
    await fs.rm(staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

export interface RestoreOptions extends Target {
  file: string;
  force: boolean;
  /** Opens the configured database (server.ts openDatabase), to see whether it is empty. */
  open: () => Db;
  onProgress?: OnProgress;
}

export interface RestoreResult {
  manifest: BackupManifest;
  files: number;
  bytes: number;
}

/** Generous: a backup is the site's own file, but it may still have been damaged or swapped. */
const LIMITS = { maxMemberBytes: 2 ** 40, maxTotalBytes: 2 ** 44, maxMembers: 50_000_000 };

/** What makes the target not empty: content tables with rows, media files; none means empty. */
async function whatIsThere(options: RestoreOptions): Promise<string[]> {
  const there: string[] = [];
  if (options.engine === 'postgres' || (await fs.stat(options.sqliteFile).catch(() => undefined))) {
    const db = options.open();
    try {
      const tables = await tablesWithRows(db.kysely);
      if (tables.length) there.push(`the database has ${tables.join(', ')}`);
    } finally {
      await db.close();
    }
  }
  for (const folder of MEDIA_FOLDERS) {
    if ((await walk(path.join(options.dataDir, folder))).length) there.push(`${path.join(options.dataDir, folder)} holds files`);
  }
  return there;
}

/**
 * Restores a backup into the configured database and data folder. The archive is unpacked into a
 * staging folder inside the data folder and every file checked against the manifest before
 * anything is touched; a target that holds a site is refused unless `force`. Then the database
 * (SQLite: the file renamed into place; PostgreSQL: pg_restore in one transaction), then the media
 * folders, each renamed into place. The caller runs the migrations afterwards.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const progress = options.onProgress ?? (() => {});
  const stat = await fs.stat(options.file).catch(() => undefined);
  if (!stat?.isFile()) throw new BackupRefused(`There is no backup at ${options.file}.`, 'backup_missing');
  const staging = await stagingFolder(options.dataDir, 'restore');
  try {
    progress('check', 0, stat.size);
    let names: string[];
    try {
      names = await extractTarGz(options.file, staging, LIMITS, undefined, { gzip: await isGzip(options.file) });
    } catch (error) {
      if (error instanceof TarError) throw new BackupRefused(`${error.message} Nothing was restored.`, 'backup_damaged');
      throw error;
    }
    if (!names.includes(MANIFEST_NAME)) throw new BackupRefused(`The file has no ${MANIFEST_NAME}: it is not a Dateline backup (or it is truncated). Nothing was restored.`, 'backup_damaged');
    const manifest = parseManifest(await fs.readFile(path.join(staging, MANIFEST_NAME), 'utf8'));
    if (manifest.engine !== options.engine) throw engineMismatch(manifest.engine, options.engine);
    const found = new Map<string, { size: number; sha256: string }>();
    let checked = 0;
    for (const name of names) {
      if (name === MANIFEST_NAME) continue;
      const hashed = await hashFile(path.join(staging, name));
      found.set(name, hashed);
      checked += hashed.size;
      progress('check', checked, stat.size);
    }
    compareFiles(manifest, found);

    const there = await whatIsThere(options);
    if (there.length && !options.force) {
      throw new BackupRefused(`The target is not empty (${there.join('; ')}). Restore into an empty database and data folder, or add --force to replace everything there with the backup.`, 'restore_target_not_empty');
    }

    const dbFile = path.join(staging, DATABASE_MEMBER[manifest.engine]);
    progress('restore', 0, 2);
    if (manifest.engine === 'sqlite') {
      // Another process with the database open (a running server) keeps its WAL file after our
      // connection closed (the last one to close removes it); replacing the file under it would
      // lose its writes or corrupt what it reads next.
      const wal = `${options.sqliteFile}-wal`;
      if (await fs.stat(wal).catch(() => undefined)) throw new BackupRefused(`${wal} exists: Dateline seems to be running on this database. Stop it, then restore.`, 'restore_target_in_use');
      await fs.rm(`${options.sqliteFile}-shm`, { force: true });
      await fs.mkdir(path.dirname(options.sqliteFile), { recursive: true });
      await fs.rename(dbFile, options.sqliteFile);
    } else {
      await pgRestore(options.pathVariable, options.databaseUrl as string, dbFile);
    }
    progress('restore', 1, 2);
    // Each media folder swapped whole: the old one moved aside into the staging folder (removed below).
    for (const folder of MEDIA_FOLDERS) {
      const current = path.join(options.dataDir, folder);
      const restored = path.join(staging, folder);
      await fs.rename(current, path.join(staging, `old-${folder}`)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      if (await fs.stat(restored).catch(() => undefined)) await fs.rename(restored, current);
    }
    progress('restore', 2, 2);
    return { manifest, files: manifest.files.length, bytes: manifest.files.reduce((sum, f) => sum + f.size, 0) };
  } finally {
    await fs.rm(staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}
