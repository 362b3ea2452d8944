import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { AppError } from '../../../lib/errors.js';
import { ImportFileError, type ImportReader } from '../import-record.js';
import { runImport } from '../import.service.js';
import { importFormat } from '../readers/index.js';
import type { ImportRunner } from './import-runner.js';

export interface EngineRunnerDeps {
  dataDir: string;
  allowPrivate: boolean;
  clock: () => Date;
}

/**
 * The import engine behind the newsroom's Import page: the format's reader (Ghost's with the site
 * address the form gave) and `runImport`, exactly as `dateline import` runs them. A file that is
 * not of its format is refused with the reader's words before anything is imported.
 */
export function engineImportRunner(db: Kysely<Database>, deps: EngineRunnerDeps): ImportRunner {
  return {
    async run(input, onProgress) {
      let reader: ImportReader;
      try {
        const format = importFormat(input.format);
        if (!format) throw new AppError(400, 'import_format', `Dateline cannot import "${input.format}" files yet.`);
        reader = await format.open(input.file, { siteUrl: input.siteUrl });
      } catch (error) {
        if (error instanceof ImportFileError) throw new AppError(400, 'import_file', `The file cannot be imported: ${error.message}. Nothing was imported.`);
        throw error;
      }
      return runImport(db, reader, {
        dataDir: deps.dataDir,
        edition: input.edition,
        sectionMap: input.sectionMap,
        dryRun: input.dryRun,
        allowPrivate: deps.allowPrivate,
        clock: deps.clock,
        onProgress: (p) => onProgress({ bytesRead: p.bytesRead, bytesTotal: p.bytesTotal, items: p.items }),
      });
    },
  };
}
