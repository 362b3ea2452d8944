import { randomBytes } from 'node:crypto';
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawIllustration } from '../src/demo/illustration.js';
import { createApiKey } from '../src/features/api-keys/api-key.service.js';
import * as A from '../src/features/api/admin.schema.js';
import * as S from '../src/features/api/api.schema.js';
import type { Actor } from '../src/features/users/policy.js';
import { testClock, testNow } from './helpers/clock.js';
import { createTestArticle } from './helpers/factories.js';
import { createTestUser } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

FormatRegistry.Set('uri', (value) => /^https?:\/\/[^\s]+$/.test(value));
FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)));

function expectValid(schema: TSchema, body: unknown) {
  const errors = [...Value.Errors(schema, body)].map((e) => `${e.path}: ${e.message}`);
  expect(errors).toEqual([]);
}

type Article = { id: number; lock: { name: string } | null; state: string; status: string; headline: string; slug: string; modifiedAt: string; revisionCount: number; url: string | null; publishedAt: string | null; bodyHtml: string; body: { blocks: unknown[] } };
type Problem = { status: number; title: string; detail?: string; code?: string; errors?: Record<string, string>; instance?: string };

/** A problem+json answer with this status, valid against the admin API's problem schema. */
function expectProblem(res: LightMyRequestResponse, status: number): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['cache-control']).toBe('no-store');
  const body = res.json() as Problem;
  expectValid(A.AdminProblem, body);
  expect(body.detail?.length).toBeGreaterThan(0);
  return body;
}

function expectArticle(res: LightMyRequestResponse, status = 200): Article {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['cache-control']).toBe('no-store');
  const body = res.json() as Article;
  expectValid(A.AdminArticle, body);
  return body;
}

