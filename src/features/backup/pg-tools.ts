import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BackupRefused } from './backup-manifest.js';

/**
 * pg_dump and pg_restore, found on PATH and run with the connection of DATABASE_URL. The password,
 * if the URL has one, goes to the tool in PGPASSWORD rather than on its command line, where any
 * user of the machine could read it (`ps`).
 */

export function findTool(name: string, pathVariable: string | undefined): string | undefined {
  for (const dir of (pathVariable ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** The major version from `pg_dump --version` ("pg_dump (PostgreSQL) 15.20 (Debian ...)" -> 15; "9.6.24" -> 9.6's 9). */
export function parseToolMajor(text: string): number | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The major version of a server from server_version_num (150020 -> 15; 90624 -> 9). */
export const serverMajor = (versionNumber: number): number => Math.floor(versionNumber / 10000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The URL without its password, and the environment that carries the password instead. */
function connection(databaseUrl: string, baseEnv: NodeJS.ProcessEnv): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const env = { ...baseEnv };
  if (url.password) {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
  }
  return { url: url.href, env };
}

export async function toolMajor(tool: string): Promise<number | undefined> {
  const { stdout } = await run(tool, ['--version'], process.env);
  return parseToolMajor(stdout);
}

/**
 * Finds pg_dump and checks it can dump this server: pg_dump refuses servers newer than itself
 * ("server version mismatch"), so say that first, in words, before anything is written.
 */
export async function checkPgDump(pathVariable: string | undefined, server: number): Promise<string> {
  const tool = findTool('pg_dump', pathVariable);
  if (!tool) {
    throw new BackupRefused(
      'pg_dump was not found on PATH. A PostgreSQL backup is made with pg_dump (Debian/Ubuntu: apt install postgresql-client-<major version of the server>); install it, or add its folder to PATH, and run dateline backup again.',
      'pg_dump_missing',
    );
  }
  const major = await toolMajor(tool);
  if (major === undefined) throw new BackupRefused(`${tool} --version did not say which PostgreSQL version it is; is it pg_dump?`, 'pg_dump_unknown');
  if (major < serverMajor(server)) {
    throw new BackupRefused(
      `${tool} is version ${major}, older than the PostgreSQL server (${serverMajor(server)}): pg_dump can only dump servers of its own major version or older. Install the postgresql-client of version ${serverMajor(server)} or newer and put it first on PATH.`,
      'pg_dump_too_old',
    );
  }
  return tool;
}

/** `pg_dump --format=custom` of the database into `file`: one consistent snapshot (pg_dump runs in one repeatable-read transaction). */
export async function pgDump(tool: string, databaseUrl: string, file: string): Promise<void> {
  const { url, env } = connection(databaseUrl, process.env);
  const result = await run(tool, ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`], env);
  if (result.code !== 0) throw new BackupRefused(`pg_dump failed: ${result.stderr.trim() || `exit code ${String(result.code)}`}`, 'pg_dump_failed');
}

/**
 * `pg_restore` of a custom-format dump into the configured database, in one transaction (a
 * failure leaves the database as it was). `--clean --if-exists` drops the dump's objects first:
 * always needed when the target was migrated before (its tables exist, empty), and what --force
 * asks for when it holds a site.
 */
export async function pgRestore(pathVariable: string | undefined, databaseUrl: string, file: string): Promise<void> {
  const tool = findTool('pg_restore', pathVariable);
  if (!tool) throw new BackupRefused('pg_restore was not found on PATH. Install the PostgreSQL client tools (Debian/Ubuntu: apt install postgresql-client) and run dateline restore again. Nothing was restored.', 'pg_restore_missing');
  const { url, env } = connection(databaseUrl, process.env);
  const result = await run(tool, ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file], env);
  if (result.code !== 0) throw new BackupRefused(`pg_restore failed; the database was left as it was: ${result.stderr.trim() || `exit code ${String(result.code)}`}`, 'pg_restore_failed');
}
