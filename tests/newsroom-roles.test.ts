import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { ArticleRow, Database, Role } from '../src/db/schema.js';
import { toLocalDateTime } from '../src/lib/dates.js';
import { actorOf } from '../src/features/users/user.service.js';
import { testClock, testNow } from './helpers/clock.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { articleForm, createTestUser, NewsroomClient } from './helpers/newsroom.js';

/**
 * Role × action over HTTP, by direct requests (no interface involved): each row makes a fresh
 * article in the state it needs, owned by the writer or by someone else, then asks as each role.
 */

type Owner = 'writer' | 'other';
type State = 'draft' | 'in_review' | 'scheduled' | 'published' | 'unpublished';
type Allowed = Record<Role, boolean>;

const ALL: Allowed = { admin: true, editor: true, writer: true };
const EDITORS: Allowed = { admin: true, editor: true, writer: false };

// [what, article owner and state, request, who may]
const MATRIX: [string, Owner, State, (id: number) => [string, Record<string, string | string[]>?], Allowed][] = [
  ['open own draft', 'writer', 'draft', (id) => [`GET /newsroom/articles/${id}`], ALL],
  ['open someone else’s draft (read only)', 'other', 'draft', (id) => [`GET /newsroom/articles/${id}`], ALL],
  ['save own draft', 'writer', 'draft', (id) => [`POST /newsroom/articles/${id}`, { headline: `Saved ${id}`, slug: `saved-${id}` }], ALL],
  ['save someone else’s draft', 'other', 'draft', (id) => [`POST /newsroom/articles/${id}`, { headline: `Saved ${id}`, slug: `saved-${id}` }], EDITORS],
  ['save own published article', 'writer', 'published', (id) => [`POST /newsroom/articles/${id}`, { headline: `Saved ${id}`, slug: `saved-${id}` }], EDITORS],
  ['autosave own draft', 'writer', 'draft', (id) => [`POST /newsroom/articles/${id}/autosave`, { headline: `Auto ${id}`, slug: `auto-${id}` }], ALL],
  ['submit own draft', 'writer', 'draft', (id) => [`POST /newsroom/articles/${id}/submit`], ALL],
  ['submit someone else’s draft', 'other', 'draft', (id) => [`POST /newsroom/articles/${id}/submit`], EDITORS],
  ['take own article back from review', 'writer', 'in_review', (id) => [`POST /newsroom/articles/${id}/withdraw`], ALL],
  ['publish own draft', 'writer', 'in_review', (id) => [`POST /newsroom/articles/${id}/publish`], EDITORS],
  ['publish through the save form', 'writer', 'draft', (id) => [`POST /newsroom/articles/${id}`, { headline: `Pub ${id}`, slug: `pub-${id}`, intent: 'publish' }], EDITORS],
  ['schedule through the save form', 'writer', 'draft', (id) => [`POST /newsroom/articles/${id}`, { headline: `Sch ${id}`, slug: `sch-${id}`, intent: 'schedule', publish_at: toLocalDateTime(new Date(testClock.ms() + 30 * 86_400_000), 'Asia/Baku') }], EDITORS],
  ['cancel a schedule', 'writer', 'scheduled', (id) => [`POST /newsroom/articles/${id}/unschedule`], EDITORS],
  ['unpublish', 'writer', 'published', (id) => [`POST /newsroom/articles/${id}/unpublish`], EDITORS],
  ['publish again', 'writer', 'unpublished', (id) => [`POST /newsroom/articles/${id}/publish`], EDITORS],
  ['correct', 'writer', 'published', (id) => [`POST /newsroom/articles/${id}`, { headline: `Cor ${id}`, slug: `cor-${id}`, correction: 'A name was misspelt.' }], EDITORS],
  ['delete own draft', 'writer', 'draft', (id) => [`POST /newsroom/articles/${id}/delete`], ALL],
  ['delete someone else’s draft', 'other', 'draft', (id) => [`POST /newsroom/articles/${id}/delete`], EDITORS],
  ['delete a published article', 'writer', 'published', (id) => [`POST /newsroom/articles/${id}/delete`], EDITORS],
  ['restore a revision of own draft', 'writer', 'draft', (id) => [`POST /newsroom/articles/${id}/revisions/FIRST/restore`], ALL],
  ['restore a revision of someone else’s draft', 'other', 'draft', (id) => [`POST /newsroom/articles/${id}/revisions/FIRST/restore`], EDITORS],
  ['history of someone else’s draft', 'other', 'draft', (id) => [`GET /newsroom/articles/${id}/history`], ALL],
  ['preview someone else’s draft', 'other', 'draft', (id) => [`GET /newsroom/articles/${id}/preview`], ALL],
  ['make a preview link', 'other', 'draft', (id) => [`POST /newsroom/articles/${id}/preview-link`], ALL],
];

