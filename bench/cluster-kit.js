// @ts-check
/**
 * The recommended deployment for benches and the load test: a fresh PostgreSQL database,
 * N Dateline instances on it (the built server, demo content, one shared data folder), and nginx in
 * front with deploy/nginx/dateline.conf adapted to temporary paths and free ports as
 * `npm run cluster` does it (deploy/nginx/local.js). Or, for `single`, one instance on SQLite with
 * no nginx.
 *
 * Everything lives in a temporary folder and database removed by `stop()` (and on Ctrl-C).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { NGINX, PURGE_MODULE, writeLocalNginx } from '../deploy/nginx/local.js';
import { DIST, ROOT, scratch, serverNodeArgs } from './kit.js';

export const HOST = '127.0.0.1';
const SERVER_ENTRY = path.join(DIST, 'cli', 'main.js');

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Whether taskset can pin to CPUs 0 and 1 (Linux with two usable cores). */
export const pinnable = () => process.platform === 'linux' && ['0', '1'].every((cpu) => spawnSync('taskset', ['-c', cpu, 'true'], { stdio: 'ignore' }).status === 0);

/**
 * @typedef {{ status: number, headers: http.IncomingHttpHeaders, body: string }} Answer
 * @param {string} method @param {string} url @param {unknown} [body] @param {Record<string, string>} [headers] @param {number} [timeoutMs]
 * @returns {Promise<Answer>}
 */
export function request(method, url, body, headers = {}, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url, { method, agent: false, timeout: timeoutMs, headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}) } }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms from ${url}`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** Resident memory of a process in kB (VmRSS from /proc), undefined where unreadable. @param {number | undefined} pid */
export function rssKb(pid) {
  if (pid === undefined) return undefined;
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The pids of a process's children (its nginx workers), from /proc. @param {number | undefined} parent */
export function childPids(parent) {
  if (parent === undefined) return [];
  /** @type {number[]} */
  const pids = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) pids.push(Number(name));
    } catch {
      // gone
    }
  }
  return pids;
}

/** @param {string} what @param {() => Promise<boolean>} ready @param {number} seconds @param {() => string | undefined} [died] */
async function waitFor(what, ready, seconds, died) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (await ready()) return;
    const why = died?.();
    if (why) throw new Error(`${what} exited: ${why}`);
    if (Date.now() > deadline) throw new Error(`${what} did not answer within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** @param {string} file */
const tail = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(-2000) : '(no output)');

/**
 * @typedef {{ url: string, port: number, child: import('node:child_process').ChildProcess, log: string }} Instance
 * @typedef {{
 *   dir: string, dataDir: string, databaseUrl: string | undefined,
 *   instances: Instance[],
 *   nginx: { url: string, purgeUrl: string, child: import('node:child_process').ChildProcess, prefix: string } | undefined,
 *   front: string,
 *   apiKey: string,
 *   stop(): Promise<void>,
 * }} Cluster
 */

/**
 * Starts the deployment and returns it once every part answers, with an editor's admin API key.
 * @param {{
 *   instances?: number, single?: boolean, prefix: string, pinServers?: boolean,
 *   nginxServers?: (prefix: string) => string,
 *   workerProcesses?: number | 'auto',
 *   log?: (line: string) => void,
 * }} options nginxServers: more server blocks for nginx's http block (a baseline, say)
 * @returns {Promise<Cluster>}
 */
