import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/features/api-keys/api-key.service.js';
import { deliveryBody, DELIVER_JOB, type DeliveryPayload } from '../src/features/webhooks/delivery.js';
import { TestClock, testInstant } from './helpers/clock.js';
import { testArticlePath } from './helpers/factories.js';
import type { NewsroomClient} from './helpers/newsroom.js';
import { articleForm, createTestUser, idFromLocation, signIn } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { createWireFeed, type WireFeedRow } from './helpers/wire-items.js';

const HOUR = 3600_000;

/** The JSON-LD blocks of a page. */
const jsonLd = (page: string): Record<string, unknown>[] =>
  [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] as string) as Record<string, unknown>);

const tokenIn = (page: string): string => /name="clause_token" value="([^"]+)"/.exec(page)?.[1] ?? '';

const marker = (token: string) => `<span class="attribution-clause" data-attribution-clause="${token}" contenteditable="false">Attribution</span>`;

describe.each(DIALECTS)('rewriting with provenance on %s', (dialect) => {
  let t: TestApp;
  let editor: NewsroomClient;
  let admin: NewsroomClient;
  let key = '';
  let feed: WireFeedRow;
  const clock = new TestClock(testInstant());
  const db = () => t.testDb.db.kysely;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect, { clock });
    editor = (await signIn(t, 'editor')).client;
    admin = (await signIn(t, 'admin')).client;
    const owner = await createTestUser(db(), 'admin', t.site);
    key = (await createApiKey(db(), { userId: owner.id, role: 'admin', name: owner.name }, { name: 'Provenance tests', role: 'editor' })).key;
    feed = await createWireFeed(db(), { publication_id: t.site.publications.reuters });
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.fastify.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });

  /** The public page of a published article. */
  const readerPage = async (id: number): Promise<LightMyRequestResponse> => {
    const row = await db().selectFrom('articles as a').innerJoin('sections as s', 's.id', 'a.section_id').select(['a.slug', 'a.published_at', 'a.edition', 's.slug as section']).where('a.id', '=', id).executeTakeFirstOrThrow();
    return t.app.fastify.inject({ url: testArticlePath(row.section, new Date(row.published_at as string), row.slug, row.edition as 'en' | 'ru') });
  };

  /** Pushes one ninjs item to the test feed through the app (so its wire events are the app's). */
  const push = async (item: Record<string, unknown>) => {
    const takeIn = await t.app.wireIntake.push(feed.slug, JSON.stringify({ type: 'text', language: 'en', ...item }), 'application/json');
    expect(takeIn.outcome, JSON.stringify(takeIn)).toBe('ok');
    return db().selectFrom('wire_items').selectAll().where('guid', '=', item.uri as string).executeTakeFirstOrThrow();
  };

  /** A new draft through the newsroom form (its own clause token), published with `intent`. */
  const write = async (form: Record<string, string | string[]>, body: (token: string) => string, intent = 'publish') => {
    const token = tokenIn((await editor.get('/newsroom/articles/new')).body);
    expect(token).toMatch(/^[\w-]{16,}$/);
    const res = await editor.post('/newsroom/articles', articleForm(t.site, { ...form, body: body(token), clause_token: token, intent }));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    return idFromLocation(res.headers.location);
  };

  it.runIf(dialectAvailable(dialect))('places the clause where the writer put it, worded from the sources in the edition’s language, and drops the end line', async () => {
    const id = await write({ headline: 'Strait called a vital route' }, (token) => `<p>“The strait is a vital route on the global stage,” ${marker(token)}. Talks go on.</p><p>More later.</p>`);
    const page = (await readerPage(id)).body;
    expect(page).toContain('<p>“The strait is a vital route on the global stage,” <span class="attribution-clause">Test Herald reports, citing Reuters and AFP</span>. Talks go on.</p>');
    expect(page).not.toContain('<p class="attribution">');
    // The document keeps a node, not the words: renaming a source changes the wording on the next save.
    const stored = await db().selectFrom('articles').select(['body_doc']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.body_doc).blocks[0]).toEqual({ type: 'paragraph', html: '“The strait is a vital route on the global stage,”', attribution: { after: '. Talks go on.' } });
    expect(stored.body_doc).not.toContain('reports');

    // Opened again, the editor gets the marker with the new page's own token.
    const again = (await editor.get(`/newsroom/articles/${id}`)).body;
    const token = tokenIn(again);
    // In the textarea, escaped: the editor script reads it back.
    expect(again).toContain(`data-attribution-clause=&quot;${token}&quot;`);
    expect(again).toContain('Alt+Shift+A');

    const ru = await write(
      { headline: 'Пролив назван важным маршрутом', section_id: String(t.site.sections.ru.world), author_ids: [String(t.site.authors.boris)] },
      (tk) => `<p>«Пролив — важный маршрут», — ${marker(tk)}.</p>`,
    );
    expect((await readerPage(ru)).body).toContain('<p>«Пролив — важный маршрут», — <span class="attribution-clause">сообщает Тестовый вестник со ссылкой на Reuters и AFP</span>.</p>');
  });

  it.runIf(dialectAvailable(dialect))('cannot be forged by pasted HTML: a marker without this form’s token is dropped and the end line stays', async () => {
    const forged = await write({ headline: 'A pasted marker' }, () => `<p>Quoted words ${marker('AAAAAAAAAAAAAAAAAAAAAAAA')} and more.</p>`);
    const page = (await readerPage(forged)).body;
    expect(page).toContain('<p>Quoted words and more.</p>');
    expect(page).not.toContain('attribution-clause');
    expect(page).toContain('<p class="attribution">Test Herald reports, citing Reuters and AFP.</p>');
  });

  it.runIf(dialectAvailable(dialect))('keeps the wire item’s guid on a source and allows no author: no byline, the publisher as author in JSON-LD', async () => {
    const guid = 'urn:newsml:reuters.example:20260615:strait-1';
    const id = await write({ headline: 'Agency copy without a byline', author_ids: [], source_guid_0: guid }, () => '<p>Ships queued at the strait on Monday.</p>');
    const form = (await editor.get(`/newsroom/articles/${id}`)).body;
    expect(form).toMatch(new RegExp(`name="source_guid_0" type="text" value="${guid}"[^>]*readonly`));
    const page = (await readerPage(id)).body;
    expect(page).not.toContain('class="byline"');
    const [ld] = jsonLd(page);
    expect(ld!.author).toEqual([{ '@type': 'Organization', name: 'Test Herald', url: 'https://news.example/' }]);
    expect(ld!.isBasedOn).toEqual([
      { '@type': 'CreativeWork', url: 'https://www.reuters.com/example-ferry', identifier: guid, publisher: { '@type': 'Organization', name: 'Reuters' } },
    ]);
  });

  it.runIf(dialectAvailable(dialect))('takes the clause and guids through the admin API as a node, never from bodyHtml, and shows them in the content API', async () => {
    const guid = 'urn:uuid:3b1f0d5e-afp-strait';
    const created = await call('POST', '/api/v1/admin/articles', {
      sectionId: t.site.sections.en.world,
      headline: 'Ferry talks resume after the strait closure',
      body: { version: 1, blocks: [{ type: 'paragraph', html: 'Talks resumed,', attribution: { after: 'on Monday.' } }] },
      authorIds: [],
      sources: [{ publicationId: t.site.publications.afp, url: 'https://www.afp.com/example-strait', guid }, { kind: 'foreign_media', guid: 'urn:x:foreign-1' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const article = created.json() as { id: number; bodyHtml: string; sources: unknown[]; body: { blocks: unknown[] }; authorIds: number[] };
    expect(article.authorIds).toEqual([]);
    expect(article.body.blocks[0]).toEqual({ type: 'paragraph', html: 'Talks resumed,', attribution: { after: 'on Monday.' } });
    expect(article.bodyHtml).toBe('<p>Talks resumed, <span class="attribution-clause">Test Herald reports, citing AFP and foreign media</span> on Monday.</p>');
    expect(article.sources).toEqual([
      { publicationId: t.site.publications.afp, url: 'https://www.afp.com/example-strait', role: 'citing', guid },
      { kind: 'foreign_media', guid: 'urn:x:foreign-1' },
    ]);
    const content = (await call('GET', `/api/v1/articles/${article.id}`)).json() as { attributionInBody: boolean; sources: { guid: string | null }[] };
    expect(content.attributionInBody).toBe(true);
    expect(content.sources.map((s) => s.guid)).toEqual([guid, 'urn:x:foreign-1']);
    // A renamed publication reads right at once: the clause is worded again from the names of the moment.
    await db().updateTable('publications').set({ name: 'Agence Invented-Presse' }).where('id', '=', t.site.publications.afp).execute();
    try {
      const renamed = (await call('GET', `/api/v1/articles/${article.id}`)).json() as { bodyHtml: string };
      expect(renamed.bodyHtml).toContain('<span class="attribution-clause">Test Herald reports, citing Agence Invented-Presse and foreign media</span>');
    } finally {
      await db().updateTable('publications').set({ name: 'AFP' }).where('id', '=', t.site.publications.afp).execute();
    }

    const imported = await call('POST', '/api/v1/admin/articles', {
      sectionId: t.site.sections.en.world,
      headline: 'Imported HTML with a marker',
      bodyHtml: '<p>Before <span data-attribution-clause="AAAAAAAAAAAAAAAAAAAAAAAA">Attribution</span> after.</p>',
      authorIds: [t.site.authors.ada],
    });
    expect((imported.json() as { body: unknown }).body).toEqual({ version: 1, blocks: [{ type: 'paragraph', html: 'Before after.' }] });
  });

  it.runIf(dialectAvailable(dialect))('never publishes a story before the embargo of a report it was written from', async () => {
    const now = clock.now();
    const embargo = new Date(now.getTime() + 2 * HOUR);
    const item = await push({ uri: 'urn:test:embargoed-budget', headline: 'Budget figures under embargo', body_html: '<p>Budget figures.</p>', embargoed: embargo.toISOString() });
    const made = await call('POST', '/api/v1/admin/articles', { sectionId: t.site.sections.en.world, headline: 'Budget figures, rewritten', bodyHtml: '<p>Figures.</p>', authorIds: [] });
    const id = (made.json() as { id: number }).id;
    await db().insertInto('article_wire_items').values({ article_id: id, item_id: item.id, seen_version: 1, seen_status: 'usable' }).execute();

    const refused = await call('POST', `/api/v1/admin/articles/${id}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = refused.json() as { code: string; detail: string };
    expect(problem.code).toBe('under_embargo');
    expect(problem.detail).toContain(embargo.toISOString());
    expect(problem.detail).toContain('(Asia/Baku)');
    const early = await call('POST', `/api/v1/admin/articles/${id}/schedule`, { publishAt: new Date(now.getTime() + HOUR).toISOString() });
    expect(early.statusCode).toBe(409);
    expect((early.json() as { code: string }).code).toBe('under_embargo');

    // The newsroom says so, with the time, and keeps the form.
    const form = await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline: 'Budget figures, rewritten', author_ids: [], intent: 'publish' }));
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain('under embargo until');
    expect((await db().selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('draft');
    // And says it before anyone tries, on the article's page.
    expect((await editor.get(`/newsroom/articles/${id}`)).body).toMatch(/is under embargo until <strong>[^<]+\(Asia\/Baku\)<\/strong>: it cannot be published or scheduled before then/);

    // Scheduled after the embargo it is accepted; when the embargo is then moved later, the
    // scheduler moves the story with it instead of publishing early.
    expect((await call('POST', `/api/v1/admin/articles/${id}/schedule`, { publishAt: new Date(now.getTime() + 3 * HOUR).toISOString() })).statusCode).toBe(200);
    const later = new Date(now.getTime() + 5 * HOUR);
    await push({ uri: 'urn:test:embargoed-budget', headline: 'Budget figures under a longer embargo', body_html: '<p>Budget figures.</p>', embargoed: later.toISOString() });
    clock.set(new Date(now.getTime() + 3 * HOUR + 60_000));
    try {
      expect(await t.app.desk.publishDue()).toBe(0);
      expect(await db().selectFrom('articles').select(['status', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'scheduled', published_at: later.toISOString() });
      clock.set(new Date(later.getTime() + 60_000));
      expect(await t.app.desk.publishDue()).toBe(1);
      expect((await db().selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('published');
    } finally {
      clock.set(now);
    }
  });

  it.runIf(dialectAvailable(dialect))('offers wire.alert and article.source_changed to webhooks, and queues them in the item’s transaction', async () => {
    const page = (await admin.get('/newsroom/webhooks')).body;
    expect(page).toContain('value="wire.alert"');
    expect(page).toContain('value="article.source_changed"');
    const created = await admin.post('/newsroom/webhooks', { url: 'https://hooks.example/desk', events: ['article.source_changed', 'wire.alert'], description: 'Desk chat' });
    expect(created.statusCode, created.body.slice(0, 300)).toBe(303);

    const deliveries = async (event: string) =>
      (await db().selectFrom('jobs').select('payload').where('kind', '=', DELIVER_JOB).execute()).map((j) => JSON.parse(j.payload) as DeliveryPayload).filter((p) => p.event === event);

    const item = await push({ uri: 'urn:test:ferry-fares', headline: 'Ferry fares to rise', body_html: '<p>Fares rise in March.</p>' });
    const id = await write({ headline: 'Ferry fares to rise in March' }, () => '<p>Fares rise.</p>');
    await db().insertInto('article_wire_items').values({ article_id: id, item_id: item.id, seen_version: 1, seen_status: 'usable' }).execute();
    expect(await deliveries('article.source_changed')).toEqual([]);
    await push({ uri: 'urn:test:ferry-fares', headline: 'Ferry fares to rise, corrected', body_html: '<p>Fares rise in April.</p>' });
    const [changed] = await deliveries('article.source_changed');
    expect(changed).toMatchObject({ articleId: id, edition: 'en', data: { change: 'updated', item: { guid: 'urn:test:ferry-fares', headline: 'Ferry fares to rise, corrected', publication: 'Reuters', version: 2 } } });
    const body = await deliveryBody(db(), 'https://news.example', changed!);
    expect(body).toMatchObject({ event: 'article.source_changed', article: { id, headline: 'Ferry fares to rise in March' }, data: { change: 'updated' } });

    const user = await createTestUser(db(), 'writer', t.site);
    await db().insertInto('wire_alerts').values({ user_id: user.id, keywords: 'lighthouse', notify: 1, created_at: clock.now().toISOString() }).execute();
    await push({ uri: 'urn:test:lighthouse', headline: 'Old lighthouse to reopen', body_html: '<p>The lighthouse reopens.</p>' });
    const [alert] = await deliveries('wire.alert');
    expect(alert).toMatchObject({ articleId: null, data: { alert: { keywords: 'lighthouse' }, item: { guid: 'urn:test:lighthouse', headline: 'Old lighthouse to reopen' } } });
  });

  it.runIf(dialectAvailable(dialect))('takes the sign-off and the footer note per edition, with {year} and {site} filled in', async () => {
    const id = await write({ headline: 'Sign-off test story' }, () => '<p>Words.</p>');
    const before = (await readerPage(id)).body;
    expect(before).toMatch(/© \d{4} Test Herald\. All rights reserved\./);
    const res = await admin.post('/newsroom/settings/editions/en', {
      name: 'English',
      site_name: 'Test Herald',
      locale: 'en-GB',
      time_zone: 'Asia/Baku',
      position: '0',
      footer_note: 'Published by {site} since {year}.',
      sign_off: 'Reprints of {site} stories need leave. {year}',
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Baku', year: 'numeric' }).format(clock.now());
    const row = await db().selectFrom('articles').select('published_at').where('id', '=', id).executeTakeFirstOrThrow();
    const published = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Baku', year: 'numeric' }).format(new Date(row.published_at as string));
    const after = (await readerPage(id)).body;
    expect(after).toContain(`<p class="signoff">Reprints of Test Herald stories need leave. ${published}</p>`);
    expect(after).toContain(`Published by Test Herald since ${year}.`);
    const long = await admin.post('/newsroom/settings/editions/en', { name: 'English', site_name: 'Test Herald', locale: 'en-GB', time_zone: 'Asia/Baku', position: '0', sign_off: 'x'.repeat(301) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('The sign-off may have at most 300 characters');
  });
});
