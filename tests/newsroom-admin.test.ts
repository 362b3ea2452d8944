import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { User } from '../src/db/schema.js';
import { recordAudit } from '../src/features/audit/audit.repository.js';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, formatViolations, launchBrowser, tabTo } from './helpers/browser.js';
import { createImage, createTestArticle } from './helpers/factories.js';
import { createTestUser, logInInBrowser, NewsroomClient, PASSWORD, signIn } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from './helpers/test-server.js';

/**
 * The admin's pages: users, settings and the audit log. Admins only; every page and every form
 * is tried by an editor and a writer too. Route tests run on both dialects; the browser part
 * (axe-core, keyboard) runs once, on SQLite.
 */

const generatedPassword = (page: string) => /<code class="generated-password">([^<]+)<\/code>/.exec(page)?.[1] ?? '';
const tbodyRows = (page: string) => (/<tbody>([\s\S]*?)<\/tbody>/.exec(page)?.[1] ?? '').split('<tr>').length - 1;
const olderLink = (page: string) => /<a href="(\/newsroom\/audit\?[^"]*before=\d+)" rel="next">/.exec(page)?.[1]?.replace(/&amp;/g, '&');
const fieldError = (page: string, field: string) => new RegExp(`<p class="field-error" id="f-${field}-error"><span class="visually-hidden">Error: </span>([^<]*)</p>`).exec(page)?.[1];