export async function startCluster(options) {
  const say = options.log ?? ((/** @type {string} */ line) => console.log(line));
  const single = options.single ?? false;
  const count = single ? 1 : (options.instances ?? 3);
  if (!fs.existsSync(SERVER_ENTRY)) throw new Error('dist/ is missing: run `npm run build` first.');
  if (!single && (!fs.existsSync(NGINX) || !fs.existsSync(PURGE_MODULE))) throw new Error('nginx or its purge module is missing: apt-get install nginx libnginx-mod-http-cache-purge');
  const tmp = scratch(options.prefix);
  const dataDir = path.join(tmp.dir, 'data');
  fs.mkdirSync(path.join(dataDir, 'media'), { recursive: true });
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve(undefined);
            });
            child.kill(child === nginxChild ? 'SIGQUIT' : 'SIGTERM');
          }),
      ),
    );
    await tmp.cleanUp();
  }
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let nginxChild;
  process.once('SIGTERM', () => void stop().finally(() => process.exit(143)));
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  try {
    const databaseUrl = single ? undefined : await tmp.createDatabase(`${options.prefix.replace(/[^a-z0-9]+/g, '_')}${process.pid}_${Date.now().toString(36)}`);
    const [port, purgePort] = single ? [0, 0] : [await freePort(), await freePort()];
    const instancePorts = [];
    for (let i = 0; i < count; i++) instancePorts.push(await freePort());
    const pin = options.pinServers && pinnable();
    /** @type {Instance[]} */
    const instances = [];
    for (const [i, instancePort] of instancePorts.entries()) {
      const log = path.join(tmp.dir, `instance-${i + 1}.log`);
      const out = fs.openSync(log, 'a');
      /** @type {NodeJS.ProcessEnv} */
      const env = {
        ...process.env,
        PORT: String(instancePort),
        HOST,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'true',
        API_RATE_LIMIT: '1000000',
        SCHEDULER_INTERVAL_MS: '60000',
        ...(single ? {} : { DATABASE_URL: databaseUrl, SITE_URL: `http://localhost:${port}`, TRUST_PROXY: 'true', FRONT_CACHE_PURGE_URL: `http://${HOST}:${purgePort}` }),
      };
      if (single) for (const name of ['DATABASE_URL', 'SITE_URL', 'TRUST_PROXY', 'FRONT_CACHE_PURGE_URL']) delete env[name];
      delete env.PAGE_CACHE_ENTRIES;
      const nodeArgs = [...serverNodeArgs(), SERVER_ENTRY, 'serve'];
      const child = spawn(pin ? 'taskset' : process.execPath, pin ? ['-c', '0', process.execPath, ...nodeArgs] : nodeArgs, { cwd: ROOT, env, stdio: ['ignore', out, out] });
      fs.closeSync(out);
      children.push(child);
      const url = `http://${HOST}:${instancePort}`;
      // The first one migrates and seeds the demo; the others start once it answers.
      await waitFor(`instance ${i + 1}`, async () => (await request('GET', `${url}/`, undefined, {}, 5000).catch(() => ({ status: 0 }))).status === 200, 300, () =>
        child.exitCode !== null ? tail(log) : undefined,
      );
      say(`  instance ${i + 1}: ${url} (pid ${child.pid})`);
      instances.push({ url, port: instancePort, child, log });
    }

    /** @type {Cluster['nginx']} */
    let nginx;
    if (!single) {
      const prefix = path.join(tmp.dir, 'nginx');
      const args = writeLocalNginx({
        prefix,
        host: HOST,
        port,
        purgePort,
        instancePorts,
        mediaDir: path.join(dataDir, 'media'),
        workerProcesses: options.workerProcesses,
        workerConnections: 4096,
        moreServers: options.nginxServers?.(prefix) ?? '',
      });
      const nginxLog = path.join(prefix, 'stderr.log');
      const out = fs.openSync(nginxLog, 'a');
      nginxChild = spawn(pin ? 'taskset' : NGINX, pin ? ['-c', '0', NGINX, ...args] : args, { stdio: ['ignore', out, out] });
      fs.closeSync(out);
      children.push(nginxChild);
      const child = nginxChild;
      await waitFor('nginx', async () => (await request('GET', `http://${HOST}:${port}/`, undefined, {}, 5000).catch(() => ({ status: 0 }))).status === 200, 20, () =>
        child.exitCode !== null ? `${tail(nginxLog)}${tail(path.join(prefix, 'error.log'))}` : undefined,
      );
      nginx = { url: `http://${HOST}:${port}`, purgeUrl: `http://${HOST}:${purgePort}`, child, prefix };
      say(`  nginx: ${nginx.url} (purges on ${purgePort}, pid ${child.pid})`);
    }

    // An editor's admin API key, made in the database the instances use.
    const { connect } = await import(path.join(DIST, 'db', 'connect.js'));
    const { createApiKey } = await import(path.join(DIST, 'features', 'api-keys', 'api-key.service.js'));
    const db = connect(databaseUrl ? { databaseUrl } : { sqliteFile: path.join(dataDir, 'dateline.sqlite') });
    const { key } = await createApiKey(db.kysely, { userId: null, role: 'admin', name: 'Benchmark' }, { name: 'Benchmark publisher', role: 'editor' });
    await db.close();

    return { dir: tmp.dir, dataDir, databaseUrl, instances, nginx, front: nginx?.url ?? /** @type {Instance} */ (instances[0]).url, apiKey: key, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Publishes a new invented article through the admin API of `base` (create, then publish, as a
 * newsroom tool would) and returns its address and headline with the times of both steps.
 * @param {string} base @param {string} apiKey @param {{ sectionId: number, authorId?: number, tag?: { type: string, name: string } }} where @param {string} headline
 * @param {(sentAt: number) => void} [onPublish] called as the publish request (after the create) is sent
 * @returns {Promise<{ ok: true, path: string, slug: string, publishMs: number, createMs: number, sentAt: number } | { ok: false, status: number, body: string }>}
 */
export async function publishArticle(base, apiKey, where, headline, onPublish) {
  const auth = { authorization: `Bearer ${apiKey}` };
  const t0 = performance.now();
  const created = await request(
    'POST',
    `${base}/api/v1/admin/articles`,
    {
      sectionId: where.sectionId,
      headline,
      standfirst: 'The harbour board met again on Thursday evening.',
      body: { version: 1, blocks: [{ type: 'paragraph', html: 'The board agreed to extend the night ferry once more.' }] },
      authorIds: where.authorId === undefined ? [] : [where.authorId],
      tags: where.tag ? [where.tag] : [],
    },
    auth,
  );
  if (created.status !== 201 && created.status !== 200) return { ok: false, status: created.status, body: created.body.slice(0, 300) };
  const { id } = JSON.parse(created.body);
  const sentAt = performance.now();
  onPublish?.(sentAt);
  const published = await request('POST', `${base}/api/v1/admin/articles/${id}/publish`, {}, auth);
  const done = performance.now();
  if (published.status >= 300) return { ok: false, status: published.status, body: published.body.slice(0, 300) };
  const answer = JSON.parse(published.body);
  return { ok: true, path: new URL(answer.url).pathname, slug: answer.slug, createMs: sentAt - t0, publishMs: done - sentAt, sentAt };
}

/**
 * What a publish needs from the demo content: the English sections, authors and tags.
 * @param {Cluster} cluster
 */
export async function demoTargets(cluster) {
  const { connect } = await import(path.join(DIST, 'db', 'connect.js'));
  const db = connect(cluster.databaseUrl ? { databaseUrl: cluster.databaseUrl } : { sqliteFile: path.join(cluster.dataDir, 'dateline.sqlite') });
  try {
    const sections = await db.kysely.selectFrom('sections').select(['id', 'slug']).where('edition', '=', 'en').execute();
    const authors = await db.kysely.selectFrom('authors').select('id').execute();
    const tags = await db.kysely.selectFrom('tags').select(['type', 'name']).where('edition', '=', 'en').execute();
    return { sections: /** @type {{ id: number, slug: string }[]} */ (sections), authors: /** @type {{ id: number }[]} */ (authors), tags: /** @type {{ type: string, name: string }[]} */ (tags) };
  } finally {
    await db.close();
  }
}

/**
 * Every English article page listed in the sitemaps of `base`.
 * @param {string} base
 */
export async function articlePaths(base) {
  const sitemap = (await request('GET', `${base}/sitemap.xml`)).body;
  /** @type {string[]} */
  const paths = [];
  for (const child of sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const file = (await request('GET', String(child[1]).replace(/^https?:\/\/[^/]+/, base))).body;
    for (const loc of file.matchAll(/<loc>([^<]+)<\/loc>/g)) {
      const p = new URL(String(loc[1])).pathname;
      if (/^\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\//.test(p)) paths.push(p);
    }
  }
  return paths;
}
