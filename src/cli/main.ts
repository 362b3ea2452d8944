import { runCli } from './program.js';

// The process's own streams and environment; `serve` keeps running after runCli returns.
process.exitCode = await runCli(process.argv.slice(2));
