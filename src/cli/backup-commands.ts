import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Db } from '../db/connect.js';
import { openDatabase } from '../server.js';
import { refusals, stageProgress, type Bars, type CommandContext } from './export-commands.js';

/**
 * `dateline backup` and `dateline restore` (decision 0030): the whole database byte for byte plus
 * the media, for disaster recovery on the same engine. (`dateline export` is the portable archive
 * for moving a site between engines or versions.)
 */
export interface BackupContext extends CommandContext {
  /** The command's environment: PATH says where pg_dump and pg_restore are. */
  env: Record<string, string | undefined>;
  /** Applies pending migrations the way `dateline migrate` does (with its messages and any reindex). */
  migrate(db: Db): Promise<string[]>;
}

const stamp = (now: Date) => now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

const EXIT_CODES = 'Exit codes: 0 done; 1 refused or failed (the message says why; nothing half-written is left); 2 bad configuration.';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function target(ctx: BackupContext) {
  const cfg = ctx.config();
  return {
    cfg,
    target: {
      engine: cfg.databaseUrl ? ('postgres' as const) : ('sqlite' as const),
      dataDir: cfg.dataDir,
      databaseUrl: cfg.databaseUrl,
      sqliteFile: path.join(cfg.dataDir, 'dateline.sqlite'),
      pathVariable: ctx.env.PATH,
    },
  };
}

export function registerBackupCommands(program: Command, ctx: BackupContext): void {
  program
    .command('backup')
    .description(
      `Copy the whole database (SQLite: the online backup API, safe while the site serves and writes; PostgreSQL: pg_dump --format=custom, which must be on PATH and at least the server's major version) and every media file into one tar file with a manifest of SHA-256 checksums. Written under a temporary name and renamed when complete. Progress goes to standard error. Restore with \`dateline restore FILE\`. ${EXIT_CODES}`,
    )
    .option('--out <file>', 'where to write (default: dateline-backup-<date>.tar.gz, or .tar with --no-gzip, in the current folder); must not exist yet')
    .option('--no-gzip', 'write a plain tar (faster; images hardly compress, the database does)')
    .action(async (options: { out?: string; gzip: boolean }) => {
      const { cfg, target: t } = target(ctx);
      const now = new Date();
      const out = path.resolve(options.out ?? `dateline-backup-${stamp(now)}.${options.gzip ? 'tar.gz' : 'tar'}`);
      // Opening a SQLite file that is not there would create an empty one, and back that up.
      if (t.engine === 'sqlite' && !fs.existsSync(t.sqliteFile)) {
        ctx.out.error(`There is no database at ${t.sqliteFile}: is DATA_DIR right (or DATABASE_URL missing)?`, { code: 'backup_no_database' });
        return ctx.exit(1);
      }
      const db = openDatabase(cfg);
      try {
        const { createBackup } = await import('../features/backup/backup.service.js');
        const bars: Bars = new Map();
        const labels: Record<string, string> = { database: 'Copying the database (bytes)', media: 'Snapshotting media files (files)', archive: 'Writing the backup (bytes)' };
        const result = await refusals(ctx, () => createBackup(db, { ...t, out, gzip: options.gzip, now, onProgress: (stage, done, total) => stageProgress(ctx, bars, labels, stage, done, total) }));
        for (const bar of bars.values()) bar.stop();
        const m = result.manifest;
        for (const warning of m.warnings) ctx.out.error(`Warning: ${warning}`, { code: 'backup_warning' });
        ctx.out.info(`Backed up the ${m.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database (${m.migrations.length} migrations) and ${m.files.length - 1} media files to ${out} (${mb(result.bytes)}).`, {
          file: out,
          bytes: result.bytes,
          files: m.files.length,
          engine: m.engine,
          warnings: m.warnings.length,
        });
      } finally {
        await db.close();
      }
    });

  program
    .command('restore')
    .description(
      `Restore a backup made by \`dateline backup\` into the configured database (DATABASE_URL, or DATA_DIR's SQLite file) and DATA_DIR. The whole file is checked against its manifest first; a damaged or truncated backup is refused and nothing is touched. A target that already holds a site is refused unless --force. Then the database, then the media, then the migrations of this version (a backup from an older version is upgraded). Stop every Dateline instance on the target first. A backup restores into the same engine only; to move between SQLite and PostgreSQL use export and import. ${EXIT_CODES}`,
    )
    .argument('<file>', 'the backup file')
    .option('--force', 'replace the database and media already there')
    .action(async (file: string, options: { force?: boolean }) => {
      const { cfg, target: t } = target(ctx);
      const { restoreBackup } = await import('../features/backup/backup.service.js');
      const bars: Bars = new Map();
      const labels: Record<string, string> = { check: 'Checking the backup (bytes)', restore: 'Restoring the database and media' };
      const result = await refusals(ctx, () =>
        restoreBackup({ ...t, file: path.resolve(file), force: options.force === true, open: () => openDatabase(cfg), onProgress: (stage, done, total) => stageProgress(ctx, bars, labels, stage, done, total) }),
      );
      for (const bar of bars.values()) bar.stop();
      const db = openDatabase(cfg);
      try {
        const applied = await ctx.migrate(db);
        const m = result.manifest;
        ctx.out.info(`Restored the backup of ${m.createdAt} (Dateline ${m.datelineVersion}, ${m.files.length - 1} media files, ${mb(result.bytes)})${applied.length ? `, then applied ${applied.length} newer migrations` : ''}.`, {
          file: path.resolve(file),
          createdAt: m.createdAt,
          files: m.files.length,
          applied,
        });
        for (const warning of m.warnings) ctx.out.error(`Warning from the backup: ${warning}`, { code: 'backup_warning' });
      } finally {
        await db.close();
      }
    });
}
