import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import type { Database, Role, User } from '../../src/db/schema.js';
import { createUser } from '../../src/features/users/user.service.js';
import { testClock } from './clock.js';
import type { Site } from './factories.js';
import type { TestApp } from './test-app.js';

export const PASSWORD = 'harbour lights 2026';

export type MultipartPart = { name: string; value: string } | { name: string; filename: string; type: string; data: Buffer };

/** A multipart/form-data body, parts in the given order, as a browser sends it. */
export function multipart(parts: MultipartPart[]): { payload: Buffer; contentType: string } {
  const boundary = `----DatelineTest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    else chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`), part.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

let users = 0;

/** A newsroom user with a role; writers get a byline of their own (Ada Quill by default). */
export async function createTestUser(db: Kysely<Database>, role: Role, site?: Site, overrides: Partial<{ email: string; name: string; authorId: number | null }> = {}): Promise<User> {
  users++;
  return createUser(db, null, {
    email: overrides.email ?? `${role}${users}-${randomBytes(4).toString('hex')}@newsroom.example`,
    name: overrides.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${users}`,
    role,
    password: PASSWORD,
    authorId: overrides.authorId !== undefined ? overrides.authorId : (site?.authors.ada ?? null),
  }, testClock.now());
}

type Form = Record<string, string | string[] | undefined>;

export const formBody = (form: Form): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params.toString();
};

export const csrfIn = (page: string): string => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

/**
 * A browser-like client for in-process requests: keeps cookies, and the CSRF token of the last
 * page it saw, which it sends with every form.
 */
export class NewsroomClient {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly fastify: FastifyInstance, readonly address = '127.0.0.1') {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < testClock.ms())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = csrfIn(response.body);
    if (token) this.csrf = token;
    return response;
  }

  private get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(await this.fastify.inject({ method: 'GET', url, remoteAddress: this.address, headers: { cookie: this.cookieHeader, ...headers } }));
  }

  /** Posts a form with the current CSRF token (unless the form sets its own `_csrf`). */
  async post(url: string, form: Form = {}, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.fastify.inject({
        method: 'POST',
        url,
        remoteAddress: this.address,
        headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: formBody({ _csrf: this.csrf, ...form }),
      }),
    );
  }

  static async login(fastify: FastifyInstance, email: string, password = PASSWORD): Promise<NewsroomClient> {
    const client = new NewsroomClient(fastify);
    await client.get('/newsroom/login');
    const response = await client.post('/newsroom/login', { email, password });
    if (response.statusCode !== 303) throw new Error(`login failed: ${response.statusCode} ${response.body.slice(0, 300)}`);
    await client.get('/newsroom');
    return client;
  }
}

/** A new user of the test app with the role (see createTestUser), and a client logged in as them. */
export async function signIn(t: TestApp, role: Role, overrides: Parameters<typeof createTestUser>[3] = {}): Promise<{ user: User; client: NewsroomClient }> {
  const user = await createTestUser(t.testDb.db.kysely, role, t.site, overrides);
  return { user, client: await NewsroomClient.login(t.app.fastify, user.email) };
}

/** Logs a browser page in through the login form; returns once the dashboard is shown. */
export async function logInInBrowser(page: Page, email: string): Promise<void> {
  await page.goto('/newsroom/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/newsroom$/);
}

/** A complete article form as the editor posts it. */
export function articleForm(site: Site, overrides: Form = {}): Form {
  return {
    section_id: String(site.sections.en.world),
    headline: 'Ferry timetable changes for winter',
    standfirst: 'Fewer crossings between December and March.',
    body: '<p>The ferry company said on Monday that it would run four crossings a day.</p><figure class="quote"><blockquote><p>We will keep the morning boat.</p></blockquote><figcaption>— Lena Ostrova, ferry company director</figcaption></figure>',
    dateline_place: 'Port Velmar',
    author_ids: [String(site.authors.ada)],
    tags_person: 'Lena Ostrova',
    tags_place: 'Port Velmar',
    tags_organisation: '',
    tags_topic: 'Transport',
    source_publication_0: String(site.publications.reuters),
    source_url_0: 'https://www.reuters.com/example-ferry',
    source_role_0: 'citing',
    source_publication_1: String(site.publications.afp),
    source_role_1: 'citing',
    intent: 'save',
    ...overrides,
  };
}

export const idFromLocation = (location: string | undefined): number => Number(/\/newsroom\/articles\/(\d+)/.exec(location ?? '')?.[1]);
