import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import type { Database } from '../db/schema.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../server.js';
import { importFormat, IMPORT_FORMATS } from '../features/imports/readers/index.js';
import { changeOfAll } from '../features/changes/change.js';
import { PgChangeBus } from '../features/changes/pg-change-bus.js';
import type { Output } from './output.js';

/** What the import commands need from the program that registers them (program.ts). */
export interface ImportCommandDeps {
  io: { stdout: { write(text: string): unknown } };
  out: Output;
  config: () => Config;
  /** Ends the command with an exit code (program.ts's CliExit). */
  exit: (code: number) => never;
  /** `dateline import dateline ARCHIVE`: a Dateline archive is restored, not read as records (export-commands.ts). */
  restoreArchive?: { help: string; run: (archive: string) => Promise<void> };
}

/** "old=new,old2=new2" → { old: 'new', ... }. */
export function parseSectionMap(value: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(pair);
    if (!match) throw new InvalidArgumentError(`"${pair}" is not old=new (a category's slug, "=", one of our section slugs).`);
    map[decodeURIComponent(match[1] as string)] = match[2] as string;
  }
  return map;
}

interface ImportFlags {
  dryRun?: boolean;
  edition?: string;
  sectionMap?: Record<string, string>;
  uploads?: string;
  report?: string;
  allowPrivate?: boolean;
  siteUrl?: string;
}

/** `--site-url`: an http(s) address (the old site's, where its images and links lived). */
export function parseSiteUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not an address; give the old site's, such as https://old.example.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`"${value}" is not an http or https address.`);
  return url.href.replace(/\/$/, '');
}

/** `dateline import <format> FILE`: registered by program.ts with one line. */
export function addImportCommands(program: Command, deps: ImportCommandDeps): void {
  const { out } = deps;
  program
    .command('import')
    .description(
      'Import articles, sections, tags, authors and images from another system (formats below). ' +
        'Idempotent: running it again imports only what is not there yet; an interrupted import resumes. ' +
        'Every old address of an article answers 301 to its new one. Exit code 0 when all went in, 1 when a record failed or the file could not be read to its end.',
    )
    .argument('<format>', `the source format: ${[...IMPORT_FORMATS.map((f) => f.name), ...(deps.restoreArchive ? ['dateline'] : [])].join(', ')}`)
    .argument('<file>', 'the exported file (or, for ninjs, a folder of files)')
    .option('--dry-run', 'read and decide everything, write nothing and fetch no image; print the full report')
    .option('--edition <code>', 'the edition articles go to (default: the default edition); translations go to the edition in their language')
    .addOption(new Option('--section-map <old=new,...>', "send the source's categories to our sections, by slug").argParser(parseSectionMap))
    .option('--uploads <dir>', "a copy of the old site's uploads folder: images are read from there instead of fetched")
    .option('--report <file.json>', 'also write the report as JSON to this file')
    .addOption(new Option('--site-url <url>', "the old site's address, for files that do not say it (Ghost 4+ exports write __GHOST_URL__): its images are fetched from there").argParser(parseSiteUrl))
    .option('--allow-private', 'allow fetching images from private and loopback addresses (refused by default)')
    .addHelpText('after', () => `\nFormats:\n${IMPORT_FORMATS.map((f) => `  ${f.name}: ${f.description}`).join('\n')}${deps.restoreArchive ? `\n  dateline: ${deps.restoreArchive.help}` : ''}\n`)
    .action(async (formatName: string, file: string, flags: ImportFlags) => {
      const { ImportFileError } = await import('../features/imports/import-record.js');
      const { runImport, reportLines, writeReportJson, failedCount, ReportSpill } = await import('../features/imports/import.service.js');
      const { AppError } = await import('../lib/errors.js');
      if (formatName === 'dateline' && deps.restoreArchive) return deps.restoreArchive.run(file);
      const format = importFormat(formatName);
      if (!format) {
        out.error(`"${formatName}" is not a format Dateline imports; the formats are ${IMPORT_FORMATS.map((f) => f.name).join(', ')}.`);
        return deps.exit(2);
      }
      const cfg = deps.config();
      let reader;
      try {
        reader = await format.open(file, { siteUrl: flags.siteUrl });
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error;
        out.error(`${file}: ${error.message} Nothing was imported.`);
        return deps.exit(1);
      }
      const db = openDatabase(cfg);
      // The report's entries (one per record, one per old address) go to disk as they happen:
      // memory stays flat however large the archive.
      const spill = new ReportSpill(fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-import-report-')));
      try {
        await migrateToLatest(db);
        const bar = out.progress(flags.dryRun ? `Reading ${file} (dry run)` : `Importing ${file}`);
        let report;
        try {
          report = await runImport(db.kysely, reader, {
            dataDir: cfg.dataDir,
            edition: flags.edition,
            sectionMap: flags.sectionMap,
            uploadsDir: flags.uploads,
            dryRun: flags.dryRun === true,
            allowPrivate: flags.allowPrivate === true,
            entries: spill,
            // Kilobytes: the bar counts them.
            onProgress: (p) => bar.update(Math.round(p.bytesRead / 1024), Math.max(1, Math.round(p.bytesTotal / 1024))),
          });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          bar.stop();
          out.error(`${error.message} Nothing was imported.`);
          return deps.exit(1);
        }
        bar.stop();
        let chunk = '';
        for (const line of reportLines(report, spill)) {
          chunk += `${line}\n`;
          if (chunk.length > 64 * 1024) {
            deps.io.stdout.write(chunk);
            chunk = '';
          }
        }
        deps.io.stdout.write(chunk.slice(0, -1));
        if (flags.report) writeReportJson(flags.report, report, spill);
        if (!flags.dryRun && cfg.databaseUrl) await tellRunningInstances(cfg.databaseUrl, db.kysely);
        if (report.fileError) out.error(`${file} could not be read to its end: ${report.fileError}`);
        const failed = failedCount(report);
        if (failed) out.error(`${failed} record${failed === 1 ? '' : 's'} could not be imported; see the report.`);
        if (!report.ok) return deps.exit(1);
      } finally {
        spill.dispose();
        await db.close();
      }
    });
}

/**
 * On PostgreSQL, the instances serving the site hear through the change bus (decision 0020) that
 * everything may have changed, so that their cached pages show what was imported at once. (On
 * SQLite the server is one process that an import beside it cannot reach; its pages turn fresh
 * as they expire.)
 */
async function tellRunningInstances(databaseUrl: string, db: Kysely<Database>): Promise<void> {
  const bus = await PgChangeBus.start({ databaseUrl, db, pollMs: 60_000 });
  try {
    bus.announce(changeOfAll());
    await bus.flushed();
  } finally {
    await bus.close();
  }
}
