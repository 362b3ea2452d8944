#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase, startServer } from '../server.js';
import { createOutput } from './output.js';

// Every message of every command, and the server's logs, in one format (see output.ts).
const out = createOutput();

function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      out.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** Rebuilds the search index with a progress bar. */
async function reindex(db: ReturnType<typeof openDatabase>, batchSize?: number): Promise<void> {
  const { reindexAll } = await import('../features/search/search.service.js');
  const bar = out.progress('Indexing articles for search');
  const started = Date.now();
  const result = await reindexAll(db.kysely, { batchSize, onProgress: bar.update });
  bar.stop();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  out.info(`Indexed ${result.indexed} published articles of ${result.articles} in ${seconds} s.`, { indexed: result.indexed, articles: result.articles });
}

/**
 * Whether articles that existed before the migration that creates the search index need indexing
 * (once, when it is applied). Asked before the demo content is added: a database without
 * articles has nothing to index ("Indexed 0 of 0" read like a failure), and articles written
 * afterwards, the demo's included, are indexed as they are saved.
 */
async function needsIndexing(db: ReturnType<typeof openDatabase>, applied: string[]): Promise<boolean> {
  const { SEARCH_MIGRATION } = await import('../features/search/search.service.js');
  if (!applied.includes(SEARCH_MIGRATION)) return false;
  const { n } = await db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n) > 0;
}

async function indexAfterMigration(db: ReturnType<typeof openDatabase>, applied: string[]): Promise<void> {
  if (await needsIndexing(db, applied)) await reindex(db);
}

function reportMigrations(applied: string[], dialect: string): void {
  if (applied.length) out.info(`Applied migrations: ${applied.join(', ')}`, { database: dialect });
}

async function seed(cfg: Config, db: ReturnType<typeof openDatabase>): Promise<void> {
  // Loaded only when needed: the demo content is the largest module of the app.
  const { seedDemo } = await import('../demo/seed.js');
  const bar = out.progress('Adding demo articles');
  const result = await seedDemo(db.kysely, { dataDir: cfg.dataDir, onProgress: bar.update });
  bar.stop();
  out.info(result.seeded ? `Seeded ${result.articles} demo articles.` : 'The database already has articles; demo content not added.');
}

const program = new Command()
  .name('dateline')
  .description('Dateline, a news publishing platform. Configuration comes from the environment (see README).')
  .showHelpAfterError();

program
  .command('serve')
  .description('Migrate the database, add demo content to an empty one, and serve the site.')
  .addOption(new Option('--no-demo', 'do not add demo content (same as SEED_DEMO=false)'))
  .action(async (options: { demo: boolean }) => {
    const cfg = config();
    const db = openDatabase(cfg);
    const applied = await migrateToLatest(db);
    reportMigrations(applied, db.dialect);
    // The demo content first (it indexes its articles as it writes them), then the articles that
    // were there before the search index, if any.
    const index = await needsIndexing(db, applied);
    if (options.demo && cfg.seedDemo) await seed(cfg, db);
    if (index) await reindex(db);
    const server = await startServer(cfg, db, { logStream: out.logStream });
    const stop = async (signal: string) => {
      out.info(`${signal}: closing.`);
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });

program
  .command('migrate')
  .description('Apply pending database migrations, then exit.')
  .action(async () => {
    const db = openDatabase(config());
    const applied = await migrateToLatest(db);
    if (applied.length) reportMigrations(applied, db.dialect);
    else out.info('The database is up to date.');
    await indexAfterMigration(db, applied);
    await db.close();
  });

program
  .command('seed')
  .description('Migrate, then fill an empty database with demo content (does nothing if articles exist).')
  .action(async () => {
    const cfg = config();
    const db = openDatabase(cfg);
    const applied = await migrateToLatest(db);
    reportMigrations(applied, db.dialect);
    const index = await needsIndexing(db, applied);
    await seed(cfg, db);
    if (index) await reindex(db);
    await db.close();
  });

const search = program.command('search').description('The full-text search index of published articles.');

search
  .command('reindex')
  .description('Rebuild the search index of all published articles from the articles table, in batches (one transaction each), with progress.')
  .addOption(new Option('--batch-size <n>', 'articles per batch and transaction').default('500').argParser((value) => {
    if (!/^[1-9]\d{0,5}$/.test(value)) throw new InvalidArgumentError('a whole number from 1 to 999999');
    return Number(value);
  }))
  .action(async (options: { batchSize: number | string }) => {
    const db = openDatabase(config());
    await migrateToLatest(db);
    await reindex(db, Number(options.batchSize));
    await db.close();
  });

/** A password typed without echo on a terminal, or the first line of piped input. */
async function readPassword(prompt: string): Promise<string> {
  const { createInterface } = await import('node:readline');
  const { Writable } = await import('node:stream');
  const tty = process.stdin.isTTY === true;
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: tty });
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      if (tty) process.stdout.write('\n');
      resolve(answer);
    });
    muted = tty;
  });
}

const user = program.command('user').description('Newsroom user accounts.');

user
  .command('create')
  .description('Create a newsroom user (the first admin, for instance). Asks for the password when --password is not given.')
  .requiredOption('--email <address>', 'e-mail address, used to log in')
  .addOption(new Option('--role <role>', 'what the user may do').choices(['admin', 'editor', 'writer']).default('writer'))
  .option('--name <name>', 'the name shown in the newsroom (defaults to the part of the address before @)')
  .option('--password <password>', 'the password (avoid on shared machines: it stays in the shell history)')
  .action(async (options: { email: string; role: string; name?: string; password?: string }) => {
    const db = openDatabase(config());
    await indexAfterMigration(db, await migrateToLatest(db));
    const { createUser } = await import('../features/users/user.service.js');
    const { AppError } = await import('../lib/errors.js');
    try {
      const password = options.password ?? (await readPassword('Password: '));
      const created = await createUser(db.kysely, null, { email: options.email, role: options.role, name: options.name ?? options.email.split('@')[0] ?? options.email, password });
      out.info(`Created ${created.role} ${created.email} (user ${created.id}). Log in at /newsroom.`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      out.error(error.message);
      process.exitCode = 1;
    } finally {
      await db.close();
    }
  });

program.parseAsync().catch((error: unknown) => {
  out.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
