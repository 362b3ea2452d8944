#!/usr/bin/env node
/**
 * The crash test (issue 11, "Proof"; decision 0031): kill -9 the server at random moments during a
 * stream of writes, restart it, and check that every write acknowledged to its client is there,
 * that nothing half-written is visible, that SQLite's integrity check passes and that the site
 * serves. Runs the built server (`npm run build` first): node dist/cli/main.js serve.
 *
 *   node scripts/crash-test.js --db both --kills 200 --seed 1
 *
 * Exit code 0 when every check held; 1 with the evidence otherwise; 2 on bad arguments.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The seeded generator of the benches, so that a failing run can be replayed with its seed.
import { prng } from '../bench/kit.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
/** The server and the modules the checks use: dist/ (built), or src/ through tsx with --from-source. */
let fromSource = false;
const cliArgs = () => (fromSource ? ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'main.ts')] : [path.join(DIST, 'cli', 'main.js')]);
const ADMIN_DATABASE_URL = process.env.CRASH_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLIENTS = 4;
// Generous: on a loaded machine a start takes seconds; the point is that it comes up at all.
const READY_TIMEOUT_MS = 180_000;

const HELP = `Usage: node scripts/crash-test.js [options]

Kills the Dateline server (kill -9) at random moments during a stream of writes (admin API
creates, edits, publishes and image uploads from ${CLIENTS} concurrent clients, and a small WordPress
import by the CLI), restarts it and checks after each kill: every acknowledged write is there with
its content; no article lacks its revision or search entry; no draft lacks its owner; every media
row has its files and, after the sweep, no files lack a row; SQLite's integrity check is ok; the
home page, an article and the API answer 200.

Options:
  --db <engine>   sqlite, postgres or both (default: both)
  --kills <n>     kills per database (default: 20)
  --seed <s>      seed of the random moments and writes (default: 1)
  --keep          keep the data folder and database for inspection
  --from-source   run src/ through tsx instead of the built dist/ (slower to start; the test suite uses it)
  -h, --help      show this help

Needs the built server (npm run build); PostgreSQL at ${ADMIN_DATABASE_URL}
(CRASH_TEST_POSTGRES_URL). Exit code 0 when every check held, 1 otherwise.`;

