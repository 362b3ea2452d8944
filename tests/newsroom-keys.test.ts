import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashKey } from '../src/features/api-keys/api-key.js';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, formatViolations, launchBrowser } from './helpers/browser.js';
import { createTestUser, logInInBrowser, signIn, type NewsroomClient } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from './helpers/test-server.js';

const KEY = /dl_[0-9a-f]{8}_[A-Za-z0-9_-]{43}/g;

describe.each(DIALECTS)('newsroom integration keys on %s', (dialect) => {
  let t: TestApp;
  let admin: NewsroomClient;
  let editor: NewsroomClient;
  let adminName: string;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    ({ user: { name: adminName }, client: admin } = await signIn(t, 'admin', { name: 'Ayla Admin' }));
    ({ client: editor } = await signIn(t, 'editor'));
  });
  afterAll(async () => t?.close());

  const db = () => t.testDb.db.kysely;
  const api = (key: string | undefined) =>
    t.app.fastify.inject({ method: 'GET', url: '/api/v1/admin/articles/999999', headers: key === undefined ? {} : { authorization: `Bearer ${key}` } });

  it.runIf(dialectAvailable(dialect))('are for admins only', async () => {
    const page = await admin.get('/newsroom/keys');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="/newsroom/keys" aria-current="page">Integrations</a>');
    expect(page.body).toContain('No integration keys yet.');
    expect((await editor.get('/newsroom/keys')).statusCode).toBe(403);
    await editor.get('/newsroom');
    expect((await editor.post('/newsroom/keys', { name: 'Sneaky', role: 'admin' })).statusCode).toBe(403);
    expect(await db().selectFrom('api_keys').select('id').execute()).toEqual([]);
    const anonymous = await t.app.fastify.inject({ method: 'GET', url: '/newsroom/keys' });
    expect(anonymous.statusCode).toBe(303);
  });

  it.runIf(dialectAvailable(dialect))('shows a new key once, stores only its hash, and records who made it', async () => {
    await admin.get('/newsroom/keys');
    const made = await admin.post('/newsroom/keys', { name: '  Wire desk   import ', role: 'editor' });
    expect(made.statusCode).toBe(201);
    const shown = [...new Set(made.body.match(KEY))];
    expect(shown).toHaveLength(1);
    const key = shown[0]!;
    expect(made.body).toContain(`<input type="text" id="new-key" readonly value="${key}"`);
    expect(made.body).toContain('<button type="button" data-copy="new-key">Copy</button>');
    expect(made.body).toContain('Key “Wire desk import” created.');

    const row = await db().selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Wire desk import', role: 'editor', prefix: key.slice(3, 11), key_hash: hashKey(key), last_used_at: null, revoked_at: null });
    // Neither the key nor its secret part is anywhere in the database in clear.
    const secret = key.slice(12);
    const everything = JSON.stringify([await db().selectFrom('api_keys').selectAll().execute(), await db().selectFrom('audit_log').selectAll().execute()]);
    expect(everything).not.toContain(secret);
    expect(await db().selectFrom('audit_log').select(['actor', 'action', 'subject']).where('action', 'like', 'apikey.%').execute()).toEqual([
      { actor: adminName, action: 'apikey.create', subject: `api key ${row.id}` },
    ]);

    const again = await admin.get('/newsroom/keys');
    expect(again.body.match(KEY)).toBeNull();
    expect(again.body).toContain(`<code>dl_${row.prefix}_…</code>`);
    expect(again.body).toContain('<th scope="row">Wire desk import</th>');
    expect(again.body).toContain(`by ${adminName}`);
    expect(again.body).toContain('Never');

    // The key works, and its first use is recorded.
    expect((await api(key)).statusCode).toBe(404);
    expect((await db().selectFrom('api_keys').select('last_used_at').executeTakeFirstOrThrow()).last_used_at).not.toBeNull();
    expect((await api(undefined)).statusCode).toBe(401);
  });

  it.runIf(dialectAvailable(dialect))('refuses a bad form next to the fields, keeping what was typed', async () => {
    await admin.get('/newsroom/keys');
    const empty = await admin.post('/newsroom/keys', { name: '   ', role: 'superuser' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<p class="field-error" id="f-name-error"><span class="visually-hidden">Error: </span>Give the key a name');
    expect(empty.body).toContain('<p class="field-error" id="f-role-error"><span class="visually-hidden">Error: </span>Choose the role the key acts with.</p>');
    expect(empty.body).toMatch(/id="f-name"[^>]*aria-describedby="f-name-hint f-name-error" aria-invalid="true"/);
    expect(empty.body).toContain('<a href="#f-name">');
    expect(empty.body.match(KEY)).toBeNull();

    const clash = await admin.post('/newsroom/keys', { name: 'Wire desk import', role: 'writer' });
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain('An active key is already called “Wire desk import”');
    expect(clash.body).toContain('value="Wire desk import"');
    expect(clash.body).toMatch(/<option value="writer" selected>/);
    expect(await db().selectFrom('api_keys').select('id').execute()).toHaveLength(1);

    const forged = await admin.post('/newsroom/keys', { name: 'Forged', role: 'writer', _csrf: 'not-the-token' });
    expect(forged.statusCode).toBe(403);
  });

  it.runIf(dialectAvailable(dialect))('revokes a key after asking, and the key stops working at once', async () => {
    const page = await admin.get('/newsroom/keys');
    const made = await admin.post('/newsroom/keys', { name: 'Phone app', role: 'writer' });
    const key = made.body.match(KEY)![0];
    expect((await api(key)).statusCode).toBe(404);
    const row = await db().selectFrom('api_keys').select('id').where('name', '=', 'Phone app').executeTakeFirstOrThrow();
    expect(page.statusCode).toBe(200);
    const list = await admin.get('/newsroom/keys');
    expect(list.body).toContain(`<form method="post" action="/newsroom/keys/${row.id}/revoke" class="inline-form" data-confirm="Revoke the key “Phone app”?`);

    const revoked = await admin.post(`/newsroom/keys/${row.id}/revoke`);
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/newsroom/keys?notice=revoked');
    const after = await admin.get('/newsroom/keys?notice=revoked');
    expect(after.body).toContain('Key revoked.');
    expect(after.body).not.toContain(`/newsroom/keys/${row.id}/revoke`);
    expect(after.body).toMatch(/<th scope="row">Phone app<\/th>[\s\S]*?<span class="status">Revoked<\/span>/);

    const refused = await api(key);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ status: 401, detail: 'The integration key is missing, malformed, unknown or revoked.' });
    expect((await admin.post(`/newsroom/keys/${row.id}/revoke`)).statusCode).toBe(409);
    expect((await admin.post('/newsroom/keys/123456/revoke')).statusCode).toBe(404);
    const audit = await db().selectFrom('audit_log').select(['actor', 'subject']).where('action', '=', 'apikey.revoke').execute();
    expect(audit).toEqual([{ actor: adminName, subject: `api key ${row.id}` }]);
  });
});

