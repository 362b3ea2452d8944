import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/schema.js';
import { ArticleDesk } from '../src/features/articles/article.desk.js';
import type { ArticleFields } from '../src/features/articles/article.service.js';
import type { Actor } from '../src/features/users/policy.js';
import { createSite, draftFields, type Site } from './helpers/factories.js';
import { createTestUser } from './helpers/newsroom.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';

const NOW = new Date('2026-06-15T10:00:00.000Z');

/**
 * Makes every write of one kind fail inside the database, the way a constraint or a full disk
 * would: a trigger that raises. Returns how to take it away again.
 */
async function refuse(db: Kysely<Database>, dialect: string, table: 'revisions' | 'articles', operation: 'insert' | 'update'): Promise<() => Promise<void>> {
  const name = `refuse_${table}_${operation}`;
  if (dialect === 'postgres') {
    await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`).execute(db);
    await sql.raw(`create trigger ${name} before ${operation} on ${table} for each row execute function ${name}()`).execute(db);
    return async () => {
      await sql.raw(`drop trigger ${name} on ${table}`).execute(db);
      await sql.raw(`drop function ${name}()`).execute(db);
    };
  }
  await sql.raw(`create trigger ${name} before ${operation} on ${table} begin select raise(abort, 'refused by the test'); end`).execute(db);
  return async () => {
    await sql.raw(`drop trigger ${name}`).execute(db);
  };
}

describe.each(DIALECTS)('creating an article on %s', (dialect) => {
  let testDb: TestDb;
  let site: Site;
  let desk: ArticleDesk;
  let editor: Actor;
  let undo: (() => Promise<void>) | undefined;
  const db = () => testDb.db.kysely;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    testDb = await createTestDb(dialect);
    site = await createSite(db());
    desk = new ArticleDesk(db(), () => {}, () => NOW);
    const user = await createTestUser(db(), 'editor', site, { name: 'Eda Editor' });
    editor = { userId: user.id, role: 'editor', name: user.name };
  });
  afterEach(async () => {
    await undo?.();
    undo = undefined;
  });
  afterAll(async () => {
    await testDb?.destroy();
  });

  const fields = (headline: string, tag: string): ArticleFields =>
    draftFields(site, headline, {
      tags: [{ type: 'topic', name: tag }],
      sources: [{ publicationId: site.publications.reuters, url: 'https://www.reuters.com/ferry' }],
    });

  /** Everything a create writes, for the article with this headline and the tag it brought. */
  const traces = async (headline: string, tag: string) => {
    const articles = await db().selectFrom('articles').select('id').where('headline', '=', headline).execute();
    const ids = articles.length ? articles.map((a) => a.id) : [-1];
    const count = async (table: 'article_authors' | 'article_tags' | 'sources' | 'revisions') =>
      (await db().selectFrom(table).select('article_id').where('article_id', 'in', ids).execute()).length;
    return {
      articles: articles.length,
      bylines: await count('article_authors'),
      tags: await count('article_tags'),
      sources: await count('sources'),
      revisions: await count('revisions'),
      newTags: (await db().selectFrom('tags').select('id').where('name', '=', tag).execute()).length,
    };
  };

  it.skipIf(!dialectAvailable(dialect))('writes the draft with its editing lock, or with its owning key from the admin API', async () => {
    const byEditor = await desk.create(editor, fields('Night ferry extended', 'Night ferries'));
    expect(await desk.get(byEditor)).toMatchObject({ status: 'draft', created_by: editor.userId, created_by_key: null, locked_by: editor.userId, locked_at: NOW.toISOString() });

    const key: Actor = { userId: null, role: 'writer', name: 'Wire desk key', apiKeyId: 41 };
    const byKey = await desk.create(key, fields('Ferry timetable published', 'Ferry timetables'));
    expect(await desk.get(byKey)).toMatchObject({ status: 'draft', created_by: null, created_by_key: 41, locked_by: null, locked_at: null });
  });

  it.skipIf(!dialectAvailable(dialect))('leaves nothing behind when a write after the article row fails', async () => {
    const headline = 'Harbour tunnel approved';
    const tag = 'Harbour tunnel';
    // The first revision is written after the article, its bylines, tags and sources.
    undo = await refuse(db(), dialect, 'revisions', 'insert');
    await expect(desk.create(editor, fields(headline, tag))).rejects.toThrow(/refused by the test/);
    expect(await traces(headline, tag)).toEqual({ articles: 0, bylines: 0, tags: 0, sources: 0, revisions: 0, newTags: 0 });

    await undo();
    undo = undefined;
    const id = await desk.create(editor, fields(headline, tag));
    expect(await traces(headline, tag)).toEqual({ articles: 1, bylines: 1, tags: 1, sources: 1, revisions: 1, newTags: 1 });
    expect((await desk.get(id)).locked_by).toBe(editor.userId);
  });

  it.skipIf(!dialectAvailable(dialect))('takes the lock and the key in the same write as the article, not in a later one', async () => {
    // A later update of the row (the lock or the key written after the article's transaction)
    // could fail alone and leave a draft without its lock or its owner.
    undo = await refuse(db(), dialect, 'articles', 'update');
    const key: Actor = { userId: null, role: 'writer', name: 'Wire desk key', apiKeyId: 42 };
    const byKey = await desk.create(key, fields('Pier lights repaired', 'Pier lights'));
    const byEditor = await desk.create(editor, fields('Pier benches painted', 'Pier benches'));
    expect(await desk.get(byKey)).toMatchObject({ created_by_key: 42 });
    expect(await desk.get(byEditor)).toMatchObject({ locked_by: editor.userId, locked_at: NOW.toISOString() });
  });
});