function parseArgs(argv) {
  const options = { db: 'both', kills: 20, seed: 1, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value.`);
      return v;
    };
    if (arg === '-h' || arg === '--help') {
      console.log(HELP);
      process.exit(0);
    } else if (arg === '--db') {
      options.db = value();
      if (!['sqlite', 'postgres', 'both'].includes(options.db)) fail(`--db must be sqlite, postgres or both, not "${options.db}".`);
    } else if (arg === '--kills') {
      options.kills = Number(value());
      if (!Number.isInteger(options.kills) || options.kills < 1) fail('--kills must be a whole number from 1.');
    } else if (arg === '--seed') {
      options.seed = Number(value());
      if (!Number.isInteger(options.seed)) fail('--seed must be a whole number.');
    } else if (arg === '--keep') {
      options.keep = true;
    } else if (arg === '--from-source') {
      options.fromSource = true;
    } else {
      fail(`Unknown option "${arg}".`);
    }
  }
  return options;
}

function fail(message) {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

const dist = (file) => import(pathToFileURL(fromSource ? path.join(ROOT, 'src', file.replace(/\.js$/, '.ts')) : path.join(DIST, file)).href);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A fresh database and data folder with an edition, a section, an author, an admin and an editor key. */
async function prepare(engine) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `dateline-crash-${engine}-`));
  let databaseUrl;
  let dbName;
  if (engine === 'postgres') {
    const pg = (await import('pg')).default;
    dbName = `dateline_crash_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.href;
  }
  const db = await openDb(dataDir, databaseUrl);
  const { migrateToLatest } = await dist('db/migrate.js');
  await migrateToLatest(db);
  const k = db.kysely;
  const at = new Date().toISOString();
  await k.insertInto('editions').values({ code: 'en', name: 'English', locale: 'en-GB', site_name: 'Crash Test Herald', time_zone: 'UTC', is_default: 1, position: 0 }).execute();
  const sectionId = (await k.insertInto('sections').values({ edition: 'en', slug: 'world', name: 'World', description: 'World news.', position: 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const authorId = (await k.insertInto('authors').values({ slug: 'mira-holt', name: 'Mira Holt', bio: 'Mira Holt writes for the crash test.', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const { createUser } = await dist('features/users/user.service.js');
  const { createApiKey } = await dist('features/api-keys/api-key.service.js');
  const user = await createUser(k, null, { email: 'chief@crash.example', name: 'Chief Editor', role: 'admin', password: 'a long enough passphrase', authorId });
  const { key } = await createApiKey(k, { userId: user.id, role: 'admin', name: user.name }, { name: 'Crash test', role: 'editor' });
  await db.close();
  return { dataDir, databaseUrl, dbName, sectionId, authorId, key };
}

async function openDb(dataDir, databaseUrl) {
  const { connect } = await dist('db/connect.js');
  return connect(databaseUrl ? { databaseUrl } : { sqliteFile: path.join(dataDir, 'dateline.sqlite') });
}

async function dropDatabase(name) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** Two invented pictures: an upload is a real JPEG, decoded and rendered three ways at two widths. */
async function makePictures(dir) {
  const sharp = (await import('sharp')).default;
  const pictures = [];
  for (const [i, colour] of [
    [0, { r: 30, g: 90, b: 160 }],
    [1, { r: 170, g: 120, b: 40 }],
  ]) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"><rect width="900" height="600" fill="rgb(${colour.r},${colour.g},${colour.b})"/><circle cx="${300 + i * 200}" cy="300" r="180" fill="white" opacity="0.6"/></svg>`;
    const file = path.join(dir, `picture-${i}.jpg`);
    await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(file);
    pictures.push(fs.readFileSync(file));
  }
  return pictures;
}

const cdata = (text) => `<![CDATA[${text}]]>`;

/** A small WordPress export: two posts by an invented author, the first with a featured image. */
function writeWxr(dir, round) {
  const ns = 'http://wordpress.org/export/1.2/';
  const item = (id, title, slug, extra = '', type = 'post', status = 'publish') =>
    [
      '<item>',
      `<title>${cdata(title)}</title><link>https://old.example/?p=${id}</link><pubDate>Fri, 14 Mar 2025 09:30:00 +0000</pubDate>`,
      `<dc:creator>${cdata('oskar')}</dc:creator><guid isPermaLink="false">https://old.example/?p=${id}</guid><description></description>`,
      `<content:encoded>${cdata(type === 'post' ? `<p>${title}: an invented report from Port Velmar.</p>` : '')}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded>`,
      `<wp:post_id>${id}</wp:post_id><wp:post_date>${cdata('2025-03-14 09:30:00')}</wp:post_date><wp:post_date_gmt>${cdata('2025-03-14 09:30:00')}</wp:post_date_gmt>`,
      `<wp:post_name>${cdata(slug)}</wp:post_name><wp:status>${cdata(status)}</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>`,
      `<wp:post_type>${cdata(type)}</wp:post_type><wp:post_password>${cdata('')}</wp:post_password><wp:is_sticky>0</wp:is_sticky>`,
      extra,
      '<category domain="category" nicename="world"><![CDATA[World]]></category>',
      '</item>',
    ].join('\n');
  const base = round * 10;
  const xml = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    `<rss version="2.0" xmlns:excerpt="${ns}excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="${ns}">`,
    '<channel><title>The Velmar Courier</title><link>https://old.example</link><description>Invented</description><language>en-GB</language>',
    `<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url><wp:base_blog_url>https://old.example</wp:base_blog_url>`,
    `<wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('oskar')}</wp:author_login><wp:author_email>${cdata('oskar@old.example')}</wp:author_email><wp:author_display_name>${cdata('Oskar Brenn')}</wp:author_display_name><wp:author_first_name>${cdata('Oskar')}</wp:author_first_name><wp:author_last_name>${cdata('Brenn')}</wp:author_last_name></wp:author>`,
    item(base + 1, `Ferry timetable changes, round ${round}`, `crash-imp-${round}-1`, `<wp:postmeta><wp:meta_key>${cdata('_thumbnail_id')}</wp:meta_key><wp:meta_value>${cdata(String(base + 3))}</wp:meta_value></wp:postmeta>`),
    item(base + 2, `Harbour lights restored, round ${round}`, `crash-imp-${round}-2`),
    item(base + 3, 'Harbour', `harbour-${round}`, `<wp:attachment_url>${cdata(`https://old.example/wp-content/uploads/2025/03/harbour-${round % 2}.jpg`)}</wp:attachment_url>`, 'attachment', 'inherit'),
    '</channel></rss>',
  ].join('\n');
  const file = path.join(dir, `import-${round}.xml`);
  fs.writeFileSync(file, xml);
  return file;
}

function startServer(ctx) {
  const env = {
    ...process.env,
    DATA_DIR: ctx.dataDir,
    PORT: String(ctx.port),
    HOST: '127.0.0.1',
    SITE_URL: `http://127.0.0.1:${ctx.port}`,
    // info: a start that never gets ready leaves the server's last lines as evidence.
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    API_RATE_LIMIT: '1000000',
    NODE_ENV: 'production',
  };
  delete env.DATABASE_URL;
  if (ctx.databaseUrl) env.DATABASE_URL = ctx.databaseUrl;
  const child = spawn(process.execPath, [...cliArgs(), 'serve', '--no-demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.splice(0, 100);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output, exited };
}

async function waitReady(ctx, server) {
  const started = Date.now();
  let done = false;
  server.exited.then(() => (done = true));
  while (Date.now() - started < READY_TIMEOUT_MS) {
    if (done) throw new Error(`the server exited before it was ready:\n${server.output.join('').slice(-3000)}`);
    try {
      // Ready: the database answers and every migration is applied (decision 0028).
      const res = await fetch(`${ctx.base}/readyz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await sleep(15);
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${server.output.join('').slice(-3000)}`);
}

/** One request; `ok` only for a 2xx answer that arrived (the acknowledgement). */
async function call(ctx, method, url, { json, body, headers = {} } = {}) {
  try {
    const res = await fetch(`${ctx.base}${url}`, {
      method,
      headers: { authorization: `Bearer ${ctx.key}`, ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
      body: json ? JSON.stringify(json) : body,
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    let data = null;
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
    return { ok: res.status >= 200 && res.status < 300, status: res.status, data };
  } catch (error) {
    return { ok: false, status: 0, error };
  }
}

/**
 * What the clients were told. An article's headline is `acked` after a 2xx, and may be any of
 * `maybe` (writes sent after it whose answer never came).
 */
function newModel() {
  return { articles: new Map(), uploads: new Map(), imports: [], writesAcked: 0, counter: 0 };
}

async function client(ctx, model, rng, stop, clientNo) {
  const mine = [];
  while (!stop.now) {
    const roll = rng();
    if (roll < 0.3 || mine.length === 0) {
      const n = ++model.counter;
      const headline = `Crash test report ${ctx.engine} ${n} by client ${clientNo}`;
      const res = await call(ctx, 'POST', '/api/v1/admin/articles', {
        json: { sectionId: ctx.sectionId, headline, slug: `crash-api-${n}`, standfirst: `An invented standfirst ${n}.`, bodyHtml: `<p>Invented body ${n}.</p>`, authorIds: [ctx.authorId] },
      });
      if (res.ok) {
        const a = { id: res.data.id, headline, maybe: new Set(), edits: 0, published: false, url: null };
        model.articles.set(a.id, a);
        mine.push(a);
        model.writesAcked++;
      } else if (res.status >= 400) {
        ctx.problems.push(`create answered ${res.status}: ${JSON.stringify(res.data).slice(0, 300)}`);
      }
    } else if (roll < 0.6) {
      const a = mine[Math.floor(rng() * mine.length)];
      const headline = `${a.headline.replace(/ \(edit \d+\)$/, '')} (edit ${a.edits + 1})`;
      a.maybe.add(headline);
      const res = await call(ctx, 'PATCH', `/api/v1/admin/articles/${a.id}`, { json: { headline } });
      if (res.ok) {
        a.headline = headline;
        a.maybe.clear();
        a.edits++;
        model.writesAcked++;
      } else if (res.status >= 400) {
        ctx.problems.push(`edit of article ${a.id} answered ${res.status}: ${JSON.stringify(res.data).slice(0, 300)}`);
      }
    } else if (roll < 0.75) {
      const a = mine.find((m) => !m.published);
      if (!a) continue;
      a.publishing = true;
      const res = await call(ctx, 'POST', `/api/v1/admin/articles/${a.id}/publish`);
      if (res.ok) {
        a.published = true;
        a.url = res.data.url;
        model.writesAcked++;
      } else if (res.status >= 400) {
        ctx.problems.push(`publish of article ${a.id} answered ${res.status}: ${JSON.stringify(res.data).slice(0, 300)}`);
      }
    } else {
      const n = ++model.counter;
      const alt = `An invented harbour scene ${n}`;
      const picture = ctx.pictures[n % ctx.pictures.length];
      const res = await call(ctx, 'POST', `/api/v1/admin/media?alt=${encodeURIComponent(alt)}`, { body: picture, headers: { 'content-type': 'image/jpeg' } });
      if (res.ok) {
        model.uploads.set(res.data.id, { id: res.data.id, alt });
        model.writesAcked++;
      } else if (res.status >= 400) {
        ctx.problems.push(`upload answered ${res.status}: ${JSON.stringify(res.data).slice(0, 300)}`);
      }
    }
  }
}

function runImport(ctx, round) {
  const file = writeWxr(ctx.work, round);
  const env = { ...process.env, DATA_DIR: ctx.dataDir, LOG_LEVEL: 'warn', SITE_URL: ctx.base };
  delete env.DATABASE_URL;
  if (ctx.databaseUrl) env.DATABASE_URL = ctx.databaseUrl;
  const child = spawn(process.execPath, [...cliArgs(), 'import', 'wordpress', file, '--uploads', ctx.uploads, '--section-map', 'world=world'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const done = new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
  return { child, done, round };
}

/** The checks made with the server down, on the database and the media folders. */
async function checkStored(ctx, model) {
  const failures = [];
  let checks = 0;
  const expect = (condition, message) => {
    checks++;
    if (!condition) failures.push(message);
  };
  const db = await openDb(ctx.dataDir, ctx.databaseUrl);
  const k = db.kysely;
  try {
    const { sql } = await import('kysely');
    if (!ctx.databaseUrl) {
      const rows = (await sql`pragma integrity_check`.execute(k)).rows;
      expect(rows.length === 1 && Object.values(rows[0])[0] === 'ok', `SQLite integrity_check: ${JSON.stringify(rows).slice(0, 500)}`);
    }
    const articles = await k.selectFrom('articles').select(['id', 'slug', 'headline', 'status', 'created_by', 'created_by_key']).execute();
    const byId = new Map(articles.map((a) => [a.id, a]));
    const revisions = new Map((await k.selectFrom('revisions').select(['article_id', (eb) => eb.fn.countAll().as('n')]).groupBy('article_id').execute()).map((r) => [r.article_id, Number(r.n)]));
    const indexed = new Set((await k.selectFrom('search_documents').select('article_id').execute()).map((r) => r.article_id));
    for (const a of articles) {
      expect((revisions.get(a.id) ?? 0) >= 1, `article ${a.id} (${a.slug}) has no revision`);
      expect((a.status === 'published') === indexed.has(a.id), `article ${a.id} (${a.slug}) is ${a.status} and ${indexed.has(a.id) ? 'is' : 'is not'} in the search index`);
      if (a.slug.startsWith('crash-api-')) expect(a.created_by_key !== null, `draft ${a.id} (${a.slug}) created through the admin API has no owning key`);
    }
    for (const m of model.articles.values()) {
      const row = byId.get(m.id);
      expect(row !== undefined, `acknowledged article ${m.id} is missing`);
      if (!row) continue;
      expect(row.headline === m.headline || m.maybe.has(row.headline), `article ${m.id}: headline "${row.headline}", acknowledged "${m.headline}"`);
      expect((revisions.get(m.id) ?? 0) >= 1 + m.edits, `article ${m.id}: ${revisions.get(m.id) ?? 0} revisions for ${m.edits} acknowledged edits`);
      if (m.published) expect(row.status === 'published', `article ${m.id}: acknowledged as published, is ${row.status}`);
    }
    for (const imp of model.imports) {
      for (const slug of [`crash-imp-${imp}-1`, `crash-imp-${imp}-2`]) expect(articles.some((a) => a.slug === slug), `import of round ${imp} exited 0 but ${slug} is missing`);
    }
    const media = await k.selectFrom('media').selectAll().execute();
    const mediaById = new Map(media.map((m) => [m.id, m]));
    for (const u of model.uploads.values()) {
      const row = mediaById.get(u.id);
      expect(row !== undefined && row.alt === u.alt, `acknowledged upload ${u.id} is ${row ? `there with alt "${row.alt}"` : 'missing'}`);
    }
    const { sweepMediaFiles } = await dist('features/media/media.sweep.js');
    // The server is down: nothing is being written, so nothing is too young to sweep.
    await sweepMediaFiles(k, ctx.dataDir, { graceMs: 0 });
    const keys = new Set();
    for (const m of media) {
      keys.add(m.storage_key);
      const originals = path.join(ctx.dataDir, 'originals', m.storage_key);
      const original = (fs.existsSync(originals) ? fs.readdirSync(originals) : []).find((n) => n.startsWith('original.'));
      expect(original !== undefined && fs.statSync(path.join(originals, original)).size > 0, `media ${m.id} (${m.storage_key}) has no original`);
      for (const w of JSON.parse(m.rendition_widths)) {
        for (const f of ['jpg', 'webp', 'avif']) {
          const file = path.join(ctx.dataDir, 'media', m.storage_key, `${w}.${f}`);
          expect(fs.existsSync(file) && fs.statSync(file).size > 0, `media ${m.id} (${m.storage_key}) lacks ${w}.${f}`);
        }
      }
    }
    for (const tree of ['media', 'originals']) {
      const root = path.join(ctx.dataDir, tree);
      for (const month of fs.existsSync(root) ? fs.readdirSync(root) : []) {
        for (const name of fs.readdirSync(path.join(root, month))) {
          expect(keys.has(`${month}/${name}`), `${tree}/${month}/${name} has no media row after the sweep`);
        }
      }
    }
  } finally {
    await db.close();
  }
  return { checks, failures };
}

/** The checks made on the restarted server: it serves its home page, an article and the API. */
async function checkServes(ctx, model) {
  const failures = [];
  let checks = 0;
  const published = [...model.articles.values()].filter((a) => a.published && a.url);
  const article = published[Math.floor(ctx.rng() * published.length)];
  const urls = ['/', '/api/v1/articles', ...(article ? [new URL(article.url).pathname] : [])];
  for (const url of urls) {
    checks++;
    const res = await fetch(`${ctx.base}${url}`, { signal: AbortSignal.timeout(10_000) }).catch((error) => ({ status: 0, error }));
    if (res.text) await res.text();
    if (res.status !== 200) failures.push(`GET ${url} answered ${res.status} after the restart`);
  }
  return { checks, failures };
}

async function runEngine(engine, options, rng) {
  const started = Date.now();
  const setup = await prepare(engine);
  const port = await freePort();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-crash-work-'));
  const uploads = path.join(work, 'uploads');
  fs.mkdirSync(path.join(uploads, '2025', '03'), { recursive: true });
  const pictures = await makePictures(work);
  pictures.forEach((p, i) => fs.writeFileSync(path.join(uploads, '2025', '03', `harbour-${i}.jpg`), p));
  const ctx = { ...setup, engine, port, base: `http://127.0.0.1:${port}`, work, uploads, pictures, rng, problems: [] };
  const model = newModel();
  const summary = { engine, kills: 0, writesAcked: 0, checks: 0, failures: [], readyMs: [] };
  const record = (round, result) => {
    summary.checks += result.checks;
    for (const f of result.failures) summary.failures.push(`kill ${round}: ${f}`);
  };
  try {
    for (let round = 1; round <= options.kills + 1; round++) {
      const server = startServer(ctx);
      try {
        summary.readyMs.push(await waitReady(ctx, server));
      } catch (error) {
        summary.failures.push(`restart after kill ${round - 1}: ${error.message}`);
        server.child.kill('SIGKILL');
        await server.exited;
        break;
      }
      if (process.env.CRASH_TEST_VERBOSE) console.log(`[${engine}] round ${round}: ready in ${summary.readyMs.at(-1)} ms`);
      if (round > 1) record(round - 1, await checkServes(ctx, model));
      if (round > options.kills) {
        server.child.kill('SIGTERM');
        await server.exited;
        break;
      }
      const stop = { now: false };
      const clients = Array.from({ length: CLIENTS }, (_, i) => client(ctx, model, rng, stop, i + 1));
      const importing = rng() < 0.3 ? runImport(ctx, round) : null;
      // The kill comes at a random moment: within the first 2.5 s of writes, or (every other round,
      // so that uploads, slow on a busy machine, are acknowledged too) up to 0.5 s after the next
      // upload is acknowledged.
      if (rng() < 0.5) {
        await sleep(50 + Math.floor(rng() * 2450));
      } else {
        const uploads = model.uploads.size;
        const until = Date.now() + 60_000;
        while (model.uploads.size === uploads && Date.now() < until) await sleep(10);
        await sleep(Math.floor(rng() * 500));
      }
      server.child.kill('SIGKILL');
      // Half the imports die with the server; the others go on writing through the kill and restart.
      if (rng() < 0.5) importing?.child.kill('SIGKILL');
      await server.exited;
      stop.now = true;
      await Promise.all(clients);
      if (importing) {
        const { code, output } = await importing.done;
        if (code === 0) model.imports.push(round);
        else if (code !== null && code !== 137) ctx.problems.push(`import of round ${round} exited ${code}: ${output.slice(-500)}`);
      }
      summary.kills++;
      record(round, await checkStored(ctx, model));
      for (const p of ctx.problems.splice(0)) summary.failures.push(`kill ${round}: ${p}`);
      if (round % 10 === 0 || round === options.kills) {
        console.log(`[${engine}] ${round}/${options.kills} kills, ${model.writesAcked} writes acknowledged, ${summary.checks} checks, ${summary.failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
      if (summary.failures.length > 20 || interrupted) break;
    }
  } finally {
    summary.writesAcked = model.writesAcked;
    summary.importsAcked = model.imports.length;
    summary.uploadsAcked = model.uploads.size;
    summary.seconds = (Date.now() - started) / 1000;
    if (!options.keep) {
      fs.rmSync(ctx.dataDir, { recursive: true, force: true });
      fs.rmSync(work, { recursive: true, force: true });
      if (ctx.dbName) await dropDatabase(ctx.dbName).catch(() => undefined);
    } else {
      console.log(`[${engine}] kept ${ctx.dataDir}${ctx.dbName ? ` and database ${ctx.dbName}` : ''}`);
    }
  }
  return summary;
}

/** Ctrl-C or SIGTERM: finish the round, then print the summary of what ran (a long run stopped early still reports). */
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.log(`${signal}: stopping after this round.`);
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function main() {
  const options = parseArgs(process.argv.slice(2));
  fromSource = options.fromSource === true;
  if (fromSource) {
    const { register } = await import('tsx/esm/api');
    register();
  } else if (!fs.existsSync(path.join(DIST, 'cli', 'main.js'))) {
    console.error('dist/cli/main.js is missing: run npm run build first (or use --from-source).');
    process.exit(2);
  }
  const engines = options.db === 'both' ? ['sqlite', 'postgres'] : [options.db];
  console.log(`Crash test: ${options.kills} kills on ${engines.join(' and ')}, seed ${options.seed}`);
  // The databases run side by side (a server each), each with its own generator: a run replays by its seed.
  const summaries = await Promise.all(engines.map((engine, i) => runEngine(engine, options, prng(options.seed * 2 + i))));
  let failed = false;
  for (const s of summaries) {
    console.log(
      `${s.engine}: ${s.kills} kills, ${s.writesAcked} writes acknowledged (${s.uploadsAcked} uploads, ${s.importsAcked} imports), ${s.checks} checks, ${s.failures.length} failures, ` +
        `start to ready p50 ${median(s.readyMs)} ms / max ${Math.max(...s.readyMs)} ms, ${s.seconds.toFixed(1)} s`,
    );
    for (const f of s.failures.slice(0, 20)) console.log(`  FAIL ${f}`);
    if (s.failures.length || (s.kills < options.kills && !interrupted)) failed = true;
  }
  console.log(failed ? 'Crash test FAILED' : 'Crash test passed');
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