describe.each(DIALECTS)('admin API on %s', (dialect) => {
  let t: TestApp;
  const keys = { writer: '', otherWriter: '', editor: '', revoked: '' };
  const keyIds = { writer: 0 };

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    const db = t.testDb.db.kysely;
    const admin = await createTestUser(db, 'admin', t.site, { name: 'Ayla Admin' });
    const actor: Actor = { userId: admin.id, role: 'admin', name: admin.name };
    const writer = await createApiKey(db, actor, { name: 'Wire desk', role: 'writer' });
    keys.writer = writer.key;
    keyIds.writer = writer.id;
    keys.otherWriter = (await createApiKey(db, actor, { name: 'Mobile app', role: 'writer' })).key;
    keys.editor = (await createApiKey(db, actor, { name: 'Night editor script', role: 'editor' })).key;
    const revoked = await createApiKey(db, actor, { name: 'Old importer', role: 'admin' });
    keys.revoked = revoked.key;
    await db.updateTable('api_keys').set({ revoked_at: testNow().toISOString() }).where('id', '=', revoked.id).execute();
  });
  afterAll(async () => t?.close());

  const db = () => t.testDb.db.kysely;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, key?: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.fastify.inject({ method, url, headers: { ...(key === undefined ? {} : { authorization: `Bearer ${key}` }), ...headers }, ...(payload === undefined ? {} : { payload }) });

  let stories = 0;
  const story = (overrides: Record<string, unknown> = {}) => ({
    sectionId: t.site.sections.en.world,
    headline: `Ferry crews vote on the winter timetable, take ${++stories}`,
    standfirst: 'The union says four crossings a day are enough until March.',
    // Pasted from a word processor: office markup, a script and presentational tags to clean up.
    bodyHtml:
      '<p class="MsoNormal" style="margin:0"><b>Crews voted</b> on Monday<o:p></o:p></p><script>alert("x")</script><p style="color:red">The first boat leaves at <i>seven</i>.</p>',
    datelinePlace: 'Port Velmar',
    authorIds: [t.site.authors.ada],
    tags: [
      { type: 'place', name: 'Port Velmar' },
      { type: 'topic', name: 'Transport' },
    ],
    sources: [{ publicationId: t.site.publications.reuters, url: 'https://www.reuters.com/example-ferry-vote', role: 'citing' }, { kind: 'foreign_media' }],
    ...overrides,
  });
  const create = async (key: string, overrides: Record<string, unknown> = {}) => expectArticle(await call('POST', '/api/v1/admin/articles', key, story(overrides)), 201);

  it.runIf(dialectAvailable(dialect))('refuses requests without a good key as 401 problem+json', async () => {
    const cases: [string, Record<string, string>][] = [
      ['no header', {}],
      ['another scheme', { authorization: `Basic ${keys.editor}` }],
      ['not a key', { authorization: 'Bearer let-me-in' }],
      ['a truncated key', { authorization: `Bearer ${keys.editor.slice(0, -2)}` }],
      ['an unknown key', { authorization: `Bearer ${keys.editor.slice(0, 12)}${'A'.repeat(43)}` }],
      ['a revoked key', { authorization: `Bearer ${keys.revoked}` }],
    ];
    for (const [name, headers] of cases) {
      const res = await t.app.fastify.inject({ method: 'POST', url: '/api/v1/admin/articles', headers, payload: story() });
      const problem = expectProblem(res, 401);
      expect(problem, name).toMatchObject({ status: 401, title: 'Unauthorized', code: 'invalid_key', detail: 'The integration key is missing, malformed, unknown or revoked.', instance: '/api/v1/admin/articles' });
      expect(res.headers['www-authenticate'], name).toMatch(/^Bearer realm="Dateline"/);
    }
    expect(await db().selectFrom('articles').select('id').execute()).toEqual([]);
  });

  it.runIf(dialectAvailable(dialect))('creates a draft from pasted HTML, cleaned like the editor cleans a paste, owned by the key', async () => {
    const res = await call('POST', '/api/v1/admin/articles', keys.writer, story({ headline: 'Ferry crews vote to accept the winter timetable' }));
    const article = expectArticle(res, 201);
    expect(res.headers.location).toBe(`/api/v1/admin/articles/${article.id}`);
    expect(article).toMatchObject({
      status: 'draft',
      state: 'draft',
      slug: 'ferry-crews-vote-to-accept-the-winter-timetable',
      datelinePlace: 'Port Velmar',
      revisionCount: 1,
      url: null,
      publishedAt: null,
      lock: null,
      body: { version: 1, blocks: [{ type: 'paragraph', html: '<strong>Crews voted</strong> on Monday' }, { type: 'paragraph', html: 'The first boat leaves at <em>seven</em>.' }] },
      tags: [
        { type: 'place', name: 'Port Velmar' },
        { type: 'topic', name: 'Transport' },
      ],
      sources: [{ publicationId: t.site.publications.reuters, url: 'https://www.reuters.com/example-ferry-vote', role: 'citing' }, { kind: 'foreign_media' }],
      authors: [{ id: t.site.authors.ada, name: 'Ada Quill' }],
    });
    expect(article.bodyHtml).not.toMatch(/script|style|Mso|o:p/);
    const row = await db().selectFrom('articles').select(['created_by', 'created_by_key', 'locked_by']).where('id', '=', article.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ created_by: null, created_by_key: keyIds.writer, locked_by: null });
    const revisions = await db().selectFrom('revisions').select(['author_name', 'user_id', 'note']).where('article_id', '=', article.id).execute();
    expect(revisions).toEqual([{ author_name: 'Integration key “Wire desk”', user_id: null, note: 'Created' }]);

    // Blocks are accepted too, and their inline markup goes through the same cleaning.
    const blocks = await create(keys.editor, {
      bodyHtml: undefined,
      body: {
        version: 1,
        blocks: [
          { type: 'paragraph', html: 'Tickets go on sale <a href="javascript:alert(1)">today</a> at <a href="https://ferry.example/">the office</a>.' },
          { type: 'quote', text: 'We will keep the morning boat.', speaker: 'Lena Ostrova', role: 'ferry company director' },
        ],
      },
    });
    expect(blocks.body.blocks).toEqual([
      { type: 'paragraph', html: 'Tickets go on sale today at <a href="https://ferry.example/">the office</a>.' },
      { type: 'quote', text: 'We will keep the morning boat.', speaker: 'Lena Ostrova', role: 'ferry company director' },
    ]);
    expect(blocks.bodyHtml).toContain('<figure class="quote"><blockquote><p>We will keep the morning boat.</p></blockquote>');
  });

  it.runIf(dialectAvailable(dialect))('reads an article in any state with its revision count', async () => {
    const made = await create(keys.writer);
    const read = expectArticle(await call('GET', `/api/v1/admin/articles/${made.id}`, keys.otherWriter));
    expect(read).toEqual(made);
    expectProblem(await call('GET', '/api/v1/admin/articles/987654', keys.editor), 404);
    const bad = expectProblem(await call('GET', '/api/v1/admin/articles/abc', keys.editor), 400);
    expect(bad.errors).toHaveProperty('id');
  });

  it.runIf(dialectAvailable(dialect))('updates a whole article, refusing an update over a newer save with 409', async () => {
    const made = await create(keys.writer);
    const first = expectArticle(await call('PUT', `/api/v1/admin/articles/${made.id}`, keys.writer, { ...story({ headline: 'Ferry crews accept the winter timetable' }), baseModifiedAt: made.modifiedAt }));
    expect(first).toMatchObject({ headline: 'Ferry crews accept the winter timetable', revisionCount: 2, slug: 'ferry-crews-accept-the-winter-timetable' });
    // Fields left out are emptied: a PUT is the whole article.
    const second = expectArticle(await call('PUT', `/api/v1/admin/articles/${made.id}`, keys.editor, { sectionId: t.site.sections.en.business, headline: 'Ferry timetable settled', authorIds: [t.site.authors.boris] }));
    expect(second).toMatchObject({ standfirst: '', datelinePlace: null, tags: [], sources: [], body: { blocks: [] }, section: { slug: 'business' }, revisionCount: 3 });
    const stale = expectProblem(await call('PUT', `/api/v1/admin/articles/${made.id}`, keys.writer, { ...story(), baseModifiedAt: made.modifiedAt }), 409);
    expect(stale).toMatchObject({ code: 'stale' });
    expect(stale.detail).toContain('Integration key “Night editor script” saved this article after you opened it');
    // The same instant written with an offset is the same base.
    const offset = new Date(second.modifiedAt).toISOString().replace('Z', '+00:00');
    expectArticle(await call('PUT', `/api/v1/admin/articles/${made.id}`, keys.writer, { ...story(), baseModifiedAt: offset }));
  });

  it.runIf(dialectAvailable(dialect))('refuses a save while someone edits the article in the newsroom', async () => {
    const made = await create(keys.editor);
    const user = await createTestUser(db(), 'editor', t.site, { name: 'Eddie Editor' });
    await t.app.desk.lock({ userId: user.id, role: 'editor', name: user.name }, made.id);
    expect(expectArticle(await call('GET', `/api/v1/admin/articles/${made.id}`, keys.editor)).lock).toMatchObject({ name: 'Eddie Editor' });
    expect(expectProblem(await call('PUT', `/api/v1/admin/articles/${made.id}`, keys.editor, story()), 409)).toMatchObject({ code: 'locked' });
  });

  it.runIf(dialectAvailable(dialect))('applies the writer rules to a writer key: its own drafts only, never publishing', async () => {
    const own = await create(keys.writer);
    const others = await create(keys.otherWriter);
    const forbidden = expectProblem(await call('POST', `/api/v1/admin/articles/${own.id}/publish`, keys.writer), 403);
    expect(forbidden).toMatchObject({ code: 'forbidden', detail: 'Your role (writer) may not publish articles.' });
    expectProblem(await call('POST', `/api/v1/admin/articles/${own.id}/schedule`, keys.writer, { publishAt: new Date(testClock.ms() + 86_400_000).toISOString() }), 403);
    expectProblem(await call('PUT', `/api/v1/admin/articles/${others.id}`, keys.writer, story()), 403);
    expectProblem(await call('POST', `/api/v1/admin/articles/${others.id}/submit`, keys.writer), 403);
    expectProblem(await call('DELETE', `/api/v1/admin/articles/${others.id}`, keys.writer), 403);

    const submitted = expectArticle(await call('POST', `/api/v1/admin/articles/${own.id}/submit`, keys.writer));
    expect(submitted).toMatchObject({ status: 'draft', state: 'in_review' });
    expect(expectArticle(await call('POST', `/api/v1/admin/articles/${own.id}/withdraw`, keys.writer)).state).toBe('draft');
    expectProblem(await call('POST', `/api/v1/admin/articles/${own.id}/withdraw`, keys.writer), 403);
    expect(expectProblem(await call('POST', `/api/v1/admin/articles/${own.id}/withdraw`, keys.editor), 409)).toMatchObject({ code: 'bad_state', detail: 'The article is not in review.' });

    const published = expectArticle(await call('POST', `/api/v1/admin/articles/${own.id}/publish`, keys.editor));
    expect(published.state).toBe('published');
    // Once published, the writer key's own article is the editors' business.
    expectProblem(await call('PUT', `/api/v1/admin/articles/${own.id}`, keys.writer, story()), 403);
    expectProblem(await call('POST', `/api/v1/admin/articles/${own.id}/unpublish`, keys.writer), 403);
    expect(await db().selectFrom('articles').select('status').where('id', '=', own.id).executeTakeFirstOrThrow()).toEqual({ status: 'published' });
  });

  it.runIf(dialectAvailable(dialect))('publishes to the reader home page at once, corrects, and unpublishes', async () => {
    const made = await create(keys.editor, { headline: 'Lighthouse keeper retires after forty winters', tags: [] });
    const before = await t.app.fastify.inject({ method: 'GET', url: '/' });
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain('Lighthouse keeper retires after forty winters');

    const published = expectArticle(await call('POST', `/api/v1/admin/articles/${made.id}/publish`, keys.editor));
    expect(published).toMatchObject({ status: 'published', state: 'published' });
    expect(published.url).toMatch(/^https:\/\/news\.example\/world\/\d{4}\/\d{2}\/\d{2}\/lighthouse-keeper-retires-after-forty-winters$/);
    const home = await t.app.fastify.inject({ method: 'GET', url: '/' });
    expect(home.body).toContain('Lighthouse keeper retires after forty winters');
    const page = await t.app.fastify.inject({ method: 'GET', url: new URL(published.url!).pathname });
    expect(page.statusCode).toBe(200);
    expect((await t.app.fastify.inject({ method: 'GET', url: `/api/v1/articles/${made.id}` })).json()).toMatchObject({ status: 'published', headline: 'Lighthouse keeper retires after forty winters' });
    expectProblem(await call('POST', `/api/v1/admin/articles/${made.id}/publish`, keys.editor), 409);

    const corrected = expectArticle(
      await call('PUT', `/api/v1/admin/articles/${made.id}`, keys.editor, { ...story({ headline: 'Lighthouse keeper retires after forty winters', tags: [] }), correction: 'An earlier version gave the wrong number of winters.' }),
    );
    expect(corrected).toMatchObject({ corrections: [{ text: 'An earlier version gave the wrong number of winters.' }] });
    expect(corrected.revisionCount).toBe(3);

    const unpublished = expectArticle(await call('POST', `/api/v1/admin/articles/${made.id}/unpublish`, keys.editor));
    expect(unpublished).toMatchObject({ status: 'unpublished', url: null });
    expect((await t.app.fastify.inject({ method: 'GET', url: '/' })).body).not.toContain('Lighthouse keeper retires after forty winters');
    const audit = await db().selectFrom('audit_log').select(['actor', 'action']).where('subject', '=', `article ${made.id}`).orderBy('id').execute();
    expect(audit).toEqual([
      { actor: 'Integration key “Night editor script”', action: 'article.publish' },
      { actor: 'Integration key “Night editor script”', action: 'article.correct' },
      { actor: 'Integration key “Night editor script”', action: 'article.unpublish' },
    ]);
  });

  it.runIf(dialectAvailable(dialect))('schedules at a time with an offset, and refuses a bad time next to the field', async () => {
    const made = await create(keys.editor);
    const at = new Date(testClock.ms() + 3 * 86_400_000);
    at.setUTCMilliseconds(0);
    const withOffset = at.toISOString().replace(/\.000Z$/, '+00:00');
    const scheduled = expectArticle(await call('POST', `/api/v1/admin/articles/${made.id}/schedule`, keys.editor, { publishAt: withOffset }));
    expect(scheduled).toMatchObject({ status: 'scheduled', state: 'scheduled', publishedAt: at.toISOString(), url: null });

    const past = expectProblem(await call('POST', `/api/v1/admin/articles/${made.id}/schedule`, keys.editor, { publishAt: '2020-01-01T09:00:00+01:00' }), 400);
    expect(past).toMatchObject({ code: 'invalid_fields', errors: { publishAt: 'The time to publish at must be in the future.' } });
    const far = expectProblem(await call('POST', `/api/v1/admin/articles/${made.id}/schedule`, keys.editor, { publishAt: '2099-01-01T09:00:00Z' }), 400);
    expect(far.errors?.publishAt).toMatch(/two years/);
    for (const bad of ['2026-12-01T09:30:00', 'tomorrow morning', '2026-13-01T09:30:00Z']) {
      const res = expectProblem(await call('POST', `/api/v1/admin/articles/${made.id}/schedule`, keys.editor, { publishAt: bad }), 400);
      expect(res.errors?.publishAt, bad).toMatch(/ISO 8601 with an offset/);
    }
    expect(expectProblem(await call('POST', `/api/v1/admin/articles/${made.id}/schedule`, keys.editor, {}), 400).errors).toEqual({ publishAt: 'publishAt is required.' });
    expect(expectArticle(await call('POST', `/api/v1/admin/articles/${made.id}/unschedule`, keys.editor))).toMatchObject({ status: 'draft', publishedAt: null });
  });

  it.runIf(dialectAvailable(dialect))('answers bad input as 400 (or 409) problem+json with an error per field', async () => {
    const missing = expectProblem(await call('POST', '/api/v1/admin/articles', keys.writer, story({ headline: undefined })), 400);
    expect(missing).toMatchObject({ code: 'invalid_request', errors: { headline: 'headline is required.' } });
    const blank = expectProblem(await call('POST', '/api/v1/admin/articles', keys.writer, story({ headline: '   ' })), 400);
    expect(blank).toMatchObject({ code: 'invalid_fields', errors: { headline: 'An article needs a headline.' } });

    await create(keys.writer, { slug: 'harbour-ferry-vote' });
    const clash = expectProblem(await call('POST', '/api/v1/admin/articles', keys.writer, story({ slug: 'harbour-ferry-vote' })), 400);
    expect(clash.errors).toEqual({ slug: 'The slug "harbour-ferry-vote" is already used by another article in this edition.' });

    // An article may have no author (agency copy); a blank headline and a bad source are two errors at once.
    const several = expectProblem(await call('POST', '/api/v1/admin/articles', keys.writer, story({ headline: ' ', authorIds: [], sources: [{ publicationId: t.site.publications.afp, url: 'ftp://example.org/x' }] })), 400);
    expect(Object.keys(several.errors ?? {}).sort()).toEqual(['headline', 'sources']);
    expect(several.detail).toContain('is not a web address');

    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ sectionId: 999999 }, 'sectionId', /no section 999999/],
      [{ sectionId: 'world' }, 'sectionId', /integer/],
      [{ headlin: 'A typo' }, 'headlin', /not a field/],
      [{ body: { version: 1, blocks: [] } }, 'body', /either as bodyHtml or as body blocks/],
      [{ bodyHtml: undefined, body: { version: 1, blocks: [{ type: 'video', src: 'x' }] } }, 'body', /./],
      [{ tags: [{ type: 'mood', name: 'Sunny' }] }, 'tags', /tags\.0\.type/],
      [{ sources: [{ kind: 'rumour' }] }, 'sources', /./],
      [{ leadMediaId: 424242 }, 'leadMediaId', /no longer exists/],
    ];
    for (const [overrides, field, message] of cases) {
      const res = expectProblem(await call('POST', '/api/v1/admin/articles', keys.writer, story(overrides)), 400);
      expect(res.errors?.[field], JSON.stringify(overrides)).toMatch(message);
    }
    const notJson = await call('POST', '/api/v1/admin/articles', keys.writer, undefined, { 'content-type': 'application/json' });
    expectProblem(notJson, 400);
    const wrongType = await t.app.fastify.inject({ method: 'POST', url: '/api/v1/admin/articles', headers: { authorization: `Bearer ${keys.writer}`, 'content-type': 'text/plain' }, payload: 'headline' });
    expectProblem(wrongType, 415);
    const image = await t.app.fastify.inject({ method: 'POST', url: '/api/v1/admin/articles', headers: { authorization: `Bearer ${keys.writer}`, 'content-type': 'image/png' }, payload: 'not json' });
    expect(expectProblem(image, 415).detail).toContain('takes JSON');
  });

  it.runIf(dialectAvailable(dialect))('uploads an image as the raw body or as a form, for use as a lead image or in the body', async () => {
    const jpeg = await drawIllustration('admin-api-ferry', 200, 640, 400);
    const upload = (headers: Record<string, string>, payload: Buffer | string, query = '', key = keys.writer) =>
      t.app.fastify.inject({ method: 'POST', url: `/api/v1/admin/media${query}`, headers: { authorization: `Bearer ${key}`, ...headers }, payload });

    const raw = await upload({ 'content-type': 'image/jpeg', 'x-caption': encodeURIComponent('The morning boat leaves in fog — Tuesday.') }, jpeg, `?alt=${encodeURIComponent('Ferry at the quay in fog')}&credit=${encodeURIComponent('Photo: Test')}`);
    expect(raw.statusCode, raw.body).toBe(201);
    expect(raw.headers['cache-control']).toBe('no-store');
    const image = raw.json() as { id: number; url: string; alt: string; caption: string; credit: string; width: number; renditions: unknown[] };
    expectValid(A.AdminMedia, image);
    expect(image).toMatchObject({ alt: 'Ferry at the quay in fog', caption: 'The morning boat leaves in fog — Tuesday.', credit: 'Photo: Test', width: 480, height: 300 });
    expect(image.url).toMatch(/^https:\/\/news\.example\/media\/.+\/480\.jpg$/);
    expect(image.renditions.length).toBe(1);
    expect(await db().selectFrom('media').select('alt').where('id', '=', image.id).executeTakeFirstOrThrow()).toEqual({ alt: 'Ferry at the quay in fog' });

    const boundary = `----dateline${randomBytes(6).toString('hex')}`;
    const form = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nA gull on the pier rail\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gull.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      jpeg,
      Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="credit"\r\n\r\nPhoto: Harbour Desk\r\n--${boundary}--\r\n`),
    ]);
    const multipart = await upload({ 'content-type': `multipart/form-data; boundary=${boundary}` }, form);
    expect(multipart.statusCode, multipart.body).toBe(201);
    expectValid(A.AdminMedia, multipart.json());
    expect(multipart.json()).toMatchObject({ alt: 'A gull on the pier rail', credit: 'Photo: Harbour Desk' });

    expect(expectProblem(await upload({ 'content-type': 'image/jpeg' }, jpeg), 400).errors).toEqual({ alt: 'Describe the image for people who cannot see it (alt text).' });
    expect(expectProblem(await upload({ 'content-type': 'image/png' }, 'not really a picture', '?alt=Nothing'), 415).errors?.file).toMatch(/not an image we can use/);
    expect(expectProblem(await upload({ 'content-type': 'application/octet-stream' }, jpeg, '?alt=Ferry'), 415).detail).toMatch(/Content-Type|Unsupported/);
    expect(expectProblem(await upload({ 'content-type': 'image/jpeg', 'x-alt': '%E0%A4%A' }, jpeg), 400).errors).toHaveProperty('alt');
    expect(expectProblem(await upload({ 'content-type': 'image/jpeg' }, jpeg, '?alt=Ferry&size=huge'), 400).errors).toHaveProperty('size');

    const illustrated = await create(keys.writer, {
      leadMediaId: image.id,
      bodyHtml: undefined,
      body: { version: 1, blocks: [{ type: 'image', mediaId: image.id, alt: 'Ferry at the quay in fog', caption: 'The morning boat.', credit: 'Photo: Test' }] },
    });
    expect(illustrated.bodyHtml).toMatch(/^<figure class="image"><picture>/);
    expect(illustrated).toMatchObject({ leadMediaId: image.id });
  });

  it.runIf(dialectAvailable(dialect))('deletes an article', async () => {
    const made = await create(keys.writer);
    const res = await call('DELETE', `/api/v1/admin/articles/${made.id}`, keys.writer);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expectProblem(await call('GET', `/api/v1/admin/articles/${made.id}`, keys.writer), 404);
    expectProblem(await call('DELETE', `/api/v1/admin/articles/${made.id}`, keys.writer), 404);
  });

  it.runIf(dialectAvailable(dialect))('lets a key read drafts through the content API, privately; without one they stay hidden', async () => {
    const draft = await create(keys.writer, { headline: 'Draft about the harbour dredging' });
    const publishedId = await createTestArticle(db(), t.site, { slug: 'dredging-begins' });
    const get = (url: string, key?: string) => t.app.fastify.inject({ method: 'GET', url, headers: key === undefined ? {} : { authorization: `Bearer ${key}` } });

    for (const status of ['draft', 'scheduled', 'unpublished', 'any']) {
      const res = await get(`/api/v1/articles?status=${status}`);
      expect(res.statusCode, status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="Dateline"');
      expectValid(S.Problem, res.json());
      expect((res.json() as Problem).detail).toContain('need an integration key');
    }
    expect((await get('/api/v1/articles?status=draft', keys.revoked)).statusCode).toBe(401);
    expect((await get('/api/v1/articles?status=sideways', keys.writer)).statusCode).toBe(400);

    const drafts = await get('/api/v1/articles?status=draft&limit=100', keys.otherWriter);
    expect(drafts.statusCode).toBe(200);
    expect(drafts.headers['cache-control']).toBe('private, no-store');
    const list = drafts.json() as { items: { id: number; status: string; url: string | null; publishedAt: string | null }[] };
    expectValid(A.KeyedArticleList, list);
    expect(list.items.find((i) => i.id === draft.id)).toMatchObject({ status: 'draft', url: null, publishedAt: null });
    expect(list.items.every((i) => i.status === 'draft')).toBe(true);

    // Every page of "any", by cursor, holds drafts and published articles alike, each once.
    const seen: number[] = [];
    let url: string | null = '/api/v1/articles?status=any&limit=3';
    while (url) {
      const page = (await get(url, keys.writer)).json() as { items: { id: number }[]; nextCursor: string | null };
      expectValid(A.KeyedArticleList, page);
      seen.push(...page.items.map((i) => i.id));
      url = page.nextCursor ? `/api/v1/articles?status=any&limit=3&cursor=${page.nextCursor}` : null;
    }
    const all = await db().selectFrom('articles').select('id').where('edition', '=', 'en').execute();
    expect(seen.sort((a, b) => a - b)).toEqual(all.map((a) => a.id).sort((a, b) => a - b));

    expect((await get(`/api/v1/articles/${draft.id}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/articles/${draft.id}`, keys.revoked)).statusCode).toBe(401);
    const one = await get(`/api/v1/articles/${draft.id}`, keys.writer);
    expect(one.statusCode).toBe(200);
    expect(one.headers['cache-control']).toBe('private, no-store');
    expectValid(A.KeyedArticle, one.json());
    expect(one.json()).toMatchObject({ id: draft.id, status: 'draft', url: null, publishedAt: null, headline: 'Draft about the harbour dredging', attribution: 'Test Herald reports, citing Reuters and foreign media.' });

    // Published stays public and cacheable, with or without a key, and in the public shape.
    const open = await get(`/api/v1/articles/${publishedId}`);
    expect(open.headers['cache-control']).toContain('public');
    expectValid(S.Article, open.json());
    expect(open.json()).toMatchObject({ status: 'published' });
    const plainList = await get('/api/v1/articles');
    expect(plainList.headers['cache-control']).toContain('public');
    expectValid(S.ArticleList, plainList.json());
    expect((plainList.json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(draft.id);
  });

  it.runIf(dialectAvailable(dialect))('describes the admin API in the OpenAPI document, with a bearer scheme, as valid JSON Schema', async () => {
    const res = await t.app.fastify.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    type Operation = { security?: Record<string, string[]>[]; responses: Record<string, { content?: Record<string, { schema: object }> }>; requestBody?: { content: Record<string, { schema?: object }> }; parameters: { name: string; in: string; deprecated?: unknown; description?: string; schema: object }[] };
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, object>; securitySchemes: Record<string, { type: string; scheme: string }> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.integrationKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const methods = (path: string) => Object.keys(doc.paths[path] ?? {}).sort();
    expect(methods('/admin/articles')).toEqual(['post']);
    expect(methods('/admin/articles/{id}')).toEqual(['delete', 'get', 'patch', 'put']);
    for (const action of ['submit', 'withdraw', 'publish', 'schedule', 'unschedule', 'unpublish']) expect(methods(`/admin/articles/{id}/${action}`)).toEqual(['post']);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/search', '/articles', '/articles/{id}', '/editions/{edition}/articles/{slug}', '/sections', '/tags', '/authors', '/publications']));
    expect(doc.paths['/articles']!.get!.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['edition', 'section', 'limit', 'cursor', 'status']));
    expect(doc.paths['/articles']!.get!.security).toEqual([{}, { integrationKey: [] }]);

    // Every schema in the document compiles as JSON Schema 2020-12 (OpenAPI 3.1's dialect), and
    // every $ref points at a component that exists.
    // ajv is CommonJS: under NodeNext its class is the default export's `default`.
    const ajv = new Ajv2020Module.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const refs = new Set<string>();
    JSON.stringify(doc, (key, value: unknown) => {
      if (key === '$ref') refs.add(value as string);
      return value;
    });
    for (const ref of refs) expect(Object.keys(doc.components.schemas).map((n) => `#/components/schemas/${n}`)).toContain(ref);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (path.startsWith('/admin')) {
          expect(op.security, `${method} ${path}`).toEqual([{ integrationKey: [] }]);
          expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
        }
        const schemas = [
          ...op.parameters.map((p) => p.schema),
          ...Object.values(op.requestBody?.content ?? {}).flatMap((c) => (c.schema ? [c.schema] : [])),
          ...Object.values(op.responses).flatMap((r) => Object.values(r.content ?? {}).map((c) => c.schema)),
        ];
        // A schema's $ref into the components resolves against the root it is compiled as.
        for (const schema of schemas) expect(() => ajv.compile({ ...schema, components: doc.components }), `${method} ${path}`).not.toThrow();

        // Parameters: unique, in the query or the path; an old name is deprecated and names its replacement (decision 0019).
        const names = op.parameters.map((p) => p.name);
        expect(new Set(names).size, `${method} ${path}`).toBe(names.length);
        for (const p of op.parameters) {
          expect(['query', 'path'], `${method} ${path} ${p.name}`).toContain(p.in);
          if (p.deprecated === undefined) continue;
          expect(p.deprecated, p.name).toBe(true);
          expect(names, p.name).toContain(/use `(\w+)`/.exec(p.description ?? '')?.[1]);
        }
        // A deprecated property names a replacement beside it; a response that has one documents the headers that say so.
        const ok = op.responses['200'] as { headers?: Record<string, { schema?: object }>; content?: Record<string, { schema: object }> } | undefined;
        let deprecated = 0;
        JSON.stringify(ok?.content ?? {}, (_key, value: unknown) => {
          const properties = (value as { properties?: Record<string, { deprecated?: boolean; description?: string }> } | null)?.properties;
          for (const [name, property] of Object.entries(properties ?? {})) {
            if (property.deprecated !== true) continue;
            deprecated++;
            expect(Object.keys(properties!), `${method} ${path} ${name}`).toContain(/use `(\w+)`/.exec(property.description ?? '')?.[1]);
          }
          return value;
        });
        if (deprecated > 0) {
          expect(Object.keys(ok?.headers ?? {}).sort(), `${method} ${path}`).toEqual(['Deprecation', 'Link', 'Sunset']);
          for (const header of Object.values(ok!.headers!)) expect(header.schema).toEqual({ type: 'string' });
        } else {
          expect(ok?.headers, `${method} ${path}`).toBeUndefined();
        }
      }
    }
    // The content API's reads of articles, editions and search carry the old names; the admin API none.
    const deprecatedIn = (path: string, method = 'get') => JSON.stringify(doc.paths[path]?.[method]?.responses['200'] ?? {}).includes('"deprecated":true');
    for (const path of ['/articles', '/articles/{id}', '/editions/{edition}/articles/{slug}', '/editions', '/search']) expect(deprecatedIn(path), path).toBe(true);
    for (const path of ['/sections', '/admin/articles/{id}', '/admin/tags']) expect(deprecatedIn(path), path).toBe(false);
    expect(doc.paths['/articles']!.get!.parameters.find((p) => p.name === 'tag_type')).toMatchObject({ deprecated: true, description: expect.stringContaining('use `tagType`') });
    const admin = doc.paths['/admin/articles']!.post!;
    expect(Object.keys(admin.requestBody!.content)).toEqual(['application/json']);
    expect(admin.responses['201']!.content!['application/json']!.schema).toMatchObject({ properties: { revisionCount: { type: 'integer' } } });

    const docs = await t.app.fastify.inject({ method: 'GET', url: '/api/v1/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('<code>GET /api/v1/articles</code>');
  });
});