describe.each(DIALECTS)('newsroom admin pages on %s', (dialect) => {
  let t: TestApp;
  let admin: User;
  let writer: User;
  let asAdmin: NewsroomClient;
  let asEditor: NewsroomClient;
  let asWriter: NewsroomClient;
  let articleId: number;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    ({ user: admin, client: asAdmin } = await signIn(t, 'admin', { name: 'Iris Admin', authorId: null }));
    ({ client: asEditor } = await signIn(t, 'editor', { name: 'Otto Editor' }));
    ({ user: writer, client: asWriter } = await signIn(t, 'writer', { name: 'Wren Writer' }));
    articleId = await createTestArticle(t.testDb.db.kysely, t.site, { slug: 'harbour-lights-return' });
  });
  afterAll(async () => t?.close());

  const run = it.runIf(dialectAvailable(dialect));

  run('lets only admins in: editors and writers get 403 for every page and every form, and nothing changes', async () => {
    const pages = ['/newsroom/users', '/newsroom/users/new', `/newsroom/users/${writer.id}`, '/newsroom/users/999999', '/newsroom/settings', '/newsroom/settings/editions/new', '/newsroom/settings/editions/en', '/newsroom/audit'];
    const forms: [string, Record<string, string>][] = [
      ['/newsroom/users', { name: 'Sneaky Guest', email: 'sneaky@newsroom.example', role: 'admin', password: PASSWORD }],
      [`/newsroom/users/${writer.id}/role`, { role: 'admin' }],
      [`/newsroom/users/${writer.id}/author`, { author_id: String(t.site.authors.boris) }],
      [`/newsroom/users/${admin.id}/disable`, {}],
      [`/newsroom/users/${writer.id}/enable`, {}],
      [`/newsroom/users/${admin.id}/password`, { password: 'a password chosen by an intruder' }],
      ['/newsroom/settings', { default_edition: 'ru', logo_media_id: '' }],
      ['/newsroom/settings/editions', { code: 'zz', name: 'Zed', site_name: 'Zed', locale: 'en', time_zone: 'UTC', position: '5' }],
      ['/newsroom/settings/editions/en', { name: 'English', site_name: 'Hijacked Herald', locale: 'en-GB', time_zone: 'UTC', position: '0' }],
    ];
    for (const [who, client] of [
      ['editor', asEditor],
      ['writer', asWriter],
    ] as const) {
      for (const path of pages) {
        const response = await client.get(path);
        expect(response.statusCode, `${who} GET ${path}`).toBe(403);
        expect(response.body).toContain('may not');
      }
      // A page the client may see, for a fresh CSRF token: the forms must fail on the role, not the token.
      await client.get('/newsroom');
      for (const [path, form] of forms) {
        expect((await client.post(path, form)).statusCode, `${who} POST ${path}`).toBe(403);
      }
      // The navigation does not offer what they may not open.
      const dashboard = await client.get('/newsroom');
      expect(dashboard.body).not.toContain('href="/newsroom/users"');
      expect(dashboard.body).not.toContain('href="/newsroom/audit"');
    }
    for (const path of pages.filter((p) => !p.includes('999999'))) {
      expect((await asAdmin.get(path)).statusCode, `admin GET ${path}`).toBe(200);
    }
    expect((await asAdmin.get('/newsroom/users/999999')).statusCode).toBe(404);

    const db = t.testDb.db.kysely;
    expect(await db.selectFrom('users').select('id').where('email', '=', 'sneaky@newsroom.example').executeTakeFirst()).toBeUndefined();
    expect((await db.selectFrom('users').select(['role', 'author_id']).where('id', '=', writer.id).executeTakeFirstOrThrow()).role).toBe('writer');
    expect((await db.selectFrom('users').select('disabled_at').where('id', '=', admin.id).executeTakeFirstOrThrow()).disabled_at).toBeNull();
    expect(await db.selectFrom('editions').select('code').where('code', '=', 'zz').executeTakeFirst()).toBeUndefined();
    const en = await db.selectFrom('editions').selectAll().where('code', '=', 'en').executeTakeFirstOrThrow();
    expect(en.site_name).toBe('Test Herald');
    expect(en.is_default).toBe(1);
    // Unauthenticated: to the login page, not a 403.
    expect((await new NewsroomClient(t.app.fastify).get('/newsroom/settings')).headers.location).toBe('/newsroom/login?next=%2Fnewsroom%2Fsettings');
  });

  run('lists users with role, byline, status and last login', async () => {
    const page = await asAdmin.get('/newsroom/users');
    expect(page.body).toContain('Wren Writer');
    expect(page.body).toContain(writer.email);
    expect(page.body).toContain('Ada Quill');
    expect(page.body).toContain('<th scope="col">Last login</th>');
    expect(page.body).toContain('(you)');
    expect(page.body).toContain('Invite a user');
  });

  run('invites a user with a generated password shown once, who can then log in', async () => {
    const form = await asAdmin.get('/newsroom/users/new');
    expect(form.body).toContain('Initial password (optional)');
    expect(form.body).toContain('<option value="">None</option>');

    const bad = await asAdmin.post('/newsroom/users', { name: 'Nell Marsh', email: 'nell at newsroom', role: 'writer', author_id: String(t.site.authors.boris) });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'email')).toContain('is not an e-mail address');
    expect(bad.body).toContain('value="Nell Marsh"');
    expect(bad.body).toContain('value="nell at newsroom"');
    expect(bad.body).toMatch(new RegExp(`<option value="${t.site.authors.boris}" selected>Boris Penn</option>`));

    const made = await asAdmin.post('/newsroom/users', { name: 'Nell Marsh', email: 'Nell.Marsh@newsroom.example', role: 'writer', author_id: String(t.site.authors.boris), password: '' });
    expect(made.statusCode).toBe(201);
    expect(made.body).toContain('only this once');
    const password = generatedPassword(made.body);
    expect(password).toMatch(/^[a-z]+(-[a-z]+){4}-\d{2}$/);
    const row = await t.testDb.db.kysely.selectFrom('users').selectAll().where('email', '=', 'nell.marsh@newsroom.example').executeTakeFirstOrThrow();
    expect(row.role).toBe('writer');
    expect(row.author_id).toBe(t.site.authors.boris);
    expect(row.password_hash).not.toContain(password);

    const nell = await NewsroomClient.login(t.app.fastify, 'nell.marsh@newsroom.example', password);
    const home = await nell.get('/newsroom');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Nell Marsh');

    const again = await asAdmin.post('/newsroom/users', { name: 'Nell Again', email: 'nell.marsh@newsroom.example', role: 'editor', password: PASSWORD });
    expect(again.statusCode).toBe(409);
    expect(fieldError(again.body, 'email')).toContain('already a user');

    const chosen = await asAdmin.post('/newsroom/users', { name: 'Cai Ferris', email: 'cai@newsroom.example', role: 'editor', author_id: '', password: 'short' });
    expect(fieldError(chosen.body, 'password')).toContain('at least 10 characters');
    const ok = await asAdmin.post('/newsroom/users', { name: 'Cai Ferris', email: 'cai@newsroom.example', role: 'editor', author_id: '', password: PASSWORD });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(/^\/newsroom\/users\/\d+\?notice=invited$/);
    expect((await asAdmin.get(ok.headers.location as string)).body).toContain('The account is ready.');
    await NewsroomClient.login(t.app.fastify, 'cai@newsroom.example');
  });

  run('never lets the last active admin be demoted, and no one disable their own account', async () => {
    const demote = await asAdmin.post(`/newsroom/users/${admin.id}/role`, { role: 'editor' });
    expect(demote.statusCode).toBe(409);
    expect(fieldError(demote.body, 'role')).toBe('This is the only active admin: make someone else an admin first.');
    expect(demote.body).toContain('<option value="editor" selected>');
    const self = await asAdmin.post(`/newsroom/users/${admin.id}/disable`);
    expect(self.statusCode).toBe(409);
    expect(self.body).toContain('You cannot disable your own account.');
    const row = await t.testDb.db.kysely.selectFrom('users').select(['role', 'disabled_at']).where('id', '=', admin.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'admin', disabled_at: null });

    // With a second admin, the first may step down; the second may then not.
    const { user: second, client: asSecond } = await signIn(t, 'admin', { name: 'Sam Second', authorId: null });
    const stepDown = await asSecond.post(`/newsroom/users/${second.id}/role`, { role: 'editor' });
    expect(stepDown.statusCode).toBe(303);
    expect(stepDown.headers.location).toBe('/newsroom');
    expect((await asSecond.get('/newsroom/users')).statusCode).toBe(403);
    expect((await asAdmin.post(`/newsroom/users/${admin.id}/role`, { role: 'writer' })).statusCode).toBe(409);
  });

  run('changes roles and bylines, with an audit entry each', async () => {
    const role = await asAdmin.post(`/newsroom/users/${writer.id}/role`, { role: 'editor' });
    expect(role.statusCode).toBe(303);
    expect((await asAdmin.get(role.headers.location as string)).body).toContain('Role changed.');
    const byline = await asAdmin.post(`/newsroom/users/${writer.id}/author`, { author_id: String(t.site.authors.boris) });
    expect(byline.statusCode).toBe(303);
    const badByline = await asAdmin.post(`/newsroom/users/${writer.id}/author`, { author_id: '987654' });
    expect(badByline.statusCode).toBe(400);
    expect(fieldError(badByline.body, 'author_id')).toContain('Choose an author');
    const badRole = await asAdmin.post(`/newsroom/users/${writer.id}/role`, { role: 'owner' });
    expect(badRole.statusCode).toBe(400);
    expect(fieldError(badRole.body, 'role')).toContain('The role must be one of');
    const row = await t.testDb.db.kysely.selectFrom('users').select(['role', 'author_id']).where('id', '=', writer.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'editor', author_id: t.site.authors.boris });
    // The promoted writer's own session has the new role from the next request.
    expect((await asWriter.get('/newsroom')).body).toContain('<span class="role">editor</span>');
    await asAdmin.post(`/newsroom/users/${writer.id}/role`, { role: 'writer' });
  });

  run('disabling an account ends its live session at once; enabling lets it log in again', async () => {
    const { user: victim, client: session } = await signIn(t, 'writer', { name: 'Dora Gone' });
    expect((await session.get('/newsroom')).statusCode).toBe(200);
    const disabled = await asAdmin.post(`/newsroom/users/${victim.id}/disable`);
    expect(disabled.statusCode).toBe(303);
    const next = await session.get('/newsroom/articles');
    expect(next.statusCode).toBe(303);
    expect(next.headers.location).toMatch(/^\/newsroom\/login/);
    const detail = await asAdmin.get(`/newsroom/users/${victim.id}`);
    expect(detail.body).toContain('<dt>Status</dt><dd>Disabled since');
    expect(detail.body).toContain('Enable the account');
    await expect(NewsroomClient.login(t.app.fastify, victim.email)).rejects.toThrow(/401/);
    expect((await asAdmin.post(`/newsroom/users/${victim.id}/enable`)).statusCode).toBe(303);
    expect((await (await NewsroomClient.login(t.app.fastify, victim.email)).get('/newsroom')).statusCode).toBe(200);
  });

  run('resets a password: the user is logged out and the new one works', async () => {
    const { user: target, client: session } = await signIn(t, 'editor', { name: 'Rhea Reset' });
    const reset = await asAdmin.post(`/newsroom/users/${target.id}/password`, { password: '' });
    expect(reset.statusCode).toBe(200);
    const password = generatedPassword(reset.body);
    expect(password).not.toBe('');
    expect((await session.get('/newsroom')).statusCode).toBe(303);
    await NewsroomClient.login(t.app.fastify, target.email, password);
    const weak = await asAdmin.post(`/newsroom/users/${target.id}/password`, { password: 'aaaaaaaaaaaa' });
    expect(weak.statusCode).toBe(400);
    expect(fieldError(weak.body, 'password')).toContain('one character repeated');
  });

  run('refuses a bad time zone, locale, site name and position next to each field, keeping what was typed', async () => {
    const page = await asAdmin.get('/newsroom/settings/editions/en');
    expect(page.body).toContain('<datalist id="time-zones">');
    expect(page.body).toContain('<option value="Asia/Baku"></option>');
    const response = await asAdmin.post('/newsroom/settings/editions/en', { name: 'English', site_name: 'x'.repeat(81), locale: 'en_GB!', time_zone: 'Mars/Olympus_Mons', position: 'first' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'time_zone')).toContain('is not a time zone');
    expect(fieldError(response.body, 'locale')).toContain('is not a language tag');
    expect(fieldError(response.body, 'site_name')).toContain('at most 80 characters');
    expect(fieldError(response.body, 'position')).toContain('whole number');
    expect(response.body).toContain('value="Mars/Olympus_Mons"');
    expect(response.body).toContain('value="en_GB!"');
    expect(response.body).toMatch(/id="f-time_zone"[^>]*aria-describedby="f-time_zone-hint f-time_zone-error" aria-invalid="true"/);
    expect(response.body).toContain('<a href="#f-time_zone">');
    const en = await t.testDb.db.kysely.selectFrom('editions').selectAll().where('code', '=', 'en').executeTakeFirstOrThrow();
    expect(en.time_zone).toBe('Asia/Baku');
    expect(en.locale).toBe('en-GB');
  });

  run('refuses a duplicate, reserved or clashing edition code, and adds a good one', async () => {
    const edition = { name: 'Azərbaycanca', site_name: 'Test Xəbərçi', locale: 'az-Latn', time_zone: 'Asia/Baku', position: '2' };
    for (const [code, message] of [
      ['ru', 'already an edition with the code “ru”'],
      ['newsroom', 'taken by the site itself'],
      ['api', 'taken by the site itself'],
      ['search', 'taken by the site itself'],
      ['world', 'the address of the section “World”'],
      ['AZ', '2 to 8 lower-case letters'],
      ['azerbaijan', '2 to 8 lower-case letters'],
    ] as const) {
      const response = await asAdmin.post('/newsroom/settings/editions', { ...edition, code });
      expect(response.statusCode, code).toBe(400);
      expect(fieldError(response.body, 'code'), code).toContain(message);
      expect(response.body).toContain(`value="${code}"`);
      expect(response.body).toContain('value="Test Xəbərçi"');
    }
    const form = await asAdmin.get('/newsroom/settings/editions/new');
    expect(form.body).toContain('needs at least one section');
    const made = await asAdmin.post('/newsroom/settings/editions', { ...edition, code: 'az', locale: 'az-latn', time_zone: 'asia/baku' });
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe('/newsroom/settings/editions/az?notice=added');
    const az = await t.testDb.db.kysely.selectFrom('editions').selectAll().where('code', '=', 'az').executeTakeFirstOrThrow();
    // Stored as the runtime spells them.
    expect(az).toMatchObject({ locale: 'az-Latn', time_zone: 'Asia/Baku', is_default: 0, site_name: 'Test Xəbərçi', position: 2 });
    // Readers see it at once: the home page offers it in the edition switcher.
    expect((await t.app.fastify.inject('/')).body).toContain('Azərbaycanca');
    const settings = await asAdmin.get('/newsroom/settings');
    expect(settings.body).toContain('/az');
  });

  run('shows a site name change on the home page at once', async () => {
    const before = await t.app.fastify.inject('/');
    expect(before.body).toContain('<title>Test Herald</title>');
    // Asked twice so that the page is in the cache before the change.
    expect((await t.app.fastify.inject('/')).body).toContain('<title>Test Herald</title>');
    const saved = await asAdmin.post('/newsroom/settings/editions/en', { name: 'English', site_name: 'Harbour Evening Post', locale: 'en-GB', time_zone: 'Asia/Baku', position: '0' });
    expect(saved.statusCode).toBe(303);
    const after = await t.app.fastify.inject('/');
    expect(after.body).toContain('<title>Harbour Evening Post</title>');
    expect(after.body).not.toContain('Test Herald');
    expect((await asAdmin.get('/newsroom')).body).toContain('Harbour Evening Post <span>Newsroom</span>');
    const unchanged = await asAdmin.post('/newsroom/settings/editions/en', { name: 'English', site_name: 'Harbour Evening Post', locale: 'en-GB', time_zone: 'Asia/Baku', position: '0' });
    expect(unchanged.headers.location).toBe('/newsroom/settings/editions/en?notice=unchanged');
    await asAdmin.post('/newsroom/settings/editions/en', { name: 'English', site_name: 'Test Herald', locale: 'en-GB', time_zone: 'Asia/Baku', position: '0' });
  });

  run('switches feeds between full text and summaries at once', async () => {
    const site = { default_edition: 'en', logo_media_id: '' };
    const full = await t.app.fastify.inject('/feed.xml');
    expect(full.body).toContain('<content:encoded>');
    const off = await asAdmin.post('/newsroom/settings', site);
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/newsroom/settings?notice=saved');
    expect((await t.app.fastify.inject('/feed.xml')).body).not.toContain('<content:encoded>');
    expect((await t.app.fastify.inject('/feed.json')).body).not.toContain('"content_html"');
    const page = await asAdmin.get('/newsroom/settings');
    expect(page.body).not.toMatch(/id="f-feeds_full_content"[^>]* checked/);
    await asAdmin.post('/newsroom/settings', { ...site, feeds_full_content: '1' });
    expect((await t.app.fastify.inject('/feed.xml')).body).toContain('<content:encoded>');
    const again = await asAdmin.post('/newsroom/settings', { ...site, feeds_full_content: '1' });
    expect(again.headers.location).toBe('/newsroom/settings?notice=unchanged');
  });

  run('uses a chosen logo in the Organization JSON-LD and the RSS image, and the SVG otherwise', async () => {
    const image = await createImage(t.testDb.db.kysely, t.testDb.dataDir, { alt: 'The Test Herald masthead' });
    const logo = `https://news.example/media/${image.storage_key}/480.jpg`;
    const bad = await asAdmin.post('/newsroom/settings', { default_edition: 'en', feeds_full_content: '1', logo_media_id: '424242' });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'logo_media_id')).toContain('Choose an image');
    const saved = await asAdmin.post('/newsroom/settings', { default_edition: 'en', feeds_full_content: '1', logo_media_id: String(image.id) });
    expect(saved.statusCode).toBe(303);
    const home = (await t.app.fastify.inject('/')).body;
    expect(home).toContain(`"@type":"Organization"`);
    expect(home).toContain(`"logo":"${logo}"`);
    expect((await t.app.fastify.inject('/feed.xml')).body).toContain(`<image><url>${logo}</url>`);
    expect((await asAdmin.get('/newsroom/settings')).body).toContain('alt="The Test Herald masthead"');
    await asAdmin.post('/newsroom/settings', { default_edition: 'en', feeds_full_content: '1', logo_media_id: '' });
    expect((await t.app.fastify.inject('/')).body).toMatch(/"logo":"https:\/\/news\.example\/assets\/logo\.[0-9a-f]+\.svg"/);
    expect((await t.app.fastify.inject('/feed.xml')).body).toMatch(/<image><url>https:\/\/news\.example\/assets\/logo\.[0-9a-f]+\.svg<\/url>/);
  });

  run('moves the default edition to the root and back', async () => {
    const moved = await asAdmin.post('/newsroom/settings', { default_edition: 'ru', feeds_full_content: '1', logo_media_id: '' });
    expect(moved.statusCode).toBe(303);
    expect((await t.app.fastify.inject('/')).body).toContain('Тестовый вестник');
    expect((await t.app.fastify.inject('/en')).statusCode).toBe(200);
    const rows = await t.testDb.db.kysely.selectFrom('editions').select(['code', 'is_default']).orderBy('code').execute();
    expect(rows.filter((r) => r.is_default === 1).map((r) => r.code)).toEqual(['ru']);
    await asAdmin.post('/newsroom/settings', { default_edition: 'en', feeds_full_content: '1', logo_media_id: '' });
    expect((await t.app.fastify.inject('/')).body).toContain('<title>Test Herald</title>');
    const unknown = await asAdmin.post('/newsroom/settings', { default_edition: 'xx', feeds_full_content: '1', logo_media_id: '' });
    expect(unknown.statusCode).toBe(400);
    expect(fieldError(unknown.body, 'default_edition')).toBe('Choose one of the editions.');
  });

  run('shows the audit log newest first, with role changes, links, and a filter by action', async () => {
    const page = await asAdmin.get('/newsroom/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<option value="user.role">Role changed (user.role)</option>');
    expect(page.body).toContain('<option value="settings.change">Settings changed (settings.change)</option>');
    const roles = await asAdmin.get('/newsroom/audit?action=user.role');
    expect(roles.body).toContain(`${writer.email}: writer → editor`);
    expect(roles.body).toContain(`<a href="/newsroom/users/${writer.id}">user ${writer.id}</a>`);
    expect(roles.body).toContain(`<a href="/newsroom/users/${admin.id}">Iris Admin</a>`);
    expect(roles.body).toContain('<option value="user.role" selected>');
    expect(roles.body).not.toContain('nell.marsh@newsroom.example as writer');
    // UTC first, then the default edition's zone.
    expect(roles.body).toMatch(/<time datetime="[^"]+Z">\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC<\/time><br><span class="muted">[^<]+ Asia\/Baku<\/span>/);
    const settings = await asAdmin.get('/newsroom/audit?action=settings.change');
    expect(settings.body).toContain('site name “Test Herald” → “Harbour Evening Post”');
    expect(settings.body).toContain('feeds carry summaries only');
    expect(settings.body).toContain('added edition “Azərbaycanca”');
    expect(settings.body).toContain('<a href="/newsroom/settings/editions/en">edition en</a>');
    expect((await asAdmin.get('/newsroom/audit?action=user.create')).body).toContain('nell.marsh@newsroom.example as writer');
    // An article's entry links to it while it exists; a deleted one's stays as text.
    await recordAudit(t.testDb.db.kysely, null, 'article.unpublish', `article ${articleId}`, 'Harbour lights return');
    await recordAudit(t.testDb.db.kysely, null, 'article.unpublish', 'article 999999', 'A story long gone');
    const articles = await asAdmin.get('/newsroom/audit?action=article.unpublish');
    expect(articles.body).toContain(`<a href="/newsroom/articles/${articleId}">article ${articleId}</a>`);
    expect(articles.body).toContain('<td>article 999999</td>');
    expect(articles.body).toContain('<td>System</td>');
    expect((await asAdmin.get('/newsroom/audit?before=abc')).statusCode).toBe(400);
    expect((await asAdmin.get('/newsroom/audit?action=%3Cscript%3E')).statusCode).toBe(400);
  });

  run('pages through the audit log 50 at a time by id', async () => {
    const db = t.testDb.db.kysely;
    for (let i = 1; i <= 120; i++) await recordAudit(db, null, 'test.bulk', `item ${i}`, `bulk entry ${i}`);
    const seen: string[] = [];
    let url: string | undefined = '/newsroom/audit?action=test.bulk';
    const sizes: number[] = [];
    while (url) {
      const page = await asAdmin.get(url);
      expect(page.statusCode).toBe(200);
      sizes.push(tbodyRows(page.body));
      seen.push(...[...page.body.matchAll(/<td>item (\d+)<\/td>/g)].map((m) => m[1]!));
      url = olderLink(page.body);
      if (url) expect(url).toContain('action=test.bulk');
    }
    expect(sizes).toEqual([50, 50, 20]);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => String(120 - i)));
    // The whole log pages too, and the first page links to older entries.
    const all = await asAdmin.get('/newsroom/audit');
    expect(tbodyRows(all.body)).toBe(50);
    expect(olderLink(all.body)).toBeDefined();
  });
});

