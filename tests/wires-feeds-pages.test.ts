import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { signIn, type NewsroomClient } from './helpers/newsroom.js';
import { reports, rss } from './helpers/wire-documents.js';

describe.each(DIALECTS)('the newsroom wire feed pages on %s', (dialect) => {
  let t: TestApp;
  let editor: NewsroomClient;
  let writer: NewsroomClient;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    editor = (await signIn(t, 'editor')).client;
    writer = (await signIn(t, 'writer')).client;
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(({ skip }) => {
    if (!dialectAvailable(dialect)) skip();
  });

  it('lets an editor add a feed, shows refusals next to the fields with what was typed, and edits it', async () => {
    await editor.get('/newsroom/wires/feeds/new');
    const refused = await editor.post('/newsroom/wires/feeds', { name: 'Agency <b>wire</b>', publication: '', transport: 'http', url: 'javascript:alert(1)', interval: '5', format: 'auto' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choose the publication');
    expect(refused.body).toContain('Only http:// and https://');
    expect(refused.body).toContain('id="f-interval-error"');
    expect(refused.body).toContain('Agency &lt;b&gt;wire&lt;/b&gt;');
    expect(refused.body).not.toContain('<b>wire</b>');

    const created = await editor.post('/newsroom/wires/feeds', { name: 'Northern Agency drops', publication: String(t.site.publications.afp), transport: 'folder', interval: '60', format: 'auto', language: 'en' });
    expect(created.statusCode).toBe(303);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/newsroom\/wires\/feeds\/\d+\?notice=created$/);
    const id = Number(/feeds\/(\d+)/.exec(location)![1]);

    // A file in its folder arrives, and the feed's page shows the take-in in its log.
    const dir = path.join(t.testDb.dataDir, 'wires', 'northern-agency-drops');
    fs.writeFileSync(path.join(dir, 'morning.rss'), rss(reports(2)));
    await t.app.wireIntake.takeInWrittenFiles(id);
    const page = await editor.get(`/newsroom/wires/feeds/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('DATA_DIR/wires/northern-agency-drops/');
    expect(page.body).toContain('<code>morning.rss</code>');
    expect(page.body).toContain('2 items in the last 24 hours');
    expect(page.body).toContain('Taken in');

    const edit = await editor.get(`/newsroom/wires/feeds/${id}/edit`);
    expect(edit.body).toContain('value="Northern Agency drops"');
    const saved = await editor.post(`/newsroom/wires/feeds/${id}`, { name: 'Northern Agency files', slug: 'northern-agency-drops', publication: String(t.site.publications.afp), transport: 'folder', interval: '120', format: 'rss', language: 'en' });
    expect(saved.statusCode).toBe(303);
    expect((await t.app.wireIntake.find(id)).name).toBe('Northern Agency files');

    const deleted = await editor.post(`/newsroom/wires/feeds/${id}/delete`);
    expect(deleted.statusCode).toBe(409);
    expect(deleted.body).toContain('Pause it instead');
    expect((await editor.post(`/newsroom/wires/feeds/${id}/pause`)).statusCode).toBe(303);
    expect((await editor.get('/newsroom/wires/feeds')).body).toContain('<strong>paused</strong>');
  });

  it('lets a writer read the feeds and a feed page but not change them', async () => {
    const id = await t.app.wireIntake.create({ name: 'Writer readable feed', publicationId: t.site.publications.reuters, transport: 'http', url: 'https://feeds.agency.example/wr.xml' });
    const list = await writer.get('/newsroom/wires/feeds');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Writer readable feed');
    expect(list.body).not.toContain('/newsroom/wires/feeds/new');
    const page = await writer.get(`/newsroom/wires/feeds/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`/newsroom/wires/feeds/${id}/edit`);
    expect((await writer.get('/newsroom/wires/feeds/new')).statusCode).toBe(403);
    expect((await writer.post(`/newsroom/wires/feeds/${id}/pause`)).statusCode).toBe(403);
    expect((await writer.get('/newsroom/wires/feeds/999999')).statusCode).toBe(404);
    expect((await writer.get('/newsroom/wires/feeds/abc')).statusCode).toBe(404);
  });
});