describe.skipIf(!inject('chromium'))('integration keys page in Chromium', () => {
  let browser: Browser;
  let running: RunningSite<{ email: string }> | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    running = await startSite('sqlite', async (db, site) => ({ email: (await createTestUser(db, 'admin', site)).email }));
  });
  afterAll(async () => {
    await browser?.close();
    await stopSite(running);
  });

  it('has no axe violations with an error, with a new key and its copy button, and after revoking', async () => {
    const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, bypassCSP: true });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: running!.server.url });
      const page = await context.newPage();
      const problems = collectProblems(page);
      await logInInBrowser(page, running!.data.email);
      const found: string[] = [];
      const check = async (label: string) => found.push(formatViolations(await axeViolations(page), label));

      await page.goto('/newsroom/keys');
      await check('empty list');
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.waitForLoadState();
      expect(await page.locator('#f-name-error').textContent()).toContain('Give the key a name');
      // The summary of problems takes focus, so that a screen reader announces it.
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
      await check('form with an error');

      await page.getByLabel('Name').fill('Wire desk import');
      await page.getByLabel('Role').selectOption('editor');
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.waitForLoadState();
      const key = await page.locator('#new-key').inputValue();
      expect(key).toMatch(KEY);
      await page.getByRole('button', { name: 'Copy' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Copied' }).count()).toBe(1);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
      await check('new key shown');

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Revoke “Wire desk import”' }).click();
      await page.waitForURL(/notice=revoked/);
      expect(await page.getByRole('status').textContent()).toContain('Key revoked.');
      await check('after revoking');
      expect(found.filter((f) => !f.endsWith('no axe violations')).join('\n')).toBe('');
      // The refused form is a 400 on purpose; nothing else may go wrong.
      expect(problems.messages.filter((m) => !/HTTP 400|status of 400/.test(m))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