interface Outcome {
  id: number;
  before: ArticleRow;
  /** The article after the request; undefined once deleted. */
  after: ArticleRow | undefined;
  response: LightMyRequestResponse;
  db: Kysely<Database>;
}

const status = (expected: ArticleRow['status']) => ({ after }: Outcome) => expect(after?.status).toBe(expected);
const headline = (prefix: string) => ({ id, after }: Outcome) => expect(after).toMatchObject({ headline: `${prefix} ${id}`, slug: `${prefix.toLowerCase()}-${id}` });
const shows = ({ before, response }: Outcome) => expect(response.body).toContain(before.headline);
const submitted = ({ after }: Outcome) => expect(after?.submitted_at).not.toBeNull();

/** What an allowed request must really have done, read back from the database (or the page). */
const EFFECTS: Record<string, (outcome: Outcome) => void | Promise<void>> = {
  'open own draft': shows,
  'open someone else’s draft (read only)': shows,
  'save own draft': headline('Saved'),
  'save someone else’s draft': headline('Saved'),
  'save own published article': (o) => {
    headline('Saved')(o);
    status('published')(o);
  },
  'autosave own draft': headline('Auto'),
  'submit own draft': submitted,
  'submit someone else’s draft': submitted,
  'take own article back from review': ({ after }) => expect(after?.submitted_at).toBeNull(),
  'publish own draft': status('published'),
  'publish through the save form': (o) => {
    headline('Pub')(o);
    status('published')(o);
  },
  'schedule through the save form': (o) => {
    headline('Sch')(o);
    status('scheduled')(o);
    expect(Date.parse(o.after!.published_at!)).toBeGreaterThan(testClock.ms() + 29 * 86_400_000);
  },
  'cancel a schedule': ({ after }) => expect(after).toMatchObject({ status: 'draft', published_at: null }),
  unpublish: status('unpublished'),
  'publish again': ({ before, after }) => expect(after).toMatchObject({ status: 'published', published_at: before.published_at }),
  correct: async ({ id, db }) => {
    const corrections = await db.selectFrom('corrections').select('text').where('article_id', '=', id).execute();
    expect(corrections).toEqual([{ text: 'A name was misspelt.' }]);
  },
  'delete own draft': ({ after }) => expect(after).toBeUndefined(),
  'delete someone else’s draft': ({ after }) => expect(after).toBeUndefined(),
  'delete a published article': ({ after }) => expect(after).toBeUndefined(),
  'restore a revision of own draft': async ({ id, db }) => {
    const notes = (await db.selectFrom('revisions').select('note').where('article_id', '=', id).orderBy('id').execute()).map((r) => r.note);
    expect(notes.at(-1)).toMatch(/^Restored revision \d+$/);
  },
  'restore a revision of someone else’s draft': async ({ id, db }) => {
    const notes = (await db.selectFrom('revisions').select('note').where('article_id', '=', id).orderBy('id').execute()).map((r) => r.note);
    expect(notes.at(-1)).toMatch(/^Restored revision \d+$/);
  },
  'history of someone else’s draft': shows,
  'preview someone else’s draft': (o) => {
    shows(o);
    expect(o.response.body).toContain('class="preview-banner"');
  },
  'make a preview link': ({ after }) => expect(after?.preview_token).toMatch(/^[A-Za-z0-9_-]{20,64}$/),
};

