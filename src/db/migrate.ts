import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './connect.js';
import * as initial from './migrations/20261124T1500-initial.js';
import * as search from './migrations/20261124T1700-search.js';
import * as newsroom from './migrations/20261124T1900-newsroom.js';
import * as adminApi from './migrations/20261124T2100-admin-api.js';
import * as webhooks from './migrations/20261124T2200-webhooks.js';
import * as sectionRedirects from './migrations/20261124T2300-section-redirects.js';
import * as searchPg from './migrations/20261124T2400-search-pg.js';
import * as editionFooter from './migrations/20261203T2200-edition-footer.js';
import * as wires from './migrations/20261204T0300-wires.js';
import * as wireLog from './migrations/20261204T0500-wire-log-and-source-guid.js';
import * as imports from './migrations/20261204T1700-imports.js';
import * as structureTimes from './migrations/20261204T1710-structure-times.js';
import * as live from './migrations/20261205T0200-live.js';
import * as frontPage from './migrations/20261205T0300-front-page.js';
import * as changes from './migrations/20261205T0400-changes.js';
import * as entities from './migrations/20261205T0500-entities.js';
import * as leases from './migrations/20261205T0700-leases.js';
import * as suggestionRejections from './migrations/20261205T1000-suggestion-rejections.js';

// Listed here rather than read from a folder so that the built app and the tests run the same
// migrations without depending on where the files end up.
const migrations: Record<string, Migration> = {
  '20261124T1500-initial': initial,
  '20261124T1700-search': search,
  '20261124T1900-newsroom': newsroom,
  '20261124T2100-admin-api': adminApi,
  '20261124T2200-webhooks': webhooks,
  '20261124T2300-section-redirects': sectionRedirects,
  '20261124T2400-search-pg': searchPg,
  '20261203T2200-edition-footer': editionFooter,
  '20261204T0300-wires': wires,
  '20261204T0500-wire-log-and-source-guid': wireLog,
  '20261204T1700-imports': imports,
  '20261204T1710-structure-times': structureTimes,
  '20261205T0200-live': live,
  '20261205T0300-front-page': frontPage,
  '20261205T0400-changes': changes,
  '20261205T0500-entities': entities,
  '20261205T0700-leases': leases,
  '20261205T1000-suggestion-rejections': suggestionRejections,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The registered migrations this database has not applied (readiness, decision 0028); reading never creates Kysely's tables. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const migrations = await new Migrator({ db: db.kysely, provider }).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