describe.skipIf(!inject('chromium'))('newsroom admin pages in Chromium', () => {
  let browser: Browser;
  let running: RunningSite<{ email: string; userId: number }> | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    running = await startSite('sqlite', async (db, site, dataDir) => {
      const user = await createTestUser(db, 'admin', site, { name: 'Ines Axe', authorId: null });
      const other = await createTestUser(db, 'writer', site, { name: 'Theo Tab' });
      // A logo in use, so that the settings page shows its preview too.
      const image = await createImage(db, dataDir, { alt: 'Test Herald masthead' });
      await db.insertInto('settings').values({ key: 'site.logo_media_id', value: String(image.id) }).execute();
      return { email: user.email, userId: other.id };
    });
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await stopSite(running);
    await browser?.close();
  });

  async function loggedIn(options: { bypassCSP?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
    const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, ...options });
    contexts.push(context);
    const page = await context.newPage();
    await logInInBrowser(page, running!.data.email);
    return page;
  }

  it.each(['light', 'dark'] as const)('has no axe violations on any admin page, also with errors shown (%s)', async (colorScheme) => {
    const page = await loggedIn({ bypassCSP: true, colorScheme });
    const failures: string[] = [];
    const check = async (name: string) => {
      const violations = await axeViolations(page);
      if (violations.length) failures.push(formatViolations(violations, `${name} (${colorScheme})`));
    };
    for (const path of ['/newsroom/users', '/newsroom/users/new', `/newsroom/users/${running!.data.userId}`, '/newsroom/settings', '/newsroom/settings/editions/en', '/newsroom/settings/editions/new', '/newsroom/audit']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await check(path);
    }
    await page.goto('/newsroom/settings/editions/new');
    // Every required field filled, so that the browser's own checks let the form go to the server.
    await page.getByLabel('Code', { exact: true }).fill('search');
    await page.getByLabel('Site name', { exact: true }).fill('Search Gazette');
    await page.getByLabel('Edition name', { exact: true }).fill('Search');
    await page.getByLabel('Locale', { exact: true }).fill('en');
    await page.getByLabel('Time zone', { exact: true }).fill('Nowhere/Special');
    await page.getByRole('button', { name: 'Add the edition' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('alert').count()).toBe(1);
    await check('edition form with errors');
  });

  it('invites a user and changes settings by keyboard alone, without console or CSP errors', async () => {
    const page = await loggedIn();
    const problems = collectProblems(page);
    await page.goto('/newsroom/users/new');
    await tabTo(page, '#f-name');
    await page.keyboard.type('Kit Keys');
    await page.keyboard.press('Tab');
    await page.keyboard.type('kit.keys@newsroom.example');
    await tabTo(page, '#f-password');
    await page.keyboard.press('Enter');
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Pass on the password');
    expect(await page.locator('code.generated-password').textContent()).toMatch(/^[a-z-]+\d{2}$/);

    await page.goto('/newsroom/settings/editions/en');
    await tabTo(page, '#f-site_name');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Keyboard Gazette');
    await page.keyboard.press('Enter');
    await page.waitForURL(/notice=edition/);
    expect(await page.getByRole('status').textContent()).toContain('Edition saved');
    // After a failed form, focus is on the summary of problems; its link leads to the field.
    await page.getByLabel('Time zone', { exact: true }).fill('Atlantis/Lost');
    await page.getByRole('button', { name: 'Save the edition' }).click();
    await page.waitForLoadState();
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    await tabTo(page, 'a[href="#f-time_zone"]');
    // The refused form itself is the one expected 400.
    expect(problems.messages.filter((m) => !/HTTP 400|status of 400/.test(m))).toEqual([]);
    const home = await page.goto('/');
    expect(await home?.text()).toContain('Keyboard Gazette');
  });
});
