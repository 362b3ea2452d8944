import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDateTime } from '../src/lib/dates.js';
import { startScheduler } from '../src/features/articles/scheduler.js';
import { testClock } from './helpers/clock.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { articleForm, idFromLocation, NewsroomClient, signIn } from './helpers/newsroom.js';
import { testArticlePath } from './helpers/factories.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DIALECTS)('newsroom articles on %s', (dialect) => {
  let t: TestApp;
  let writer: NewsroomClient;
  let editor: NewsroomClient;
  let writerId: number;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    ({ user: { id: writerId }, client: writer } = await signIn(t, 'writer', { name: 'Wren Writer' }));
    ({ client: editor } = await signIn(t, 'editor', { name: 'Eddie Editor', authorId: t.site.authors.boris }));
  });
  afterAll(async () => t?.close());

  const db = () => t.testDb.db.kysely;
  const create = async (client: NewsroomClient, overrides: Record<string, string | string[]> = {}) => {
    await client.get('/newsroom/articles/new');
    const response = await client.post('/newsroom/articles', articleForm(t.site, { headline: `Ferry news ${Math.random().toString(36).slice(2, 8)}`, ...overrides }));
    expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
    return idFromLocation(response.headers.location);
  };
  const open = async (client: NewsroomClient, id: number) => {
    const page = await client.get(`/newsroom/articles/${id}`);
    expect(page.statusCode).toBe(200);
    return page.body;
  };
  const base = (page: string) => /name="base_modified_at" value="([^"]*)"/.exec(page)?.[1] ?? '';

  it.runIf(dialectAvailable(dialect))('a writer creates a draft with everything in one save, and a first revision', async () => {
    await writer.get('/newsroom/articles/new');
    const made = await writer.post('/newsroom/articles', articleForm(t.site, { headline: 'Ferry timetable changes for winter' }));
    expect(made.headers.location).toMatch(/\/newsroom\/articles\/\d+\?notice=created$/);
    const id = idFromLocation(made.headers.location);
    const row = await db().selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'draft', created_by: writerId, slug: 'ferry-timetable-changes-for-winter', dateline_place: 'Port Velmar' });
    expect(row.body_html).toContain('<figure class="quote"><blockquote><p>We will keep the morning boat.</p></blockquote>');
    const sources = await db().selectFrom('sources').select(['publication_id', 'url']).where('article_id', '=', id).orderBy('position').execute();
    expect(sources).toEqual([
      { publication_id: t.site.publications.reuters, url: 'https://www.reuters.com/example-ferry' },
      { publication_id: t.site.publications.afp, url: null },
    ]);
    const tags = await db().selectFrom('article_tags as at').innerJoin('tags', 'tags.id', 'at.tag_id').select(['type', 'name']).where('at.article_id', '=', id).orderBy('type').execute();
    expect(tags).toEqual([{ type: 'person', name: 'Lena Ostrova' }, { type: 'place', name: 'Port Velmar' }, { type: 'topic', name: 'Transport' }]);
    const revisions = await db().selectFrom('revisions').select(['note', 'author_name']).where('article_id', '=', id).execute();
    expect(revisions).toEqual([{ note: 'Created', author_name: 'Wren Writer' }]);
    const page = (await writer.get(made.headers.location as string)).body;
    expect(page).toContain('Ferry timetable changes for winter');
    expect(page).toContain('Draft created.');
  });

  it.runIf(dialectAvailable(dialect))('refuses bad input next to the field and keeps everything typed', async () => {
    await writer.get('/newsroom/articles/new');
    const missing = await writer.post('/newsroom/articles', articleForm(t.site, { headline: '   ', standfirst: 'Kept standfirst <b>text</b>' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('<p class="field-error" id="f-headline-error"><span class="visually-hidden">Error: </span>An article needs a headline.</p>');
    expect(missing.body).toContain('aria-invalid="true"');
    expect(missing.body).toContain('Kept standfirst &lt;b&gt;text&lt;/b&gt;');
    expect(missing.body).toContain('We will keep the morning boat.');
    expect(missing.body).toContain('href="#f-headline"');

    const first = await create(writer, { headline: 'A slug to clash with', slug: 'clashing-slug' });
    expect(first).toBeGreaterThan(0);
    const clash = await writer.post('/newsroom/articles', articleForm(t.site, { headline: 'Another story', slug: 'clashing-slug' }));
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain('The slug &quot;clashing-slug&quot; is already used by another article in this edition.');
    expect(clash.body).toContain('value="Another story"');

    const badSlug = await writer.post('/newsroom/articles', articleForm(t.site, { headline: 'Slug test', slug: 'Not A Slug!' }));
    expect(badSlug.body).toContain('is not a valid slug');
    const badAuthor = await writer.post('/newsroom/articles', articleForm(t.site, { author_ids: ['999999'], headline: 'An author that is gone' }));
    expect(badAuthor.body).toContain('One of the authors no longer exists.');
    const badUrl = await writer.post('/newsroom/articles', articleForm(t.site, { source_url_0: 'javascript:alert(1)' }));
    expect(badUrl.body).toContain('is not a web address');
    const badSection = await writer.post('/newsroom/articles', articleForm(t.site, { section_id: '999999' }));
    expect(badSection.body).toMatch(/id="f-section_id-error"><span class="visually-hidden">Error: <\/span>Choose a section\.<\/p>/);
  });

  it.runIf(dialectAvailable(dialect))('writer submits, cannot publish even by a direct request; the editor schedules and it goes out on time', async () => {
    const id = await create(writer);
    await open(writer, id);
    const submitted = await writer.post(`/newsroom/articles/${id}/submit`);
    expect(submitted.statusCode).toBe(303);
    expect((await open(writer, id))).toContain('In review');
    const forbidden = await writer.post(`/newsroom/articles/${id}/publish`);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.body).toContain('Your role (writer) may not publish articles.');
    const schedule = await writer.post(`/newsroom/articles/${id}`, articleForm(t.site, { intent: 'schedule', publish_at: '2030-01-01T10:00' }));
    expect(schedule.statusCode).toBe(403);

    const page = await open(editor, id);
    expect(page).toContain('Wren Writer</strong> has been editing this article');
    const take = await editor.post(`/newsroom/articles/${id}/lock`, { take_over: '1' });
    expect(take.statusCode).toBe(303);
    const editorPage = await open(editor, id);
    const headline = /name="headline" type="text" value="([^"]+)"/.exec(editorPage)?.[1] as string;
    const past = await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline, intent: 'schedule', publish_at: '2020-01-01T10:00', base_modified_at: base(editorPage) }));
    expect(past.statusCode).toBe(400);
    // The message stands next to the field it is about (keyed by the input's name), and the summary links to it.
    expect(past.body).toMatch(/<p class="field-error" id="f-publish_at-error"><span class="visually-hidden">Error: <\/span>The time to publish at must be in the future\.<\/p>\s*<input id="f-publish_at" name="publish_at"[^>]* aria-describedby="f-publish_at-hint f-publish_at-error" aria-invalid="true"/);
    expect(past.body).toContain('<a href="#f-publish_at">The time to publish at must be in the future.</a>');
    const nonsense = await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline, intent: 'schedule', publish_at: '2026-02-30T10:00' }));
    expect(nonsense.body).toMatch(/id="f-publish_at-error"><span class="visually-hidden">Error: <\/span>Give the date and time to publish at/);

    // Cache the home page, then schedule two seconds ahead.
    expect((await t.app.fastify.inject('/')).body).not.toContain(headline);
    const at = new Date(testClock.ms() + 2_000);
    const scheduled = await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline, intent: 'schedule', publish_at: toLocalDateTime(at, 'Asia/Baku') + `:${String(at.getUTCSeconds()).padStart(2, '0')}` }));
    expect(scheduled.statusCode, scheduled.body.slice(0, 2000)).toBe(303);
    const row = await db().selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('scheduled');
    expect((await open(editor, id))).toMatch(/embargoed until <strong>/);
    expect(await t.app.desk.publishDue()).toBe(0);
    await sleep(Math.max(0, Date.parse(row.published_at as string) - testClock.ms()) + 50);
    expect(await t.app.desk.publishDue()).toBe(1);
    const home = await t.app.fastify.inject('/');
    expect(home.body).toContain(headline);
    const audit = await db().selectFrom('audit_log').select(['action', 'actor']).where('subject', '=', `article ${id}`).orderBy('id').execute();
    expect(audit).toEqual([{ action: 'article.schedule', actor: 'Eddie Editor' }, { action: 'article.publish', actor: 'System' }]);
  });

  it.runIf(dialectAvailable(dialect))('publishes at start-up what came due while the server was down', async () => {
    const id = await create(editor);
    await db().updateTable('articles').set({ status: 'scheduled', published_at: new Date(testClock.ms() - 3_600_000).toISOString() }).where('id', '=', id).execute();
    const scheduler = startScheduler(t.app.desk, t.app.fastify.log, 60_000);
    await scheduler.tick();
    scheduler.stop();
    expect((await db().selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('published');
  });

  it.runIf(dialectAvailable(dialect))('updates, substantive updates and corrections show on the page at once', async () => {
    const id = await create(editor, { headline: 'Bridge reopens after repairs', slug: 'bridge-reopens' });
    await open(editor, id);
    expect((await editor.post(`/newsroom/articles/${id}/publish`)).statusCode).toBe(303);
    const row = await db().selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const path = testArticlePath('world', new Date(row.published_at as string), 'bridge-reopens');
    expect((await t.app.fastify.inject(path)).statusCode).toBe(200);

    let page = await open(editor, id);
    const minor = await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline: 'Bridge reopens after long repairs', slug: 'bridge-reopens', base_modified_at: base(page) }));
    expect(minor.statusCode).toBe(303);
    let article = await t.app.fastify.inject(path);
    expect(article.body).toContain('Bridge reopens after long repairs');
    expect(article.body).not.toContain('Updated');

    page = await open(editor, id);
    await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline: 'Bridge reopens after long repairs', slug: 'bridge-reopens', substantive: '1', base_modified_at: base(page) }));
    article = await t.app.fastify.inject(path);
    expect(article.body).toContain('Updated');

    page = await open(editor, id);
    const corrected = await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline: 'Bridge reopens after long repairs', slug: 'bridge-reopens', correction: 'An earlier version misnamed the bridge.', base_modified_at: base(page) }));
    expect(corrected.headers.location).toContain('notice=corrected');
    article = await t.app.fastify.inject(path);
    expect(article.body).toContain('An earlier version misnamed the bridge.');

    // A new slug keeps the old address working.
    page = await open(editor, id);
    await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline: 'Bridge reopens after long repairs', slug: 'old-bridge-reopens', base_modified_at: base(page) }));
    const moved = await t.app.fastify.inject(path);
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toContain('/old-bridge-reopens');

    // Unpublishing takes it off the site and out of search at once.
    expect((await editor.post(`/newsroom/articles/${id}/unpublish`)).statusCode).toBe(303);
    const newPath = moved.headers.location as string;
    expect((await t.app.fastify.inject(newPath)).statusCode).toBe(404);
    expect((await t.app.fastify.inject('/search?q=bridge+reopens')).body).not.toContain('long repairs');
  });

  it.runIf(dialectAvailable(dialect))('keeps every save as a revision, diffs any two, restores one as a new revision', async () => {
    const id = await create(writer, { headline: 'Market hall gets a new roof' });
    let page = await open(writer, id);
    await writer.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline: 'Market hall gets a green roof', tags_topic: 'Transport, Architecture', base_modified_at: base(page) }));
    page = await open(writer, id);
    const history = await writer.get(`/newsroom/articles/${id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('<del><span class="visually-hidden">deleted: </span>new</del>');
    expect(history.body).toContain('<ins><span class="visually-hidden">inserted: </span>green</ins>');
    expect(history.body).toContain('Architecture (topic)');
    const revisions = await db().selectFrom('revisions').select(['id', 'snapshot']).where('article_id', '=', id).orderBy('id').execute();
    expect(revisions).toHaveLength(2);
    const snapshot = JSON.parse(revisions[1]!.snapshot);
    expect(Object.keys(snapshot)).toEqual(expect.arrayContaining(['headline', 'standfirst', 'body', 'tags', 'sources', 'authorIds', 'authors', 'sectionId', 'slug', 'seoTitle', 'leadMediaId']));
    expect(snapshot.sources).toHaveLength(2);

    const restore = await writer.post(`/newsroom/articles/${id}/revisions/${revisions[0]!.id}/restore`);
    expect(restore.statusCode).toBe(303);
    const row = await db().selectFrom('articles').select(['headline']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.headline).toBe('Market hall gets a new roof');
    const notes = await db().selectFrom('revisions').select('note').where('article_id', '=', id).orderBy('id').execute();
    expect(notes.map((n) => n.note)).toEqual(['Created', 'Saved', `Restored revision ${revisions[0]!.id}`]);
    const bad = await writer.get(`/newsroom/articles/${id}/history?from=abc`);
    expect(bad.statusCode).toBe(400);
  });

  it.runIf(dialectAvailable(dialect))('autosaves drafts as one revision, refuses stale saves and saves over a lock', async () => {
    const id = await create(writer, { headline: 'Autosave story' });
    const page = await open(writer, id);
    const first = await writer.post(`/newsroom/articles/${id}/autosave`, articleForm(t.site, { headline: 'Autosave story, take two', base_modified_at: base(page) }), { accept: 'application/json' });
    expect(first.statusCode).toBe(200);
    const { modifiedAt } = first.json() as { modifiedAt: string };
    const second = await writer.post(`/newsroom/articles/${id}/autosave`, articleForm(t.site, { headline: 'Autosave story, take three', base_modified_at: modifiedAt }), { accept: 'application/json' });
    expect(second.statusCode).toBe(200);
    const notes = await db().selectFrom('revisions').select('note').where('article_id', '=', id).orderBy('id').execute();
    expect(notes.map((n) => n.note)).toEqual(['Created', 'Autosave']);

    // A save from a form opened before the last save is refused, and keeps what was typed.
    const stale = await writer.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline: 'From an old tab', base_modified_at: base(page) }));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('saved this article after you opened it');
    expect(stale.body).toContain('value="From an old tab"');

    // The editor opening it sees the writer's lock; saving is refused until they take over.
    const editorPage = await open(editor, id);
    expect(editorPage).toContain('has been editing this article');
    const refused = await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline: 'Editor version', base_modified_at: base(editorPage) }));
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Someone else is editing this article');
    await editor.post(`/newsroom/articles/${id}/lock`, { take_over: '1' });
    const saved = await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline: 'Editor version', base_modified_at: base(editorPage) }));
    expect(saved.statusCode).toBe(303);
  });

  it.runIf(dialectAvailable(dialect))('previews a draft with the article template, also through a secret link', async () => {
    const id = await create(writer, { headline: 'Preview me before it runs' });
    const preview = await writer.get(`/newsroom/articles/${id}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<h1');
    expect(preview.body).toContain('Preview me before it runs');
    expect(preview.body).toContain('Test Herald reports, citing Reuters and AFP.');
    expect(preview.body).toContain('noindex');
    expect((await t.app.fastify.inject(`/newsroom/articles/${id}/preview`)).statusCode).toBe(303);

    await open(writer, id);
    await writer.post(`/newsroom/articles/${id}/preview-link`);
    const token = (await db().selectFrom('articles').select('preview_token').where('id', '=', id).executeTakeFirstOrThrow()).preview_token as string;
    expect(token).toMatch(/^[\w-]{32}$/);
    const shared = await t.app.fastify.inject(`/preview/${token}`);
    expect(shared.statusCode).toBe(200);
    expect(shared.headers['cache-control']).toBe('no-store');
    expect(shared.body).toContain('Preview me before it runs');
    expect((await t.app.fastify.inject('/preview/not-a-real-token-at-all-000')).statusCode).toBe(404);
  });

  it.runIf(dialectAvailable(dialect))('lists articles with filters and pages, and a dashboard by state', async () => {
    const id = await create(writer, { headline: 'Unique lighthouse keeper retires' });
    const list = await writer.get('/newsroom/articles?q=lighthouse+keeper&state=draft');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/newsroom/articles/${id}`);
    expect(list.body).toContain('1 article.');
    const none = await writer.get('/newsroom/articles?q=lighthouse+keeper&state=published');
    expect(none.body).toContain('No articles match.');
    expect((await writer.get('/newsroom/articles?state=bogus')).statusCode).toBe(400);
    expect((await writer.get('/newsroom/articles?page=-1')).statusCode).toBe(400);
    const dashboard = await writer.get('/newsroom');
    expect(dashboard.body).toContain('Your drafts');
    expect(dashboard.body).toContain('Unique lighthouse keeper retires');
  });

  it.runIf(dialectAvailable(dialect))('suggests existing tags of a type as the writer types (type-ahead)', async () => {
    await create(writer, { tags_person: 'Lena Ostrova, Lev Marchetti' });
    const response = await writer.get('/newsroom/tags.json?q=le&type=person&edition=en');
    expect(response.statusCode).toBe(200);
    expect((response.json() as { items: { name: string }[] }).items.map((i) => i.name)).toEqual(expect.arrayContaining(['Lena Ostrova', 'Lev Marchetti']));
    const places = await writer.get('/newsroom/tags.json?q=le&type=place&edition=en');
    expect((places.json() as { items: { name: string }[] }).items.map((i) => i.name)).not.toContain('Lena Ostrova');
    expect((await writer.get('/newsroom/tags.json?q=l&type=person&edition=en')).json()).toEqual({ items: [] });
    expect((await new NewsroomClient(t.app.fastify).get('/newsroom/tags.json?q=le&type=person&edition=en')).statusCode).toBe(401);
  });

  it.runIf(dialectAvailable(dialect))('deletes with an audit entry; writers cannot delete what they did not write', async () => {
    const mine = await create(editor, { headline: 'Editor draft to delete' });
    expect((await writer.post(`/newsroom/articles/${mine}/delete`)).statusCode).toBe(403);
    expect((await editor.post(`/newsroom/articles/${mine}/delete`)).statusCode).toBe(303);
    expect(await db().selectFrom('articles').select('id').where('id', '=', mine).executeTakeFirst()).toBeUndefined();
    const audit = await db().selectFrom('audit_log').select(['action', 'detail']).where('subject', '=', `article ${mine}`).execute();
    expect(audit).toEqual([{ action: 'article.delete', detail: 'Editor draft to delete (draft)' }]);
  });
});
