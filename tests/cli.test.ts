import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = path.resolve('src/cli/main.ts');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-cli-'));

async function dateline(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('dateline CLI', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it.each(['serve', 'migrate', 'seed'])('explains %s with --help', async (command) => {
    const result = await dateline([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: dateline ${command}`);
  });

  it('lists its commands', async () => {
    const result = await dateline(['--help']);
    expect(result.stdout).toMatch(/serve[\s\S]*migrate[\s\S]*seed/);
  });

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
});
