import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ghostFixture } from './helpers/ghost-export.js';
import { signIn, type NewsroomClient } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

type Part = { name: string; value: string } | { name: string; filename: string; type: string; data: Buffer };

/** A multipart/form-data body, parts in the given order, as a browser sends it. */
function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----DatelineImport${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    else chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`), part.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const ghostFile = (siteUrl = 'https://old-veloria.example') => Buffer.from(JSON.stringify(ghostFixture({ imageBase: siteUrl })));

/**
 * The newsroom's Import page: admins upload a file, the import runs as a job, the page shows its
 * progress and then the report. Everyone and everything in the files is invented.
 */
describe.each(DIALECTS)('the newsroom Import page on %s', (dialect) => {
  let t: TestApp;
  let admin: NewsroomClient;
  let editor: NewsroomClient;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect, { env: { IMPORT_UPLOAD_MAX_MB: '1' } });
    admin = (await signIn(t, 'admin')).client;
    editor = (await signIn(t, 'editor')).client;
  });
  afterAll(async () => {
    await t?.close();
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
      { name: 'site_url', value: o.siteUrl ?? 'https://old-veloria.example' },
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
});
