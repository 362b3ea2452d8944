import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobWorker, type JobLogger } from '../src/features/jobs/worker.js';
import { ghostFixture } from './helpers/ghost-export.js';
import { wxrDocument } from './helpers/wxr.js';
import { startImageServer, testImage, type ImageServer } from './helpers/imports.js';
import { multipart, signIn, type MultipartPart as Part, type NewsroomClient } from './helpers/newsroom.js';
import { TestClock } from './helpers/clock.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

const silentLog: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };

const ghostFile = () => Buffer.from(JSON.stringify(ghostFixture()));

/**
 * The newsroom's Import page: admins upload a file, the import runs as a job, the page shows its
 * progress and then the report. Everyone and everything in the files is invented.
 */
describe.each(DIALECTS)('the newsroom Import page on %s', (dialect) => {
  let t: TestApp;
  let admin: NewsroomClient;
  let editor: NewsroomClient;
  let images: ImageServer;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    const png = await testImage('#2a6f97');
    const paths = ['lead.jpg', 'ferry.jpg', 'm1.jpg', 'm2.jpg', 'pier.jpg'].map((name) => `/content/images/2026/03/${name}`);
    images = await startImageServer(Object.fromEntries(paths.map((p) => [p, png])));
    // Images come from a loopback server here, which imports refuse unless allowed.
    t = await createTestApp(dialect, { clock: new TestClock(), env: { IMPORT_UPLOAD_MAX_MB: '1', IMPORT_ALLOW_PRIVATE: 'true' } });
    admin = (await signIn(t, 'admin')).client;
    editor = (await signIn(t, 'editor')).client;
  });
  afterAll(async () => {
    await t?.close();
    await images?.close();
  });
  beforeEach(({ skip }) => {
    if (!dialectAvailable(dialect)) skip();
  });

  const upload = async (client: NewsroomClient, o: { format?: string; file?: Buffer; filename?: string; dryRun?: boolean; sectionMap?: string; siteUrl?: string; csrf?: string | null } = {}) => {
    const parts: Part[] = [
      ...(o.csrf === null ? [] : [{ name: '_csrf', value: o.csrf ?? client.csrf }]),
      { name: 'format', value: o.format ?? 'ghost' },
      { name: 'edition', value: 'en' },
      { name: 'section_map', value: o.sectionMap ?? '' },
      { name: 'site_url', value: o.siteUrl ?? images.base },
      ...(o.dryRun === false ? [] : [{ name: 'dry_run', value: '1' }]),
      { name: 'file', filename: o.filename ?? 'veloria.ghost.json', type: 'application/json', data: o.file ?? ghostFile() },
    ];
    const { payload, contentType } = multipart(parts);
    return t.app.fastify.inject({
      method: 'POST',
      url: '/newsroom/imports',
      remoteAddress: client.address,
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
      payload,
    });
  };

  const runsDir = () => path.join(t.testDb.dataDir, 'imports', 'runs');
  const runCount = () => (fs.existsSync(runsDir()) ? fs.readdirSync(runsDir()).length : 0);

  it('shows the form to admins only, with the size limit and the way to the CLI', async () => {
    const page = await admin.get('/newsroom/imports');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('Up to 1 MB');
    expect(page.body).toContain('dateline import FORMAT FILE');
    expect(page.body).toContain('href="/newsroom/imports" aria-current="page">Import</a>');
    expect((await editor.get('/newsroom/imports')).statusCode).toBe(403);
    expect((await editor.get('/newsroom')).body).not.toContain('href="/newsroom/imports"');
    await editor.get('/newsroom/imports');
    const refused = await upload(editor);
    expect(refused.statusCode).toBe(403);
    expect(runCount()).toBe(0);
  });

  it('refuses a forged form, a file over the limit and a file of the wrong kind, clearly and keeping nothing', async () => {
    await admin.get('/newsroom/imports');
    expect((await upload(admin, { csrf: 'forged' })).statusCode).toBe(403);
    expect((await upload(admin, { csrf: null })).statusCode).toBe(403);

    const big = await upload(admin, { file: Buffer.concat([Buffer.from('{"db":[{"data":{"posts":[ "'), Buffer.alloc(1024 * 1024 + 10, 'a'), Buffer.from('"]}}]}')]) });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('larger than the 1 MB the newsroom accepts');
    expect(big.body).toContain('dateline import FORMAT FILE');
    expect(big.body).toContain('id="f-file-error"');
    // Far over the limit: refused from its Content-Length, before a byte is read.
    const huge = await upload(admin, { file: Buffer.alloc(1024 * 1024 + 200_000, 'b') });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers.connection).toBe('close');
    expect(huge.body).toContain('larger than the 1 MB the newsroom accepts');

    const xml = await upload(admin, { file: Buffer.from('<?xml version="1.0"?><rss version="2.0"></rss>'), filename: 'wp.xml' });
    expect(xml.statusCode).toBe(400);
    expect(xml.body).toContain('This is not a Ghost export: a JSON file (.json) is expected, and this file is an XML file.');
    const zip = await upload(admin, { format: 'wordpress', file: Buffer.from('PK\u0003\u0004rest'), filename: 'export.zip' });
    expect(zip.body).toContain('a ZIP archive (unpack it and upload the file inside)');

    const badMap = await upload(admin, { sectionMap: 'harbour=no-such-section, broken' });
    expect(badMap.statusCode).toBe(400);
    expect(badMap.body).toContain('&quot;broken&quot; is not old=new');
    const badSite = await upload(admin, { siteUrl: 'javascript:alert(1)' });
    expect(badSite.body).toContain('http:// or https://');
    expect(badSite.body).toContain('value="javascript:alert(1)"');
    expect(badSite.body).not.toContain('href="javascript');
    expect(runCount()).toBe(0);
  });

  it('answers 404 for runs that do not exist, whatever the id looks like', async () => {
    expect((await admin.get('/newsroom/imports/20260101-000000-deadbeef')).statusCode).toBe(404);
    expect((await admin.get('/newsroom/imports/..%2F..%2Fetc')).statusCode).toBe(404);
    expect((await admin.get('/newsroom/imports/nothing/report.json')).statusCode).toBe(404);
  });

  const runJobs = async () => {
    const worker = startJobWorker({ db: t.testDb.db.kysely, handlers: t.app.imports.jobHandlers(), log: silentLog, autoStart: false, clock: t.clock.now });
    try {
      return await worker.tick();
    } finally {
      await worker.stop();
    }
  };

  it('stores the upload, runs it as a job, shows its progress and then the report; a dry run changes nothing', async () => {
    await admin.get('/newsroom/imports');
    const articlesBefore = await t.testDb.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const started = await upload(admin, { dryRun: true });
    expect(started.statusCode).toBe(303);
    const location = started.headers.location as string;
    expect(location).toMatch(/^\/newsroom\/imports\/\d{8}-\d{6}-[0-9a-f]{8}$/);
    const waiting = await admin.get(location);
    expect(waiting.body).toContain('Waiting to start');
    expect(waiting.body).toContain('<progress id="import-bar" max="100" value="0">');
    expect(waiting.body).toContain('<a href="' + location + '">Refresh</a>');
    expect(waiting.body).toMatch(/<script src="\/assets\/newsroom-imports\.[0-9a-f]+\.js" defer>/);
    expect((await admin.get(`${location}/progress`)).json()).toMatchObject({ status: 'queued', progress: { bytesRead: 0, items: 0 } });
    expect((await admin.get(`${location}/report.json`)).statusCode).toBe(404);

    expect(await runJobs()).toBe(1);
    const dry = await admin.get(location);
    expect(dry.statusCode).toBe(200);
    expect(dry.body).not.toContain('data-import-progress');
    expect(dry.body).toContain('Dry run finished: nothing was changed.');
    expect(dry.body).toContain('<th scope="col">Would be created</th>');
    expect(images.hits.size).toBe(0);
    const articlesAfter = await t.testDb.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(articlesAfter.n)).toBe(Number(articlesBefore.n));
    expect((await admin.get(`${location}/progress`)).json()).toMatchObject({ status: 'done' });
  });

  it('imports for real: articles, images from the old site, warnings and every old address with its new one', async () => {
    await admin.get('/newsroom/imports');
    const started = await upload(admin, { dryRun: false });
    const location = started.headers.location as string;
    expect(await runJobs()).toBe(1);
    const page = await admin.get(location);
    expect(page.body).toContain('Import finished.');
    expect(page.body).toMatch(/<tr><th scope="row">article<\/th><td>5<\/td>/);
    expect(page.body).toContain('a Ghost &quot;product&quot; card was left out');
    expect(page.body).toContain('Ghost page');
    expect(page.body).toContain(`<code>${images.base}/ferry-timetable/</code>`);
    expect(images.hits.get('/content/images/2026/03/ferry.jpg')).toBe(1);
    const report = await admin.get(`${location}/report.json`);
    expect(report.headers['content-type']).toContain('application/json');
    expect(report.headers['content-disposition']).toMatch(/^attachment; filename="import-\d{8}-\d{6}-[0-9a-f]{8}\.json"$/);
    const json = report.json() as { oldAddresses: { from: string; to: string | null }[]; dryRun: boolean; totals: Record<string, Record<string, number>> };
    expect(json.dryRun).toBe(false);
    const ferry = json.oldAddresses.find((a) => a.from === `${images.base}/ferry-timetable/`);
    expect(ferry?.to).toBe('/harbour/2026/03/01/ferry-timetable');
    // The old address answers with a redirect to the new one on the reader site.
    const old = await t.app.fastify.inject({ url: '/ferry-timetable/' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toMatch(/\/harbour\/2026\/03\/01\/ferry-timetable$/);
    // The upload is gone once imported; the report stays.
    expect(fs.readdirSync(path.join(runsDir(), location.split('/').pop()!)).sort()).toEqual(['report.json', 'run.json']);
    const list = await admin.get('/newsroom/imports');
    expect(list.body).toContain('Recent imports');
    const created = Object.values(json.totals).reduce((n, t) => n + (t.created ?? 0), 0);
    expect(created).toBeGreaterThan(5);
    expect(list.body).toMatch(new RegExp(`${created} created, \\d+ skipped, 0 failed`));
  });

  it('shows why an import could not run: a file that is not of its format', async () => {
    await admin.get('/newsroom/imports');
    const started = await upload(admin, { file: Buffer.from('{"uri": "urn:x", "type": "text"}') });
    const location = started.headers.location as string;
    expect(await runJobs()).toBe(1);
    const page = await admin.get(location);
    expect(page.body).toContain('The import stopped');
    expect(page.body).toContain('not a Ghost export');
    expect(page.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('leaves a run that another worker is running alone, and takes over one whose worker stopped (a crash)', async () => {
    await admin.get('/newsroom/imports');
    const location = (await upload(admin, { dryRun: true })).headers.location as string;
    const id = location.split('/').pop()!;
    const runFile = path.join(runsDir(), id, 'run.json');
    const run = JSON.parse(fs.readFileSync(runFile, 'utf8'));
    // As a worker that is running it writes it: running, with a fresh heartbeat.
    fs.writeFileSync(runFile, JSON.stringify({ ...run, status: 'running', heartbeatAt: t.clock.now().toISOString() }));
    expect(await runJobs()).toBe(1);
    expect(JSON.parse(fs.readFileSync(runFile, 'utf8'))).toMatchObject({ status: 'running' });
    const job = await t.testDb.db.kysely.selectFrom('jobs').selectAll().where('kind', '=', 'import.run').where('done_at', 'is', null).executeTakeFirstOrThrow();
    expect(job.last_error).toContain('still running elsewhere');

    // That worker died: its heartbeat stops; the retried job takes the run over and finishes it.
    t.clock.advance(2 * 3600_000);
    expect(await runJobs()).toBe(1);
    expect(JSON.parse(fs.readFileSync(runFile, 'utf8'))).toMatchObject({ status: 'done' });
    expect((await admin.get(location)).body).toContain('Dry run finished');
  });

  it('runs a WordPress export the same way (a dry run with the section mapping)', async () => {
    await admin.get('/newsroom/imports');
    const wxr = wxrDocument({
      siteUrl: 'https://old-harbour.example',
      authors: [{ login: 'tomas', name: 'Tomas Vell' }],
      categories: [{ nicename: 'port-news', name: 'Port news' }],
      items: [{ id: 41, title: 'Lighthouse repainted', content: '<p>White and red again.</p>', slug: 'lighthouse', status: 'publish', date: '2025-05-02 09:00:00', author: 'tomas', categories: ['port-news'] }],
    });
    const started = await upload(admin, { format: 'wordpress', file: Buffer.from(wxr), filename: 'harbour.wordpress.xml', sectionMap: 'port-news=world' });
    expect(started.statusCode).toBe(303);
    const location = started.headers.location as string;
    expect(await runJobs()).toBe(1);
    const page = await admin.get(location);
    expect(page.body).toContain('Dry run finished');
    const report = (await admin.get(`${location}/report.json`)).json() as { format: string; totals: Record<string, Record<string, number>> };
    expect(report.format).toBe('wordpress');
    expect(report.totals.article?.created).toBe(1);
    expect(report.totals.section?.created ?? 0).toBe(0);
  });
});
