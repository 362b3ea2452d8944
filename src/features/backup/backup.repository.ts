import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/** The migrations applied to the database (Kysely's own table), in order; none when it was never migrated. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return rows.map((r) => r.name);
  } catch {
    return [];
  }
}

/** The storage keys of every media row: their files are the ones a backup must hold. */
export async function mediaStorageKeys(db: Db): Promise<string[]> {
  return (await db.selectFrom('media').select('storage_key').orderBy('id').execute()).map((r) => r.storage_key);
}

/** The PostgreSQL server's version number (`150020` for 15.20). */
export async function postgresVersionNumber(db: Db): Promise<number> {
  const { rows } = await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(db);
  return Number(rows[0]?.v);
}

export async function engineVersion(db: Db, engine: 'sqlite' | 'postgres'): Promise<string> {
  const { rows } = engine === 'sqlite' ? await sql<{ v: string }>`select sqlite_version() as v`.execute(db) : await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  return String(rows[0]?.v);
}

/** Tables whose rows make a site: a database with none in any of them is empty, whether migrated or not. */
const CONTENT_TABLES = ['editions', 'articles', 'users', 'media', 'authors', 'sections'] as const;

/** The content tables that have rows (none when the tables do not exist yet). */
export async function tablesWithRows(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const table of CONTENT_TABLES) {
    try {
      const row = await db.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
      if (row) found.push(table);
    } catch {
      // The table does not exist: a database that was never migrated.
    }
  }
  return found;
}
