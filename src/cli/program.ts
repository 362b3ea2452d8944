import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase, startServer } from '../server.js';
import { registerBackupCommands } from './backup-commands.js';
import { DATELINE_IMPORT_HELP, registerExportCommands, restoreArchive } from './export-commands.js';
import { addImportCommands } from './import-commands.js';
import { createOutput, type Output } from './output.js';

/**
 * Where a run of the CLI reads and writes: the process's own streams and environment (main.ts),
 * or captured ones, so that tests run commands in-process instead of starting a TypeScript loader
 * for every call.
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  /** Standard output and error: human lines when stdout is a terminal, JSON lines otherwise (output.ts). */
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

export const processIo: CliIo = { env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

/** Ends a command with an exit code, without ending the process that runs it. */
class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

type Database = ReturnType<typeof openDatabase>;

/** Rebuilds the search index with a progress bar. */
async function reindex(out: Output, db: Database, batchSize?: number): Promise<void> {
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
async function needsIndexing(db: Database, applied: string[]): Promise<boolean> {
  const { SEARCH_MIGRATION, articleCount } = await import('../features/search/search.service.js');
  return applied.includes(SEARCH_MIGRATION) && (await articleCount(db.kysely)) > 0;
}

async function indexAfterMigration(out: Output, db: Database, applied: string[]): Promise<void> {
  if (await needsIndexing(db, applied)) await reindex(out, db);
}

function reportMigrations(out: Output, applied: string[], dialect: string): void {
  if (applied.length) out.info(`Applied migrations: ${applied.join(', ')}`, { database: dialect });
}

async function seed(out: Output, cfg: Config, db: Database): Promise<void> {
  // Loaded only when needed: the demo content is the largest module of the app.
  const { seedDemo } = await import('../demo/seed.js');
  const bar = out.progress('Adding demo articles');
  const result = await seedDemo(db.kysely, { dataDir: cfg.dataDir, onProgress: bar.update });
  bar.stop();
  if (!result.seeded) return out.info('The database already has articles; demo content not added.');
  out.info(`Seeded ${result.articles} demo articles.`, { articles: result.articles });
  const wires = result.wires;
  if (wires) {
    out.info(`Seeded ${wires.reports} demo wire reports from ${wires.feeds} agencies' drop folders${wires.groups ? `, ${wires.groups} of their stories told by several` : ''}: see Wires in the newsroom.`, {
      reports: wires.reports,
      groups: wires.groups,
      feeds: wires.feeds,
    });
    for (const problem of wires.problems) out.error(`Demo agency: ${problem}`);
  }
}

/** The `dateline` commands, writing to `io`; commander's exits become CommanderErrors (see runCli). */
export function createProgram(io: CliIo): Command {
  // Every message of every command, and the server's logs, in one format (see output.ts).
  const out = createOutput({ stdout: io.stdout, stderr: io.stderr });
  const write = (stream: CliIo['stdout']) => (text: string) => void stream.write(text);

  function config(): Config {
    try {
      return loadConfig(io.env);
    } catch (error) {
      if (error instanceof ConfigError) {
        out.error(error.message);
        throw new CliExit(2);
      }
      throw error;
    }
  }

  const program = new Command()
    .name('dateline')
    .description('Dateline, a news publishing platform. Configuration comes from the environment (see README).')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: write(io.stdout), writeErr: write(io.stderr) });

  program
    .command('serve')
    .description('Migrate the database, add demo content to an empty one, and serve the site. SIGTERM or SIGINT stops it gracefully (requests in flight and running jobs finish, STOP_TIMEOUT_MS at most); a second signal exits at once.')
    .addOption(new Option('--no-demo', 'do not add demo content (same as SEED_DEMO=false)'))
    .action(async (options: { demo: boolean }) => {
      const cfg = config();
      const db = openDatabase(cfg);
      const applied = await migrateToLatest(db);
      reportMigrations(out, applied, db.dialect);
      // The demo content first (it indexes its articles as it writes them), then the articles that
      // were there before the search index, if any.
      const index = await needsIndexing(db, applied);
      if (options.demo && cfg.seedDemo) await seed(out, cfg, db);
      if (index) await reindex(out, db);
      const server = await startServer(cfg, db, { logStream: out.logStream });
      // The first SIGTERM or SIGINT stops gracefully (server.ts, decision 0028); a second one ends the process at once.
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) {
          out.error(`${signal} again: exiting without waiting.`);
          process.exit(1);
        }
        stopping = true;
        out.info(`${signal}: stopping gracefully (a second ${signal} exits at once).`);
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            out.error(`The stop failed: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });

  program
    .command('migrate')
    .description('Apply pending database migrations, then exit.')
    .action(async () => {
      const db = openDatabase(config());
      const applied = await migrateToLatest(db);
      if (applied.length) reportMigrations(out, applied, db.dialect);
      else out.info('The database is up to date.');
      await indexAfterMigration(out, db, applied);
      await db.close();
    });

  program
    .command('seed')
    .description('Migrate, then fill an empty database with demo content (does nothing if articles exist).')
    .action(async () => {
      const cfg = config();
      const db = openDatabase(cfg);
      const applied = await migrateToLatest(db);
      reportMigrations(out, applied, db.dialect);
      const index = await needsIndexing(db, applied);
      await seed(out, cfg, db);
      if (index) await reindex(out, db);
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
      await reindex(out, db, Number(options.batchSize));
      await db.close();
    });

  /** A password typed without echo on a terminal, or the first line of piped input. */
  async function readPassword(prompt: string): Promise<string> {
    const { createInterface } = await import('node:readline');
    const { Writable } = await import('node:stream');
    const tty = io.stdin.isTTY === true;
    let muted = false;
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (!muted) io.stdout.write(chunk.toString());
        done();
      },
    });
    const rl = createInterface({ input: io.stdin, output, terminal: tty });
    return new Promise((resolve) => {
      rl.question(prompt, (answer) => {
        rl.close();
        if (tty) io.stdout.write('\n');
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
      await indexAfterMigration(out, db, await migrateToLatest(db));
      const { createUser } = await import('../features/users/user.service.js');
      const { AppError } = await import('../lib/errors.js');
      try {
        const password = options.password ?? (await readPassword('Password: '));
        const created = await createUser(db.kysely, null, { email: options.email, role: options.role, name: options.name ?? options.email.split('@')[0] ?? options.email, password });
        out.info(`Created ${created.role} ${created.email} (user ${created.id}). Log in at /newsroom.`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        out.error(error.message);
        throw new CliExit(1);
      } finally {
        await db.close();
      }
    });

  const exportContext = { out, progressOut: createOutput({ stdout: io.stderr, stderr: io.stderr, human: out.human }), config, exit: (code: number): never => { throw new CliExit(code); } };
  registerExportCommands(program, exportContext);
  addImportCommands(program, {
    io,
    out,
    config,
    exit: (code) => {
      throw new CliExit(code);
    },
    restoreArchive: { help: DATELINE_IMPORT_HELP, run: (archive) => restoreArchive(archive, exportContext) },
  });
  registerBackupCommands(program, {
    ...exportContext,
    env: io.env,
    migrate: async (db) => {
      const applied = await migrateToLatest(db);
      reportMigrations(out, applied, db.dialect);
      await indexAfterMigration(out, db, applied);
      return applied;
    },
  });

  return program;
}

/**
 * Runs one command line (the arguments after `dateline`) and returns its exit code: 0, 1 for a
 * refused input or a failure, 2 for bad configuration, commander's own code for usage errors.
 */
export async function runCli(args: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    await createProgram(io).parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CliExit) return error.code;
    if (error instanceof CommanderError) return error.exitCode;
    createOutput({ stdout: io.stdout, stderr: io.stderr }).error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
