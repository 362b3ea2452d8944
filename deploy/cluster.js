// @ts-check
/**
 * The recommended deployment on one machine, in one command (`npm run cluster`): PostgreSQL,
 * three Dateline instances sharing one data folder (so one media folder), and nginx in front with
 * deploy/nginx/dateline.conf, purged by the instances on every change (decision 0020).
 *
 *   npm run cluster                 # build, then start everything; Ctrl-C stops it all
 *   npm run cluster -- --help
 *
 * Environment: CLUSTER_PORT (nginx, default 8080), CLUSTER_INSTANCES (default 3),
 * CLUSTER_DATA_DIR (default ./data-cluster), CLUSTER_DATABASE (default dateline_cluster),
 * POSTGRES_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 * Needs nginx and libnginx-mod-http-cache-purge (Debian), and PostgreSQL: when it does not answer,
 * the script starts Debian's cluster with pg_ctlcluster if it can.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { NGINX, PURGE_MODULE, writeLocalNginx } from './nginx/local.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = path.join(ROOT, 'dist', 'cli', 'main.js');

const HELP = `Usage: npm run cluster [-- --help]

Starts PostgreSQL (if it is not running), ${'three'} Dateline instances on one database and one
shared data folder, and nginx in front of them with deploy/nginx/dateline.conf. A publish in the
newsroom of any instance shows on every instance and through nginx within a second.

  CLUSTER_PORT        nginx's port for readers (default 8080); purges on the next port
  CLUSTER_INSTANCES   how many instances (default 3), on ports 3101, 3102, ...
  CLUSTER_DATA_DIR    the shared data folder (default ./data-cluster): media, originals, wires
  CLUSTER_DATABASE    the PostgreSQL database (default dateline_cluster), made if missing
  POSTGRES_ADMIN_URL  where to make it (default postgres://postgres@127.0.0.1:5432/postgres)

Ctrl-C stops everything (the database and the data folder stay).`;

/** @param {string} name @param {number} fallback */
function whole(name, fallback) {
  const raw = process.env[name];
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${raw}".`);
  return Number(raw);
}

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let stopping = false;
function stopAll() {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

/** @param {number} port */
function answers(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** @param {string} what @param {() => Promise<boolean>} ready @param {number} seconds */
async function waitFor(what, ready, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await ready())) {
    if (stopping) throw new Error('stopped');
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** @param {string} url */
async function postgresAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(HELP);
    return;
  }
  const port = whole('CLUSTER_PORT', 8080);
  const count = whole('CLUSTER_INSTANCES', 3);
  const dataDir = path.resolve(process.env.CLUSTER_DATA_DIR || path.join(ROOT, 'data-cluster'));
  const database = process.env.CLUSTER_DATABASE || 'dateline_cluster';
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`CLUSTER_DATABASE must be a plain name (letters, digits, _), got "${database}".`);
  const adminUrl = process.env.POSTGRES_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!fs.existsSync(SERVER)) throw new Error('dist/ is missing: run `npm run build` first (`npm run cluster` does).');
  if (!fs.existsSync(NGINX) || !fs.existsSync(PURGE_MODULE)) throw new Error('nginx or its purge module is missing: apt-get install nginx libnginx-mod-http-cache-purge');

  console.log('1/4 PostgreSQL');
  if (!(await postgresAnswers(adminUrl))) {
    const versions = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql').sort() : [];
    const version = versions[versions.length - 1];
    if (!version) throw new Error(`PostgreSQL does not answer at ${adminUrl}, and no Debian cluster was found: apt-get install postgresql`);
    console.log(`    starting Debian's PostgreSQL ${version} cluster`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
    await waitFor('PostgreSQL', () => postgresAnswers(adminUrl), 30);
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`create database ${database}`);
  await admin.end();
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).href;
  console.log(`    database ${database}${exists.rowCount === 0 ? ' (made)' : ''}`);

  const purgePort = port + 1;
  const siteUrl = `http://localhost:${port}`;
  const mediaDir = path.join(dataDir, 'media');
  fs.mkdirSync(mediaDir, { recursive: true });
  const instancePorts = Array.from({ length: count }, (_, i) => 3101 + i);
  console.log(`2/4 ${count} Dateline instances on ports ${instancePorts.join(', ')} (data in ${dataDir})`);
  for (const [i, instancePort] of instancePorts.entries()) {
    const log = fs.openSync(path.join(dataDir, `instance-${i + 1}.log`), 'a');
    const child = spawn(process.execPath, [SERVER, 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(instancePort),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        SITE_URL: siteUrl,
        TRUST_PROXY: 'true',
        FRONT_CACHE_PURGE_URL: `http://127.0.0.1:${purgePort}`,
      },
      stdio: ['ignore', log, log],
    });
    children.push(child);
    child.once('exit', (code) => {
      if (!stopping) console.error(`instance ${i + 1} exited (${code}); see ${path.join(dataDir, `instance-${i + 1}.log`)}`);
    });
    // The first one migrates and seeds the demo; the others start once it answers.
    await waitFor(`instance ${i + 1}`, () => answers(instancePort), 300);
    console.log(`    instance ${i + 1}: http://127.0.0.1:${instancePort}`);
  }

  console.log(`3/4 nginx on ${siteUrl} (purges on 127.0.0.1:${purgePort})`);
  const nginxArgs = writeLocalNginx({ prefix: path.join(dataDir, 'nginx'), host: '127.0.0.1', port, purgePort, instancePorts, mediaDir });
  const nginx = spawn(NGINX, nginxArgs, { stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(nginx);
  await waitFor('nginx', () => answers(port), 10);

  console.log(`4/4 ready: ${siteUrl} (newsroom: ${siteUrl}/newsroom). Ctrl-C stops everything.`);
}

process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
main().catch((error) => {
  console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
  stopAll();
  process.exitCode = 1;
});
