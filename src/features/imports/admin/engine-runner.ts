import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { AppError } from '../../../lib/errors.js';
import type { ImportRunner } from './import-runner.js';

export interface EngineRunnerDeps {
  dataDir: string;
  allowPrivate: boolean;
  clock: () => Date;
}

/**
 * The import engine behind the newsroom's Import page. INTERIM: the engine
 * (import.service.ts, readers/index.ts) is not on this branch yet; until it is merged, an import
 * started from the page stops with this message.
 */
export function engineImportRunner(_db: Kysely<Database>, _deps: EngineRunnerDeps): ImportRunner {
  return {
    run: async () => {
      throw new AppError(503, 'imports_unavailable', 'The import engine is not installed in this build.');
    },
  };
}
