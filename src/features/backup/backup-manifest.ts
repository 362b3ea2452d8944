import { AppError } from '../../lib/errors.js';

/**
 * The manifest of a backup (decision 0030): what a restore checks before it touches anything. A
 * backup is a tar (gzipped unless `--no-gzip`) of the database copy, the media files and this
 * manifest, written last because the checksums are taken while the files are streamed into the
 * archive (one read of each file, and the bytes summed are the bytes stored). Pure rules here; the
 * service does the I/O.
 */

export const BACKUP_FORMAT = 'dateline-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

/** The database inside the archive: SQLite's file as the online backup API wrote it, or pg_dump's custom format. */
export const DATABASE_MEMBER = { sqlite: 'database/dateline.sqlite', postgres: 'database/dateline.pgdump' } as const;

/** The folders of the data directory that hold media: public renditions and the private originals (media.service.ts). */
export const MEDIA_FOLDERS = ['media', 'originals'] as const;

export type Engine = keyof typeof DATABASE_MEMBER;

export interface BackupFile {
  name: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  datelineVersion: string;
  engine: Engine;
  /** SQLite's library version, or the PostgreSQL server's (`server_version`). */
  engineVersion: string;
  /** The migrations applied to the database when it was copied, in order. */
  migrations: string[];
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Every other member, in archive order. */
  files: BackupFile[];
  /** Media rows whose files were missing when the backup was made. */
  warnings: string[];
}

export class BackupRefused extends AppError {
  constructor(message: string, code = 'backup_refused') {
    super(400, code, message);
  }
}

const damaged = (detail: string) => new BackupRefused(`The backup is damaged or not a Dateline backup: ${detail} Nothing was restored.`, 'backup_damaged');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Reads and checks a manifest's shape; throws a BackupRefused saying what is wrong. */
export function parseManifest(text: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged(`${MANIFEST_NAME} is not JSON.`);
  }
  if (!isObject(json) || json.format !== BACKUP_FORMAT) throw damaged(`${MANIFEST_NAME} does not say format "${BACKUP_FORMAT}" (an archive from \`dateline export\` is restored with \`dateline import dateline\`).`);
  if (json.formatVersion !== BACKUP_VERSION) {
    throw new BackupRefused(`The backup is in version ${String(json.formatVersion)} of the backup format; this Dateline reads version ${BACKUP_VERSION}. Restore it with the Dateline version that wrote it (${String(json.datelineVersion)}) or a newer one.`, 'backup_version');
  }
  if (json.engine !== 'sqlite' && json.engine !== 'postgres') throw damaged('its engine is neither sqlite nor postgres.');
  if (!isStringList(json.migrations) || !isStringList(json.warnings)) throw damaged('its migrations or warnings are not lists of names.');
  if (typeof json.createdAt !== 'string' || typeof json.datelineVersion !== 'string' || typeof json.engineVersion !== 'string') throw damaged('it lacks its creation time or versions.');
  if (!Array.isArray(json.files)) throw damaged('it has no file list.');
  for (const f of json.files as unknown[]) {
    if (!isObject(f) || typeof f.name !== 'string' || !Number.isSafeInteger(f.size) || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) throw damaged('an entry of its file list is not a name, a size and a SHA-256.');
  }
  const manifest = json as unknown as BackupManifest;
  if (!manifest.files.some((f) => f.name === DATABASE_MEMBER[manifest.engine])) throw damaged(`it lists no ${DATABASE_MEMBER[manifest.engine]}.`);
  return manifest;
}

/**
 * Compares the files found in the archive (name -> size and SHA-256 as read back) with the
 * manifest: the same names, none missing, none extra, every size and checksum equal.
 */
export function compareFiles(manifest: BackupManifest, found: ReadonlyMap<string, { size: number; sha256: string }>): void {
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.name);
    const got = found.get(file.name);
    if (!got) throw damaged(`${file.name} is listed in the manifest but missing from the archive.`);
    if (got.size !== file.size) throw damaged(`${file.name} is ${got.size} bytes; the manifest says ${file.size}.`);
    if (got.sha256 !== file.sha256) throw damaged(`${file.name} fails its SHA-256 checksum.`);
  }
  for (const name of found.keys()) if (!listed.has(name)) throw damaged(`${name} is in the archive but not in its manifest.`);
}

/** The refusal for a backup of one engine restored into the other. */
export function engineMismatch(backup: Engine, target: Engine): BackupRefused {
  const name = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
  return new BackupRefused(
    `This is a ${name[backup]} backup and this Dateline is configured for ${name[target]}${target === 'postgres' ? ' (DATABASE_URL is set)' : ' (DATABASE_URL is not set)'}. A backup restores into the same engine only; to move a site between engines, use \`dateline export\` on the old site and \`dateline import dateline ARCHIVE\` on the new one.`,
    'backup_engine_mismatch',
  );
}
