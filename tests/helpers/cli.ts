import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `dateline <args>` in this process, as the installed command would run it (same commands,
 * exit codes and output), with the environment given here instead of the process's and
 * `input` as a piped (not a terminal) standard input. Starting a TypeScript loader for each call
 * took seconds; one real process is kept in cli.test.ts to check the entry point itself.
 */
export async function dateline(args: string[], env: Record<string, string> = {}, input = ''): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: { LOG_LEVEL: 'silent', ...env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([input]),
  });
  return { code, stdout, stderr };
}
