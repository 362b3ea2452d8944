import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword, setDisabled, actorOf } from '../src/features/users/user.service.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { createTestUser, NewsroomClient, PASSWORD, signIn } from './helpers/newsroom.js';

describe.each(DIALECTS)('newsroom accounts on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    if (dialectAvailable(dialect)) t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it.runIf(dialectAvailable(dialect))('sets up the first admin in the browser when there is no user, and only then', async () => {
    const client = new NewsroomClient(t.app.fastify);
    const login = await client.get('/newsroom/login');
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/newsroom/setup');
    const page = await client.get('/newsroom/setup');
    expect(page.body).toContain('Create the admin account');
    const weak = await client.post('/newsroom/setup', { name: 'Mira Sol', email: 'mira@newsroom.example', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('at least 10 characters');
    expect(weak.body).toContain('value="mira@newsroom.example"');
    const made = await client.post('/newsroom/setup', { name: 'Mira Sol', email: 'Mira@Newsroom.example', password: PASSWORD });
    expect(made.statusCode).toBe(303);
    const dashboard = await client.get('/newsroom');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('Mira Sol');
    expect(dashboard.body).toContain('Users');
    const again = await new NewsroomClient(t.app.fastify).get('/newsroom/setup');
    expect(again.headers.location).toBe('/newsroom/login');
    const forced = await client.post('/newsroom/setup', { name: 'Intruder', email: 'x@example.com', password: PASSWORD });
    expect(forced.statusCode).toBe(409);
  });

  it.runIf(dialectAvailable(dialect))('logs in with a new HttpOnly, SameSite session cookie each time, and out again', async () => {
    const user = await createTestUser(t.testDb.db.kysely, 'editor', t.site);
    const anonymous = new NewsroomClient(t.app.fastify);
    const bounce = await anonymous.get('/newsroom/articles?state=draft');
    expect(bounce.statusCode).toBe(303);
    expect(bounce.headers.location).toBe('/newsroom/login?next=%2Fnewsroom%2Farticles%3Fstate%3Ddraft');

    await anonymous.get('/newsroom/login');
    const response = await anonymous.post('/newsroom/login', { email: user.email, password: PASSWORD, next: '/newsroom/articles' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/newsroom/articles');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/__Host-dateline_session=[\w-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
    const first = anonymous.cookies.get('__Host-dateline_session');

    // Logging in again gives a new token and ends the old session (no fixation).
    await anonymous.get('/newsroom/login');
    const again = await NewsroomClient.login(t.app.fastify, user.email);
    expect(again.cookies.get('__Host-dateline_session')).not.toBe(first);

    const logout = await again.post('/newsroom/logout');
    expect(logout.statusCode).toBe(303);
    const after = await again.get('/newsroom');
    expect(after.headers.location).toMatch(/^\/newsroom\/login/);
  });

  it.runIf(dialectAvailable(dialect))('never follows a login "next" off the newsroom', async () => {
    const user = await createTestUser(t.testDb.db.kysely, 'writer', t.site);
    for (const next of ['https://evil.example/', '//evil.example/newsroom', '/newsroom//evil.example', '/search']) {
      const client = new NewsroomClient(t.app.fastify);
      await client.get('/newsroom/login');
      const response = await client.post('/newsroom/login', { email: user.email, password: PASSWORD, next });
      expect(response.headers.location).toBe('/newsroom');
    }
  });

  it.runIf(dialectAvailable(dialect))('says the same about an unknown account and a wrong password', async () => {
    const user = await createTestUser(t.testDb.db.kysely, 'writer', t.site);
    const client = new NewsroomClient(t.app.fastify, '10.0.0.9');
    await client.get('/newsroom/login');
    const wrong = await client.post('/newsroom/login', { email: user.email, password: 'not the password' });
    const unknown = await client.post('/newsroom/login', { email: 'nobody@newsroom.example', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('The e-mail address or the password is wrong.');
    expect(unknown.body).toContain('The e-mail address or the password is wrong.');
    expect(wrong.body).toContain(`value="${user.email}"`);
  });

  it.runIf(dialectAvailable(dialect))('limits failed logins per account, with a clear message, even for the right password', async () => {
    const user = await createTestUser(t.testDb.db.kysely, 'writer', t.site);
    for (let i = 0; i < 5; i++) {
      // From different addresses: the account's own limit applies.
      const client = new NewsroomClient(t.app.fastify, `10.1.0.${i + 1}`);
      await client.get('/newsroom/login');
      expect((await client.post('/newsroom/login', { email: user.email, password: `wrong ${i}` })).statusCode).toBe(401);
    }
    const client = new NewsroomClient(t.app.fastify, '10.1.0.99');
    await client.get('/newsroom/login');
    const blocked = await client.post('/newsroom/login', { email: user.email, password: PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toMatch(/Too many failed attempts for this account\. Try again in 1[45] minutes\./);
  });

  it.runIf(dialectAvailable(dialect))('limits failed logins per address across accounts', async () => {
    const client = new NewsroomClient(t.app.fastify, '10.2.0.1');
    await client.get('/newsroom/login');
    for (let i = 0; i < 20; i++) await client.post('/newsroom/login', { email: `guess${i}@newsroom.example`, password: 'guess' });
    const user = await createTestUser(t.testDb.db.kysely, 'writer', t.site);
    const blocked = await client.post('/newsroom/login', { email: user.email, password: PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('from your network address');
    // Another address is not affected.
    expect((await NewsroomClient.login(t.app.fastify, user.email)).cookies.size).toBeGreaterThan(0);
  });

  it.runIf(dialectAvailable(dialect))('refuses forms without the session’s CSRF token and changes nothing', async () => {
    const { user, client } = await signIn(t, 'editor');
    for (const token of ['', 'forged-token-value-1234567890']) {
      const response = await client.post('/newsroom/articles', { _csrf: token, section_id: String(t.site.sections.en.world), headline: 'Forged', author_ids: String(t.site.authors.ada) });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('did not come from this site');
    }
    const count = await t.testDb.db.kysely.selectFrom('articles').select('id').where('headline', '=', 'Forged').execute();
    expect(count).toHaveLength(0);
    // The login form is protected too (login CSRF).
    const stranger = new NewsroomClient(t.app.fastify);
    const forged = await stranger.post('/newsroom/login', { _csrf: 'x', email: user.email, password: PASSWORD });
    expect(forged.statusCode).toBe(403);
  });

  it.runIf(dialectAvailable(dialect))('ends every other session when the password changes, and all when the account is disabled', async () => {
    const db = t.testDb.db.kysely;
    const user = await createTestUser(db, 'writer', t.site);
    const admin = await createTestUser(db, 'admin', t.site);
    const laptop = await NewsroomClient.login(t.app.fastify, user.email);
    const phone = await NewsroomClient.login(t.app.fastify, user.email);

    const page = await laptop.get('/newsroom/account');
    expect(page.body).toContain('Change your password');
    const wrong = await laptop.post('/newsroom/account/password', { current: 'nope', password: 'a whole new passphrase' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('The current password is wrong.');
    const changed = await laptop.post('/newsroom/account/password', { current: PASSWORD, password: 'a whole new passphrase' });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('other sessions have ended');
    expect((await laptop.get('/newsroom')).statusCode).toBe(200);
    expect((await phone.get('/newsroom')).statusCode).toBe(303);

    await setDisabled(db, actorOf(admin), user.id, true);
    expect((await laptop.get('/newsroom')).statusCode).toBe(303);
    const client = new NewsroomClient(t.app.fastify, '10.3.0.1');
    await client.get('/newsroom/login');
    const refused = await client.post('/newsroom/login', { email: user.email, password: 'a whole new passphrase' });
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toContain('This account is disabled.');
    await changePassword(db, actorOf(admin), admin.id, PASSWORD);
  });

  it.runIf(dialectAvailable(dialect))('keeps sessions in the database as hashes only', async () => {
    const { user, client } = await signIn(t, 'writer');
    const token = client.cookies.get('__Host-dateline_session') as string;
    const rows = await t.testDb.db.kysely.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).not.toContain(token);
    expect(rows[0]!.id_hash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await t.testDb.db.kysely.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });

  it.runIf(dialectAvailable(dialect))('sends newsroom pages with no-store and noindex', async () => {
    const response = await new NewsroomClient(t.app.fastify).get('/newsroom/login');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex, nofollow');
  });
});
