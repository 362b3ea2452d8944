import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { dateline as runDateline } from './helpers/cli.js';

const run = promisify(execFile);
const CLI = path.resolve('src/cli/main.ts');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-cli-'));

const dateline = (args: string[], env: Record<string, string> = {}) => runDateline(args, { DATA_DIR: dataDir, ...env });
/** The CLI with `input` on its standard input (not a terminal), as a script would run it. */
const datelineWithInput = (args: string[], input: string) => runDateline(args, { DATA_DIR: dataDir }, input);

describe('dateline CLI', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it.each(['serve', 'migrate', 'seed', 'user create'])('explains %s with --help', async (command) => {
    const result = await dateline([...command.split(' '), '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: dateline ${command}`);
  });

  it('lists its commands', async () => {
    const result = await dateline(['--help']);
    expect(result.stdout).toMatch(/serve[\s\S]*migrate[\s\S]*seed/);
  });

  it('runs as a real process: the entry point parses its arguments and exits with their code', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', CLI, '--help'], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    expect(stdout).toContain('Usage: dateline [options] [command]');
    expect(stdout).toMatch(/serve[\s\S]*migrate[\s\S]*seed/);
    const refused = await run(process.execPath, ['--import', 'tsx', CLI, 'migrate'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: 'mysql://nope' } }).catch((error: unknown) => error as { code: number; stderr: string });
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('Invalid configuration: DATABASE_URL') });
    // Two cold starts through tsx: well over 15 s each when the machine is busy with other files.
  }, 90_000);

  it('stops with a message naming a bad variable', async () => {
    const result = await dateline(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid configuration: DATABASE_URL');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('migrates an empty SQLite database, then finds it up to date', async () => {
    expect((await dateline(['migrate'])).stdout).toContain('Applied migrations: 20261124T1500-initial');
    expect((await dateline(['migrate'])).stdout).toContain('The database is up to date.');
    expect(fs.existsSync(path.join(dataDir, 'dateline.sqlite'))).toBe(true);
  });

  it('creates newsroom users, asking for the password on standard input when not given', async () => {
    const made = await dateline(['user', 'create', '--email', 'Chief@Newsroom.example', '--role', 'admin', '--name', 'Chief Editor', '--password', 'a long enough passphrase']);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/Created admin chief@newsroom\.example \(user \d+\)/);
    const piped = await datelineWithInput(['user', 'create', '--email', 'writer@newsroom.example'], 'another long passphrase\n');
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toContain('Created writer writer@newsroom.example');
    const again = await dateline(['user', 'create', '--email', 'chief@newsroom.example', '--password', 'a long enough passphrase']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('There is already a user with the e-mail address chief@newsroom.example.');
    const weak = await dateline(['user', 'create', '--email', 'short@newsroom.example', '--password', 'short']);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('at least 10 characters');
    const badRole = await dateline(['user', 'create', '--email', 'x@newsroom.example', '--role', 'owner', '--password', 'a long enough passphrase']);
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain("Allowed choices are admin, editor, writer");
  });
});