describe('admin API rate limit', () => {
  it('counts per key, apart from the per-address limit, and counts refused keys against the address', async () => {
    const { buildApp } = await import('../src/app.js');
    const { loadConfig } = await import('../src/config/config.js');
    const { createTestDb } = await import('./helpers/test-db.js');
    const { createSite } = await import('./helpers/factories.js');
    const testDb = await createTestDb('sqlite');
    await createSite(testDb.db.kysely);
    const app = await buildApp({ config: loadConfig({ DATA_DIR: testDb.dataDir, LOG_LEVEL: 'silent', API_RATE_LIMIT: '3' }), db: testDb.db });
    try {
      const actor: Actor = { userId: null, role: 'admin', name: 'Test' };
      const one = (await createApiKey(testDb.db.kysely, actor, { name: 'One', role: 'writer' })).key;
      const two = (await createApiKey(testDb.db.kysely, actor, { name: 'Two', role: 'writer' })).key;
      const get = (key?: string, url = '/api/v1/admin/articles/1') => app.fastify.inject({ url, headers: key ? { authorization: `Bearer ${key}` } : {} });
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await get(one)).statusCode);
      expect(codes).toEqual([404, 404, 404, 429]);
      const limited = await get(one);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited', detail: expect.stringContaining('with this key') });
      expect((await get(two)).statusCode).toBe(404);
      // Key requests did not use up the address's public allowance...
      expect((await get(undefined, '/api/v1/editions')).statusCode).toBe(200);
      // ...but refused keys do.
      expect([(await get('nonsense')).statusCode, (await get()).statusCode, (await get()).statusCode]).toEqual([401, 401, 429]);
    } finally {
      await app.fastify.close();
      await testDb.destroy();
    }
  });
});
