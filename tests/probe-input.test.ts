import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/features/api-keys/api-key.service.js';
import { articleForm, createTestUser, NewsroomClient, signIn } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

/**
 * The reliability probe's input findings (issue 11): a NUL character anywhere in a request was a
 * 500 on PostgreSQL (error 22021), and a repeated query parameter a 500 on some newsroom pages.
 * Both are now refused by the app-wide input rules (web/input-rules.ts) with a 400 that says why.
 */
describe.each(DIALECTS)('input rules on %s', (dialect) => {
  let t: TestApp;
  let editor: NewsroomClient;
  let key = '';

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    const db = t.testDb.db.kysely;
    const admin = await createTestUser(db, 'admin', t.site);
    key = (await createApiKey(db, { userId: admin.id, role: 'admin', name: admin.name }, { name: 'Probe', role: 'editor' })).key;
    ({ client: editor } = await signIn(t, 'admin'));
  });
  afterAll(async () => t?.close());

  const db = () => t.testDb.db.kysely;
  const articleCount = async () => (await db().selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const problem = (res: LightMyRequestResponse, status = 400) => {
    expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.json() as { detail: string; code: string; errors?: Record<string, string> };
  };
  const NUL_SAYS = /contains a NUL character \(U\+0000\), which cannot be stored; remove it and send again\./;

  it.runIf(dialectAvailable(dialect))('refuses a NUL in a JSON body, a filter, a search and a route parameter with a 400 that names the field', async () => {
    const before = await articleCount();
    const created = await t.app.fastify.inject({
      method: 'POST',
      url: '/api/v1/admin/articles',
      headers: { authorization: `Bearer ${key}` },
      payload: { sectionId: t.site.sections.en.world, headline: 'Harbour\u0000 lights', standfirst: '', bodyHtml: '<p>Text.</p>', authorIds: [], tags: [{ type: 'topic', name: 'Ferries\u0000' }] },
    });
    const body = problem(created);
    expect(body.code).toBe('nul_character');
    expect(body.errors).toEqual({
      headline: 'headline contains a NUL character (U+0000), which cannot be stored; remove it and send again.',
      tags: 'tags.0.name contains a NUL character (U+0000), which cannot be stored; remove it and send again.',
    });
    // A key holding NUL is named with the escape, not with the character itself.
    expect(problem(await t.app.fastify.inject({ method: 'POST', url: '/api/v1/admin/articles', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: '{"head\\u0000line":"x"}' })).errors).toEqual({
      'head\\u0000line': 'head\\u0000line contains a NUL character (U+0000), which cannot be stored; remove it and send again.',
    });

    const filter = await editor.get('/newsroom/tags.json?type=person&edition=en%00&q=Lena');
    expect(problem(filter).errors).toEqual({ edition: expect.stringMatching(NUL_SAYS) });
    expect(problem(await t.app.fastify.inject('/api/v1/search?q=ferry%00')).detail).toMatch(NUL_SAYS);

    const search = await t.app.fastify.inject('/search?q=ferry%00');
    expect(search.statusCode).toBe(400);
    expect(search.headers['content-type']).toMatch(/^text\/html/);
    const page = await editor.get('/newsroom/articles?q=ferry%00');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('q contains a NUL character (U+0000), which cannot be stored; remove it and send again.');
    expect((await editor.get('/newsroom/articles/1%00')).statusCode).toBe(400);
    expect(await articleCount()).toBe(before);
  });

  it.runIf(dialectAvailable(dialect))('shows the article form again with the message, as typed without the NUL, and saves nothing', async () => {
    const before = await articleCount();
    await editor.get('/newsroom/articles/new');
    const res = await editor.post('/newsroom/articles', articleForm(t.site, { headline: 'Night ferry\u0000 returns', standfirst: 'Kept standfirst' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('headline contains a NUL character (U+0000), which cannot be stored; remove it and send again.');
    expect(res.body).toContain('value="Night ferry returns"');
    expect(res.body).toContain('Kept standfirst');
    expect(res.body).not.toContain('\u0000');
    expect(await articleCount()).toBe(before);

    // Saving an existing article: the same, with the article's page around the form.
    const made = await editor.post('/newsroom/articles', articleForm(t.site, { headline: 'Night ferry returns to the timetable' }));
    expect(made.statusCode).toBe(303);
    const id = Number(/articles\/(\d+)/.exec(made.headers.location ?? '')?.[1]);
    await editor.get(`/newsroom/articles/${id}`);
    const save = await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { headline: 'Night ferry returns', tags_topic: 'Ferries\u0000' }));
    expect(save.statusCode).toBe(400);
    expect(save.body).toContain('tags_topic contains a NUL character');
    expect(save.body).toContain('Edit: Night ferry returns to the timetable');
    expect((await db().selectFrom('articles').select('headline').where('id', '=', id).executeTakeFirstOrThrow()).headline).toBe('Night ferry returns to the timetable');
  });

  it.runIf(dialectAvailable(dialect))('shows the login form again for a NUL in the e-mail address, and records no failure', async () => {
    const anonymous = new NewsroomClient(t.app.fastify, '127.0.0.7');
    await anonymous.get('/newsroom/login');
    const res = await anonymous.post('/newsroom/login', { email: 'ada\u0000@newsroom.example', password: 'whatever it is' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The e-mail address or the password contains a character that cannot be used (NUL, U+0000). Type them again.');
    expect(res.body).toContain('value="ada@newsroom.example"');
    expect(res.body).toContain('<form method="post" action="/newsroom/login"');
  });

  it.runIf(dialectAvailable(dialect))('answers every GET route with each of its query parameters given twice with a 400, never a 500', async () => {
    await t.app.fastify.ready();
    const routes = t.app.fastify.declaredQueries().filter((r) => r.method === 'GET');
    expect(routes.length).toBeGreaterThan(50);
    // Routes whose schema names no parameter (or reads the query without one) get every name any route declares.
    const everyName = [...new Set(routes.flatMap((r) => r.parameters))].sort();
    expect(everyName).toEqual(expect.arrayContaining(['q', 'edition', 'page', 'type', 'notice', 'cursor']));
    const path = (url: string) =>
      url
        .replace(/:edition\([^/]*\)/g, 'ru')
        .replace(/:(edition|code)\b/g, 'ru')
        .replace(/:file\b/g, 'sitemap-1.xml')
        .replace(/:\w+/g, '1')
        .replace(/\*$/, 'world');
    const requests = routes.flatMap((r) => {
      const names = r.parameters.length ? r.parameters.map((n) => [n]) : [everyName];
      return names.map((group) => `${path(r.url)}?${group.map((n) => `${n}=1&${n}=2`).join('&')}`);
    });
    const failures: string[] = [];
    for (const url of requests) {
      const res = await editor.get(url, { authorization: `Bearer ${key}` });
      if (res.statusCode !== 400) failures.push(`${url} ${res.statusCode}`);
      else if (String(res.headers['content-type']).includes('json') && !/Give the query parameter ".+" once\./.test((res.json() as { detail: string }).detail)) failures.push(`${url} ${res.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(requests.length).toBeGreaterThan(routes.length);
    // One value per name is still fine (the rule is about repeats, not about the parameters).
    expect((await editor.get('/newsroom/articles?q=ferry&edition=en')).statusCode).toBe(200);
    expect((await editor.get('/newsroom/tags.json?type=person&edition=en&q=Le')).statusCode).toBe(200);
  });
});
