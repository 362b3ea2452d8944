import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION, compareFiles, engineMismatch, parseManifest, type BackupManifest } from './backup-manifest.js';
import { parseToolMajor, serverMajor } from './pg-tools.js';

const SHA = 'a'.repeat(64);
const manifest = (over: Partial<BackupManifest> = {}): BackupManifest => ({
  format: BACKUP_FORMAT,
  formatVersion: BACKUP_VERSION,
  datelineVersion: '0.1.0',
  engine: 'sqlite',
  engineVersion: '3.53.2',
  migrations: ['20261124T1500-initial'],
  createdAt: '2026-06-15T09:00:00.000Z',
  files: [{ name: 'database/dateline.sqlite', size: 4096, sha256: SHA }, { name: 'media/k/480.jpg', size: 10, sha256: 'b'.repeat(64) }],
  warnings: [],
  ...over,
});

describe('parseManifest', () => {
  it('reads a well-formed manifest', () => {
    expect(parseManifest(JSON.stringify(manifest())).engine).toBe('sqlite');
  });

  it.each([
    ['not JSON', '{', /is not JSON/],
    ['an export archive', JSON.stringify({ format: 'dateline-archive' }), /dateline import dateline/],
    ['a newer format', JSON.stringify(manifest({ formatVersion: 2 })), /version 2 of the backup format; this Dateline reads version 1/],
    ['another engine name', JSON.stringify(manifest({ engine: 'mysql' as 'sqlite' })), /neither sqlite nor postgres/],
    ['a bad checksum field', JSON.stringify(manifest({ files: [{ name: 'database/dateline.sqlite', size: 1, sha256: 'xyz' }] })), /name, a size and a SHA-256/],
    ['no database member', JSON.stringify(manifest({ files: [] })), /lists no database\/dateline.sqlite/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseManifest(text)).toThrow(message);
  });
});

describe('compareFiles', () => {
  const found = () => new Map(manifest().files.map((f) => [f.name, { size: f.size, sha256: f.sha256 }]));

  it('accepts the same files', () => {
    expect(() => compareFiles(manifest(), found())).not.toThrow();
  });

  it('names a missing, extra, resized or altered file', () => {
    const missing = found();
    missing.delete('media/k/480.jpg');
    expect(() => compareFiles(manifest(), missing)).toThrow(/media\/k\/480.jpg is listed in the manifest but missing/);
    const extra = found().set('media/k/1200.jpg', { size: 1, sha256: SHA });
    expect(() => compareFiles(manifest(), extra)).toThrow(/media\/k\/1200.jpg is in the archive but not in its manifest/);
    expect(() => compareFiles(manifest(), found().set('media/k/480.jpg', { size: 11, sha256: 'b'.repeat(64) }))).toThrow(/is 11 bytes; the manifest says 10/);
    expect(() => compareFiles(manifest(), found().set('media/k/480.jpg', { size: 10, sha256: SHA }))).toThrow(/fails its SHA-256 checksum/);
  });
});

describe('engines and versions', () => {
  it('points a cross-engine restore to export and import', () => {
    expect(engineMismatch('postgres', 'sqlite').message).toMatch(/PostgreSQL backup .* configured for SQLite .*dateline export/);
  });

  it('reads the major versions of pg_dump and of the server', () => {
    expect(parseToolMajor('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toBe(15);
    expect(parseToolMajor('pg_dump (PostgreSQL) 9.6.24\n')).toBe(9);
    expect(parseToolMajor('something else')).toBeUndefined();
    expect(serverMajor(150020)).toBe(15);
    expect(serverMajor(90624)).toBe(9);
  });
});
