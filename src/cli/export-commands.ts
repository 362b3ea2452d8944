import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Config } from '../config/config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../server.js';
import type { Output } from './output.js';

/**
 * `dateline export` (a Dateline archive or a WordPress WXR file) and `dateline import dateline`
 * (restoring an archive); docs/export-format.md and decision 0018. Registered by program.ts with
 * the same output, configuration and exit as its own commands.
 */
export interface CommandContext {
  out: Output;
  /** For progress: bars and progress lines on standard error, so standard output stays the result. */
  progressOut: Output;
  config(): Config;
  /** Ends the command with this exit code. */
  exit(code: number): never;
}

const stamp = (now: Date) => now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

/** Reports a refused input or a damaged file as one clear line and exit code 1; anything else goes up. */
export async function refusals<T>(ctx: CommandContext, work: () => Promise<T>): Promise<T> {
  const { AppError } = await import('../lib/errors.js');
  const { TarError } = await import('../lib/tar.js');
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError || error instanceof TarError) {
      ctx.out.error(error.message, error instanceof AppError ? { code: error.code } : { code: 'archive_damaged' });
      return ctx.exit(1);
    }
    throw error;
  }
}

export type Bars = Map<string, ReturnType<Output['progress']>>;

/** One bar per stage of a long command; a stage's bar stops when the next stage starts. */
export function stageProgress(ctx: CommandContext, bars: Bars, labels: Record<string, string>, stage: string, done: number, total: number): void {
  for (const [name, bar] of bars) {
    if (name === stage) continue;
    bar.stop();
    bars.delete(name);
  }
  let bar = bars.get(stage);
  if (!bar) {
    bar = ctx.progressOut.progress(labels[stage] ?? stage);
    bars.set(stage, bar);
  }
  bar.update(done, total);
}

export function registerExportCommands(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description(
      'Write the whole site into one portable file: a Dateline archive (.tar.gz of documented JSON, articles as ninjs; see docs/export-format.md) that `dateline import dateline` restores, or a WordPress WXR 1.2 file (--format wxr). Users are exported without passwords or sessions, webhooks without secrets. Progress goes to standard error.',
    )
    .option('--out <file>', 'where to write (default: dateline-export-<date>.tar.gz, or .xml for wxr, in the current folder)')
    .addOption(new Option('--format <format>', 'dateline: the full archive; wxr: for WordPress\'s importer').choices(['dateline', 'wxr']).default('dateline'))
    .option('--edition <code>', 'only this edition\'s sections, tags and articles (users, authors, publications and media are site-wide)')
    .action(async (options: { out?: string; format: 'dateline' | 'wxr'; edition?: string }) => {
      const cfg = ctx.config();
      const db = openDatabase(cfg);
      try {
        await migrateToLatest(db);
        const now = new Date();
        const out = path.resolve(options.out ?? `dateline-export-${stamp(now)}.${options.format === 'wxr' ? 'xml' : 'tar.gz'}`);
        if (options.format === 'wxr') {
          const { exportWxr } = await import('../features/exports/wxr.service.js');
          const bar = ctx.progressOut.progress('Writing WordPress posts');
          const result = await refusals(ctx, () => exportWxr(db.kysely, { siteUrl: cfg.siteUrl, out, edition: options.edition, now, onProgress: bar.update }));
          bar.stop();
          ctx.out.info(`Wrote ${result.posts} posts, ${result.attachments} images, ${result.categories} categories, ${result.tags} tags and ${result.authors} authors to ${out} (${result.bytes} bytes) for WordPress's importer.`, { file: out, ...result });
          return;
        }
        const { exportArchive } = await import('../features/exports/export.service.js');
        const bars: Bars = new Map();
        const labels: Record<string, string> = { media: 'Exporting images', articles: 'Exporting articles', archive: 'Packing the archive' };
        const result = await refusals(ctx, () =>
          exportArchive(db.kysely, {
            dataDir: cfg.dataDir,
            siteUrl: cfg.siteUrl,
            out,
            edition: options.edition,
            now,
            onProgress: (stage, done, total) => {
              stageProgress(ctx, bars, labels, stage, done, total);
            },
          }),
        );
        for (const bar of bars.values()) bar.stop();
        const c = result.counts;
        ctx.out.info(`Exported ${c.articles} articles, ${c.media} images, ${c.sections} sections, ${c.tags} tags, ${c.authors} authors, ${c.publications} publications and ${c.users} users to ${out} (${result.bytes} bytes).`, { file: out, bytes: result.bytes, counts: c });
        if (result.missingOriginals) ctx.out.error(`${result.missingOriginals} images had no original file on disk; they are listed without one (file: null).`);
      } finally {
        await db.close();
      }
    });
}

/** The help of `dateline import dateline ARCHIVE` (the `import` command names its formats). */
export const DATELINE_IMPORT_HELP =
  'a Dateline archive (from `dateline export`): restored into this site, an empty one or an existing one (things already there, matched by slug, e-mail or storage key, are kept and not made twice); the whole archive is checked first; users come back without passwords';

/**
 * `dateline import dateline ARCHIVE`: restores an archive written by `dateline export`. The whole
 * archive is checked first (checksums, names, sizes); each article is restored with its children in
 * one transaction, so an import stopped halfway is completed by running it again.
 */
export async function restoreArchive(archive: string, ctx: CommandContext): Promise<void> {
  const cfg = ctx.config();
  const db = openDatabase(cfg);
  try {
    await migrateToLatest(db);
    const { importArchive } = await import('../features/exports/import.service.js');
    const bars: Bars = new Map();
    const labels: Record<string, string> = { check: 'Checking the archive', media: 'Restoring images', articles: 'Restoring articles' };
    const result = await refusals(ctx, () =>
      importArchive(db, {
        dataDir: cfg.dataDir,
        file: path.resolve(archive),
        onProgress: (stage, done, total) => {
          stageProgress(ctx, bars, labels, stage, done, total);
        },
      }),
    );
    for (const bar of bars.values()) bar.stop();
    const { created, existing } = result;
    ctx.out.info(
      `Restored ${created.articles} articles, ${created.media} images, ${created.sections} sections, ${created.tags} tags, ${created.entities} people, places and organisations, ${created.authors} authors, ${created.publications} publications and ${created.users} users; ${existing.articles} articles and ${existing.other} other things were already there.`,
      { created, existing },
    );
    if (created.users) ctx.out.info(`The ${created.users} restored users have no password yet: an admin sets one for each in the newsroom (Users). To log in at all, create an admin under another address first: dateline user create --role admin --email <address>.`);
    for (const warning of result.warnings) ctx.out.error(warning);
  } finally {
    await db.close();
  }
}