it('names the effect of every allowed action in the matrix', () => {
  expect(Object.keys(EFFECTS).sort()).toEqual(MATRIX.map(([what]) => what).sort());
});

describe.each(DIALECTS)('newsroom roles on %s', (dialect) => {
  let t: TestApp;
  const clients = {} as Record<Role, NewsroomClient>;
  const ids = {} as Record<Role | 'other', number>;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    const db = t.testDb.db.kysely;
    for (const role of ['admin', 'editor', 'writer'] as Role[]) {
      const user = await createTestUser(db, role, t.site);
      ids[role] = user.id;
      clients[role] = await NewsroomClient.login(t.app.fastify, user.email);
    }
    ids.other = (await createTestUser(db, 'writer', t.site)).id;
  });
  afterAll(async () => t?.close());

  /** An article owned by `owner` in `state`, made through the desk (so it has a first revision). */
  async function article(owner: Owner, state: State): Promise<number> {
    const db = t.testDb.db.kysely;
    const user = await db.selectFrom('users').selectAll().where('id', '=', owner === 'writer' ? ids.writer : ids.other).executeTakeFirstOrThrow();
    const id = await t.app.desk.create(actorOf(user), {
      edition: 'en',
      sectionId: t.site.sections.en.world,
      headline: `Matrix story ${Math.random().toString(36).slice(2)}`,
      standfirst: '',
      body: { version: 1, blocks: [{ type: 'paragraph', html: 'Text.' }] },
      authorIds: [t.site.authors.ada],
    });
    // No one holds the lock, so that only the role decides.
    const set: Record<string, unknown> = { locked_by: null, locked_at: null };
    if (state === 'in_review') set.submitted_at = testNow().toISOString();
    if (state === 'scheduled') Object.assign(set, { status: 'scheduled', published_at: new Date(testClock.ms() + 86_400_000).toISOString() });
    if (state === 'published' || state === 'unpublished') Object.assign(set, { status: state, published_at: new Date(testClock.ms() - 60_000).toISOString() });
    await db.updateTable('articles').set(set).where('id', '=', id).execute();
    return id;
  }

  for (const [what, owner, state, request, allowed] of MATRIX) {
    for (const role of ['admin', 'editor', 'writer'] as Role[]) {
      it.runIf(dialectAvailable(dialect))(`${role} ${allowed[role] ? 'may' : 'may not'} ${what}`, async () => {
        const id = await article(owner, state);
        const first = await t.testDb.db.kysely.selectFrom('revisions').select('id').where('article_id', '=', id).orderBy('id').executeTakeFirstOrThrow();
        const [line, form] = request(id);
        const [method, url] = line.replace('FIRST', String(first.id)).split(' ') as [string, string];
        const client = clients[role];
        const db = t.testDb.db.kysely;
        const before = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        const response = method === 'GET' ? await client.get(url) : await client.post(url, form ? articleForm(t.site, { ...form }) : {});
        if (allowed[role]) {
          expect([200, 204, 303], `${response.statusCode}: ${response.body.slice(0, 400)}`).toContain(response.statusCode);
          // The status alone does not prove the change: read it back.
          const after = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
          await EFFECTS[what]!({ id, before, after, response, db });
        } else {
          expect(response.statusCode).toBe(403);
          expect(response.body).toContain(`Your role (${role}) may not`);
          // Refused means unchanged.
          const after = await t.testDb.db.kysely.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
          expect(after).toEqual(before);
        }
      });
    }
  }

  it.runIf(dialectAvailable(dialect))('writers cannot reach the site-management pages either', async () => {
    for (const url of ['/newsroom/users', '/newsroom/settings', '/newsroom/audit', '/newsroom/keys', '/newsroom/sections', '/newsroom/tags', '/newsroom/publications', '/newsroom/authors']) {
      const response = await clients.writer.get(url);
      expect([403, 404], url).toContain(response.statusCode);
    }
  });
});
