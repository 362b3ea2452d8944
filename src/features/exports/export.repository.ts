import type { Kysely } from 'kysely';
import type { ArticleRow, Database, Media } from '../../db/schema.js';

type Db = Kysely<Database>;

/**
 * The reads of an export: every table the archive holds, in id order, large ones in batches (so a
 * site of any size is read a slice at a time), and an article's children for a batch of articles
 * at once (a few queries per batch rather than per article).
 */

export const listEditions = (db: Db) => db.selectFrom('editions').selectAll().orderBy('position').orderBy('code').execute();
export const listSettings = (db: Db) => db.selectFrom('settings').selectAll().orderBy('key').execute();
export const listSections = (db: Db) => db.selectFrom('sections').selectAll().orderBy('id').execute();
export const listSectionRedirects = (db: Db) => db.selectFrom('section_redirects').selectAll().orderBy('id').execute();
export const listTagRedirects = (db: Db) => db.selectFrom('tag_redirects').selectAll().orderBy('id').execute();
export const listAuthors = (db: Db) => db.selectFrom('authors').selectAll().orderBy('id').execute();
export const listEntities = (db: Db) => db.selectFrom('entities').selectAll().orderBy('id').execute();
export const listPublications = (db: Db) => db.selectFrom('publications').selectAll().orderBy('id').execute();
export const listUsers = (db: Db) =>
  db.selectFrom('users').select(['id', 'email', 'name', 'role', 'author_id', 'created_at', 'password_changed_at', 'disabled_at']).orderBy('id').execute();
export const listWebhooks = (db: Db) => db.selectFrom('webhooks').select(['id', 'url', 'events', 'description', 'created_by', 'created_at', 'disabled_at']).orderBy('id').execute();

export async function* tagsInBatches(db: Db, size = 1000) {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('tags').selectAll().where('id', '>', after).orderBy('id').limit(size).execute();
    if (rows.length === 0) return;
    yield rows;
    after = (rows[rows.length - 1] as { id: number }).id;
  }
}

export async function* mediaInBatches(db: Db, size = 500): AsyncGenerator<Media[]> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('media').selectAll().where('id', '>', after).orderBy('id').limit(size).execute();
    if (rows.length === 0) return;
    yield rows;
    after = (rows[rows.length - 1] as Media).id;
  }
}

export async function* articlesInBatches(db: Db, size = 100, editions?: readonly string[]): AsyncGenerator<ArticleRow[]> {
  let after = 0;
  for (;;) {
    let query = db.selectFrom('articles').selectAll().where('id', '>', after);
    if (editions) query = query.where('edition', 'in', editions);
    const rows = await query.orderBy('id').limit(size).execute();
    if (rows.length === 0) return;
    yield rows;
    after = (rows[rows.length - 1] as ArticleRow).id;
  }
}

export async function countRows(db: Db, editions?: readonly string[]): Promise<{ articles: number; media: number }> {
  let articles = db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n'));
  if (editions) articles = articles.where('edition', 'in', editions);
  const media = await db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { articles: Number((await articles.executeTakeFirstOrThrow()).n), media: Number(media.n) };
}

/** The children of a batch of articles, grouped by article id, each list in its stored order. */
export async function articleChildren(db: Db, ids: number[]) {
  const none = ids.length === 0;
  const safe = none ? [0] : ids;
  const [authors, tags, sources, corrections, revisions, redirects, wire, coverage, entries, entryAuthors] = await Promise.all([
    db.selectFrom('article_authors').selectAll().where('article_id', 'in', safe).orderBy('article_id').orderBy('position').execute(),
    db.selectFrom('article_tags').selectAll().where('article_id', 'in', safe).orderBy('article_id').orderBy('tag_id').execute(),
    db.selectFrom('sources').selectAll().where('article_id', 'in', safe).orderBy('article_id').orderBy('position').orderBy('id').execute(),
    db.selectFrom('corrections').selectAll().where('article_id', 'in', safe).orderBy('article_id').orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('revisions').selectAll().where('article_id', 'in', safe).orderBy('article_id').orderBy('id').execute(),
    db.selectFrom('redirects').selectAll().where('article_id', 'in', safe).orderBy('article_id').orderBy('id').execute(),
    db
      .selectFrom('article_wire_items')
      .innerJoin('wire_items', 'wire_items.id', 'article_wire_items.item_id')
      .innerJoin('wire_feeds', 'wire_feeds.id', 'wire_items.feed_id')
      .select([
        'article_wire_items.article_id',
        'wire_feeds.slug as feed',
        'wire_items.guid',
        'wire_items.url',
        'article_wire_items.seen_version',
        'article_wire_items.seen_status',
        'article_wire_items.changed_at',
        'article_wire_items.position',
      ])
      .where('article_wire_items.article_id', 'in', safe)
      .orderBy('article_wire_items.article_id')
      .orderBy('article_wire_items.position')
      .execute(),
    db.selectFrom('live_coverage').selectAll().where('article_id', 'in', safe).execute(),
    db.selectFrom('live_entries').selectAll().where('article_id', 'in', safe).orderBy('article_id').orderBy('id').execute(),
    db
      .selectFrom('live_entry_authors as la')
      .innerJoin('live_entries as e', 'e.id', 'la.entry_id')
      .select(['e.article_id', 'la.entry_id', 'la.author_id'])
      .where('e.article_id', 'in', safe)
      .orderBy('la.entry_id')
      .orderBy('la.position')
      .execute(),
  ]);
  const group = <T extends { article_id: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of rows) map.set(row.article_id, [...(map.get(row.article_id) ?? []), row]);
    return (id: number) => map.get(id) ?? [];
  };
  return {
    authors: group(authors),
    tags: group(tags),
    sources: group(sources),
    corrections: group(corrections),
    revisions: group(revisions),
    redirects: group(redirects),
    wire: group(wire),
    coverage: (id: number) => coverage.find((c) => c.article_id === id),
    entries: group(entries),
    entryAuthors: (entryId: number) => entryAuthors.filter((a) => a.entry_id === entryId).map((a) => a.author_id),
  };
}

export type ArticleChildren = Awaited<ReturnType<typeof articleChildren>>;
