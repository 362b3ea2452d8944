import path from 'node:path';

/** Everything the process reads from its environment, validated once at start-up. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly siteUrl: string;
  readonly dataDir: string;
  /** PostgreSQL connection string; absent means the embedded SQLite file in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly logLevel: LogLevel;
  /** Fill an empty database with demo content at start. */
  readonly seedDemo: boolean;
  /** How many rendered pages the in-process page cache keeps. */
  readonly pageCacheEntries: number;
  readonly trustProxy: boolean;
  /** Origins allowed to call the content API from browsers; ['*'] for any. */
  readonly apiCorsOrigins: readonly string[];
  /** Content API requests per minute per client address. */
  readonly apiRateLimit: number;
  /** How often scheduled articles are checked for publishing, in milliseconds. */
  readonly schedulerIntervalMs: number;
  /**
   * Whether webhooks may be delivered to loopback and private-network addresses. Off unless
   * SITE_URL is on this machine (development), so that a webhook cannot reach what only the
   * server can (cloud metadata, internal services); docs/decisions/0009-webhooks-and-jobs.md.
   */
  readonly webhookAllowPrivate: boolean;
  /** Whether wire feeds may be polled from loopback and private-network addresses (WIRE_ALLOW_PRIVATE); the same default as webhooks. */
  readonly wireAllowPrivate: boolean;
  /** The largest file the newsroom's Import page accepts (IMPORT_UPLOAD_MAX_MB, 100 by default); larger files go through `dateline import`. */
  readonly importUploadMaxBytes: number;
  /** Whether imports run from the newsroom may fetch images from loopback and private-network addresses (IMPORT_ALLOW_PRIVATE); the same default as webhooks. */
  readonly importAllowPrivate: boolean;
  /** Where the front cache (nginx, deploy/nginx/dateline.conf) takes PURGE requests (FRONT_CACHE_PURGE_URL); none by default. */
  readonly frontCachePurgeUrl: string | undefined;
  /** Whether embed cards may be fetched from loopback and private-network addresses (EMBED_ALLOW_PRIVATE); the same default as webhooks. */
  readonly embedAllowPrivate: boolean;
  /** A port of its own for Prometheus's /metrics (METRICS_PORT); none by default. */
  readonly metricsPort: number | undefined;
  /** The address that port listens on (METRICS_HOST, 127.0.0.1 by default: metrics are not for readers). */
  readonly metricsHost: string;
  /** With it, /metrics on the main port answers `Authorization: Bearer <token>` (METRICS_TOKEN, 16 characters at least). */
  readonly metricsToken: string | undefined;
  /** How long a stop waits for requests in flight and running jobs before it ends them (STOP_TIMEOUT_MS, 25 s). */
  readonly stopTimeoutMs: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return Number(value);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name]?.toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}".`);
}

function url(name: string, value: string, protocols: string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `must be an absolute URL, got "${value}".`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${value}".`);
  }
  return parsed;
}

/** "*" or a comma-separated list of origins such as "https://app.example, https://m.example". */
function origins(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '' || value.trim() === '*') return ['*'];
  return value.split(',').map((origin) => {
    const trimmed = origin.trim();
    const parsed = url('API_CORS_ORIGINS', trimmed, ['http:', 'https:']);
    if (parsed.origin !== trimmed) throw new ConfigError('API_CORS_ORIGINS', `must list origins only (scheme, host and port), got "${trimmed}".`);
    return trimmed;
  });
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const siteUrl = url('SITE_URL', env.SITE_URL || `http://localhost:${port}`, ['http:', 'https:']);
  if (siteUrl.search || siteUrl.hash) throw new ConfigError('SITE_URL', 'must not have a query or fragment.');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl) url('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);
  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}".`);
  }
  return Object.freeze({
    port,
    host,
    siteUrl: siteUrl.href.replace(/\/$/, ''),
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    databaseUrl,
    logLevel: logLevel as LogLevel,
    seedDemo: boolean(env, 'SEED_DEMO', true),
    pageCacheEntries: integer(env, 'PAGE_CACHE_ENTRIES', 2000, 0, 1_000_000),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    apiCorsOrigins: Object.freeze(origins(env.API_CORS_ORIGINS)),
    apiRateLimit: integer(env, 'API_RATE_LIMIT', 600, 1, 1_000_000),
    schedulerIntervalMs: integer(env, 'SCHEDULER_INTERVAL_MS', 10_000, 100, 60_000),
    webhookAllowPrivate: boolean(env, 'WEBHOOK_ALLOW_PRIVATE', /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(siteUrl.hostname)),
    wireAllowPrivate: boolean(env, 'WIRE_ALLOW_PRIVATE', /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(siteUrl.hostname)),
    importUploadMaxBytes: integer(env, 'IMPORT_UPLOAD_MAX_MB', 100, 1, 100_000) * 1024 * 1024,
    importAllowPrivate: boolean(env, 'IMPORT_ALLOW_PRIVATE', /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(siteUrl.hostname)),
    frontCachePurgeUrl: env.FRONT_CACHE_PURGE_URL ? url('FRONT_CACHE_PURGE_URL', env.FRONT_CACHE_PURGE_URL, ['http:', 'https:']).href.replace(/\/$/, '') : undefined,
    embedAllowPrivate: boolean(env, 'EMBED_ALLOW_PRIVATE', /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(siteUrl.hostname)),
    ...metricsConfig(env, port),
    stopTimeoutMs: integer(env, 'STOP_TIMEOUT_MS', 25_000, 0, 600_000),
  });
}

/** METRICS_PORT, METRICS_HOST and METRICS_TOKEN (decision 0028). */
function metricsConfig(env: Env, port: number): Pick<Config, 'metricsPort' | 'metricsHost' | 'metricsToken'> {
  const metricsPort = env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 0, 65535) : undefined;
  // 0 asks the system for a free port (tests).
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) throw new ConfigError('METRICS_PORT', `must differ from PORT (${port}).`);
  const metricsHost = env.METRICS_HOST || '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]+$/.test(metricsHost)) throw new ConfigError('METRICS_HOST', `must be a host name or an IP address, got "${metricsHost}".`);
  if (env.METRICS_HOST && metricsPort === undefined) throw new ConfigError('METRICS_HOST', 'is used only with METRICS_PORT; set METRICS_PORT too.');
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,256}$/.test(metricsToken)) {
    throw new ConfigError('METRICS_TOKEN', 'must be 16 to 256 visible ASCII characters (no spaces); make one with `openssl rand -hex 24`.');
  }
  return { metricsPort, metricsHost, metricsToken };
}
