import os from 'node:os';
import cliProgress from 'cli-progress';

/**
 * What the CLI prints, its own messages and the server's logs alike, in one format: on a terminal
 * plain lines for a person ("12:04:31 Dateline is serving http://localhost:3000 …"), otherwise JSON
 * lines in the shape pino (Fastify's logger) writes, so a log collector reads every line the
 * same way. Before this, `npm start` mixed plain sentences with JSON log lines.
 */

type Fields = Record<string, unknown>;

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export interface Output {
  /** Human lines (a terminal) or JSON lines. */
  readonly human: boolean;
  info(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  /** A bar on a terminal; otherwise a line every tenth of the way. */
  progress(label: string): Progress;
  /** For the server's logger (pino writes one JSON line per call): passed on as it is, or made human. */
  readonly logStream: { write(line: string): void };
}

interface Writable {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

// pino's numeric levels (https://getpino.io/#/docs/api?id=loggerlevels).
const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
// What pino adds to every line and a person does not need to read.
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'v']);

const clock = (time: number) => new Date(time).toTimeString().slice(0, 8);

function value(v: unknown): string {
  if (typeof v === 'string') return /\s|"/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? String(v);
}

/** One pino record as a line for a person: time, level when it is not info, message, the rest as key=value. */
export function humanLine(record: Fields): string {
  const level = typeof record.level === 'number' ? (LEVELS[record.level] ?? String(record.level)) : 'info';
  const time = typeof record.time === 'number' ? record.time : Date.now();
  const err = record.err as { message?: string; stack?: string } | undefined;
  const rest = Object.entries(record)
    .filter(([k, v]) => !HIDDEN.has(k) && k !== 'err' && v !== undefined)
    .map(([k, v]) => `${k}=${value(v)}`);
  const parts = [clock(time), level === 'info' ? '' : level.toUpperCase(), String(record.msg ?? ''), ...rest].filter(Boolean);
  const stack = err?.stack ?? err?.message;
  return `${parts.join(' ')}${stack ? `\n${stack}` : ''}\n`;
}

export function createOutput(options: { stdout?: Writable; stderr?: Writable; human?: boolean; now?: () => number } = {}): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const human = options.human ?? stdout.isTTY === true;
  const now = options.now ?? Date.now;
  const base = { pid: process.pid, hostname: os.hostname() };

  const emit = (level: number, msg: string, fields: Fields = {}) => {
    const record = { level, time: now(), ...base, msg, ...fields };
    // A command's errors on stderr, in either format, where shells and scripts look for them.
    (level >= 50 ? stderr : stdout).write(human ? humanLine(record) : `${JSON.stringify(record)}\n`);
  };

  const progress = (label: string): Progress => {
    if (human && stderr.isTTY) {
      const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta}s`, stream: stderr as NodeJS.WritableStream }, cliProgress.Presets.shades_classic);
      let started = false;
      return {
        update: (done, total) => {
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        },
        stop: () => started && bar.stop(),
      };
    }
    let lastTenth = -1;
    return {
      update: (done, total) => {
        const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        emit(30, `${label}: ${done}/${total}`, { done, total });
      },
      stop: () => {},
    };
  };

  return {
    human,
    info: (msg, fields) => emit(30, msg, fields),
    error: (msg, fields) => emit(50, msg, fields),
    progress,
    logStream: {
      write(line: string) {
        if (!human) {
          stdout.write(line);
          return;
        }
        try {
          const record = JSON.parse(line) as Fields;
          (typeof record.level === 'number' && record.level >= 50 ? stderr : stdout).write(humanLine(record));
        } catch {
          stdout.write(line);
        }
      },
    },
  };
}
