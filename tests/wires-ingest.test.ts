import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/schema.js';
import { WireIngest, type IngestFeed } from '../src/features/wires/wire-ingest.service.js';
import type { WireAlertMatch, WireEvents, WireSourceChange } from '../src/features/wires/wire-events.js';
import type { ParsedWireDocument, ParsedWireItem } from '../src/features/wires/wire-item.js';
import { wireFtsMatch, wireTsQueryText } from '../src/features/wires/wire-search-text.js';
import { createSite, createTestArticle, type Site } from './helpers/factories.js';
import { createTestUser } from './helpers/newsroom.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';
import { createWireFeed, inventedWord, wireBody, wireItem } from './helpers/wire-items.js';

const START = new Date('2026-06-15T09:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

/** A clock that stands still between steps, so stored times can be compared exactly. */
class StillClock {
  constructor(private at: Date) {}
  readonly now = (): Date => this.at;
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

const doc = (...items: ParsedWireItem[]): ParsedWireDocument => ({ format: 'ninjs', items, problems: [] });

/**
 * Words `from` to `to` (exclusive) of a fixed invented vocabulary starting at `base` (a multiple
 * of 10,000): overlapping ranges share text. Story fingerprints stem words to their first five
 * letters, so the words begin with "q" (no default item's word does) and a letter of their base:
 * spans of different bases, and default items, never share a stem whatever the order of tests.
 */
const span = (base: number, from: number, to: number): string =>
  Array.from({ length: to - from }, (_, i) => `q${'abcdefgh'[Math.floor(base / 10_000) % 8]}${inventedWord(base + from + i, 'q')}`).join(' ');

/** An item whose headline and body are the given words (same words, same story). */
const storyItem = (text: string, overrides: Partial<ParsedWireItem> = {}): ParsedWireItem =>
  wireItem({ headline: text.split(' ').slice(0, 6).join(' '), ...wireBody([text]), ...overrides });

/** Events recorded as they are called, with the transaction's view of the item at that moment. */
class RecordedEvents implements WireEvents {
  alerts: WireAlertMatch[] = [];
  changes: WireSourceChange[] = [];
  async alertMatched(trx: Kysely<Database>, event: WireAlertMatch): Promise<void> {
    // Called inside the item's transaction: the item is already visible to it.
    await trx.selectFrom('wire_items').select('id').where('id', '=', event.itemId).executeTakeFirstOrThrow();
    this.alerts.push(event);
  }
  async sourceChanged(_trx: Kysely<Database>, event: WireSourceChange): Promise<void> {
    this.changes.push(event);
  }
}

describe.each(DIALECTS)('storing wire items on %s', (dialect) => {
  let testDb: TestDb;
  let site: Site;
  let clock: StillClock;
  let events: RecordedEvents;
  let ingest: WireIngest;
  let feed: IngestFeed;
  let other: IngestFeed;
  const db = () => testDb.db.kysely;
  const item = (id: number) => db().selectFrom('wire_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const group = (id: number) => db().selectFrom('wire_groups').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    testDb = await createTestDb(dialect);
    site = await createSite(db());
    feed = await createWireFeed(db());
    other = await createWireFeed(db(), { language: 'ru' });
  });
  afterAll(async () => {
    await testDb?.destroy();
  });
  beforeEach(({ skip }) => {
    if (!dialectAvailable(dialect)) skip();
    clock = new StillClock(START);
    events = new RecordedEvents();
    ingest = new WireIngest(db(), clock.now, events);
  });

  it('stores a new item with its first version, and counts a second sending as unchanged', async () => {
    const report = wireItem({ declaredVersion: 2, urgency: 3, subjects: [{ code: 'medtop:04000000', name: 'economy' }], sentAt: '2026-06-15T08:55:00+01:00' });
    const first = await ingest.ingest(feed, doc(report));
    expect(first).toMatchObject({ created: 1, updated: 0, unchanged: 0, duplicates: 0, problems: [] });
    const stored = await item(first.itemIds[0]!);
    expect(stored).toMatchObject({ feed_id: feed.id, guid: report.guid, version: 2, headline: report.headline, urgency: 3, status: 'usable', language: 'en' });
    expect(stored.sent_at).toBe('2026-06-15T07:55:00.000Z');
    expect(stored.received_at).toBe(START.toISOString());
    expect(JSON.parse(stored.subjects)).toEqual([{ code: 'medtop:04000000', name: 'economy' }]);
    const versions = await db().selectFrom('wire_item_versions').selectAll().where('item_id', '=', stored.id).execute();
    expect(versions.map((v) => v.version)).toEqual([2]);

    clock.advance(60_000);
    const again = await ingest.ingest(feed, doc({ ...report, raw: 'sent once more' }));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1, itemIds: [] });
  });

  it('keeps every version of an updated item, numbering them on when none is declared', async () => {
    const report = wireItem();
    const { itemIds: [id] } = await ingest.ingest(feed, doc(report));
    clock.advance(10 * 60_000);
    const corrected = { ...report, headline: `${report.headline} (corrected)` };
    expect(await ingest.ingest(feed, doc(corrected))).toMatchObject({ updated: 1, itemIds: [id] });
    clock.advance(10 * 60_000);
    const declared = { ...corrected, declaredVersion: 7, byline: 'Another Desk' };
    expect(await ingest.ingest(feed, doc(declared))).toMatchObject({ updated: 1 });
    // An older version arriving late changes nothing.
    expect(await ingest.ingest(feed, doc({ ...report, declaredVersion: 3 }))).toMatchObject({ unchanged: 1, updated: 0 });

    const stored = await item(id!);
    expect(stored).toMatchObject({ version: 7, headline: corrected.headline, byline: 'Another Desk', received_at: START.toISOString() });
    expect(stored.updated_at).toBe(new Date(START.getTime() + 20 * 60_000).toISOString());
    const versions = await db().selectFrom('wire_item_versions').select(['version', 'headline', 'byline']).where('item_id', '=', id!).orderBy('version').execute();
    expect(versions).toEqual([
      { version: 1, headline: report.headline, byline: 'Test Desk' },
      { version: 2, headline: corrected.headline, byline: 'Test Desk' },
      { version: 7, headline: corrected.headline, byline: 'Another Desk' },
    ]);
  });

  it('takes a kill as a new version with status canceled and tells the articles written from it', async () => {
    const report = wireItem();
    const { itemIds: [id] } = await ingest.ingest(feed, doc(report));
    const articleId = await createTestArticle(db(), site);
    await db().insertInto('article_wire_items').values({ article_id: articleId, item_id: id!, seen_version: 1, seen_status: 'usable' }).execute();
    clock.advance(5 * 60_000);
    await ingest.ingest(feed, doc({ ...report, status: 'withheld' }));
    clock.advance(5 * 60_000);
    await ingest.ingest(feed, doc({ ...report, status: 'canceled', headline: `KILL ${report.headline}` }));
    clock.advance(5 * 60_000);
    await ingest.ingest(feed, doc({ ...report, status: 'canceled', headline: `KILL ${report.headline}`, byline: 'Kill Desk' }));

    expect(events.changes).toEqual([
      { articleId, itemId: id, change: 'withheld' },
      { articleId, itemId: id, change: 'canceled' },
      { articleId, itemId: id, change: 'updated' },
    ]);
    expect(await item(id!)).toMatchObject({ status: 'canceled', version: 4 });
    const link = await db().selectFrom('article_wire_items').selectAll().where('item_id', '=', id!).executeTakeFirstOrThrow();
    expect(link.changed_at).toBe(clock.now().toISOString());
  });

  it('folds an exact copy from another feed (same text, other markup and case) into the original', async () => {
    const text = span(10_000, 0, 50);
    const original = storyItem(text);
    const { itemIds: [originalId] } = await ingest.ingest(feed, doc(original));
    clock.advance(60_000);
    const copy = storyItem(text, { headline: original.headline.toUpperCase(), bodyText: `  ${text.toUpperCase()}  `, bodyHtml: `<p><b>${text}</b></p>` });
    const result = await ingest.ingest(other, doc(copy));
    expect(result).toMatchObject({ created: 1, duplicates: 1 });
    const stored = await item(result.itemIds[0]!);
    const first = await item(originalId!);
    expect(stored.duplicate_of).toBe(originalId);
    expect(stored.group_id).toBe(first.group_id);
    expect(stored.language).toBe('en');
    const g = await group(first.group_id!);
    expect(g).toMatchObject({ item_count: 2, lead_item_id: originalId });
  });

  it('folds a copy with the same URL though its text differs', async () => {
    const url = 'https://agency.example/stories/harbour-ferry-strike';
    const { itemIds: [originalId] } = await ingest.ingest(feed, doc(wireItem({ url })));
    const result = await ingest.ingest(other, doc(wireItem({ url })));
    expect(result.duplicates).toBe(1);
    expect((await item(result.itemIds[0]!)).duplicate_of).toBe(originalId);
  });

  it('groups reports of the same story from different feeds and keeps different stories apart', async () => {
    const a = storyItem(span(20_000, 0, 80));
    const b = storyItem(span(20_000, 3, 83));
    const unrelated = wireItem();
    const first = await ingest.ingest(feed, doc(a));
    clock.advance(30 * 60_000);
    const second = await ingest.ingest(other, doc(b, unrelated));
    const [ia, ib, iu] = await Promise.all([item(first.itemIds[0]!), item(second.itemIds[0]!), item(second.itemIds[1]!)]);
    expect(ib.duplicate_of).toBeNull();
    expect(ib.group_id).toBe(ia.group_id);
    expect(iu.group_id).not.toBe(ia.group_id);
    expect(await group(ia.group_id!)).toMatchObject({ item_count: 2, lead_item_id: ib.id, updated_at: ib.received_at });
    expect(await group(iu.group_id!)).toMatchObject({ item_count: 1, lead_item_id: iu.id });
  });

  it('does not chain: a report like the newest member but unlike the rest starts a group of its own', async () => {
    // Windows of 80 words, 25 apart; the fingerprint reads the first 60 (the lead): neighbours
    // share 35 of them, two apart 10, three apart none.
    const parts = [0, 25, 50, 75].map((from) => storyItem(span(30_000, from, from + 80)));
    const ids: number[] = [];
    for (const part of parts) {
      clock.advance(60_000);
      ids.push(...(await ingest.ingest(feed, doc(part))).itemIds);
    }
    const [a, b, c, d] = await Promise.all(ids.map(item));
    expect(b!.group_id).toBe(a!.group_id);
    expect(c!.group_id).toBe(a!.group_id);
    expect(d!.group_id).not.toBe(a!.group_id);
    expect(await group(a!.group_id!)).toMatchObject({ item_count: 3, lead_item_id: c!.id });
  });

  it('does not group reports further apart than the window', async () => {
    const { itemIds: [first] } = await ingest.ingest(feed, doc(storyItem(span(40_000, 0, 60))));
    clock.advance(4 * DAY);
    const { itemIds: [later] } = await ingest.ingest(other, doc(storyItem(span(40_000, 2, 62))));
    expect((await item(later!)).group_id).not.toBe((await item(first!)).group_id);
  });

  it('reports a bad item among good ones and stores the good ones', async () => {
    const good = [wireItem(), wireItem()];
    const result = await ingest.ingest(feed, {
      format: 'rss',
      items: [good[0]!, wireItem({ headline: '   ' }), wireItem({ headline: 'x'.repeat(1001) }), good[1]!],
      problems: [{ where: 'item 9', message: 'No guid or link.' }],
    });
    expect(result.created).toBe(2);
    expect(result.problems.map((p) => p.where)).toEqual(['item 9', expect.stringMatching(/^item 2 /), expect.stringMatching(/^item 3 /)]);
    expect(result.problems[1]!.message).toBe('The item has no headline.');
    const stored = await db().selectFrom('wire_items').select('guid').where('guid', 'in', good.map((g) => g.guid)).execute();
    expect(stored).toHaveLength(2);
  });

  it('stores none of an item the database refuses, and the others still', async () => {
    const name = 'refuse_wire_versions';
    const victim = wireItem({ byline: 'Refuse Me' });
    if (dialect === 'postgres') {
      await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin if new.byline = 'Refuse Me' then raise exception 'refused by the test'; end if; return new; end $$`).execute(db());
      await sql.raw(`create trigger ${name} before insert on wire_item_versions for each row execute function ${name}()`).execute(db());
    } else {
      await sql.raw(`create trigger ${name} before insert on wire_item_versions when new.byline = 'Refuse Me' begin select raise(abort, 'refused by the test'); end`).execute(db());
    }
    try {
      const fine = wireItem();
      const result = await ingest.ingest(feed, doc(victim, fine));
      expect(result.created).toBe(1);
      expect(result.problems).toEqual([{ where: expect.stringContaining(victim.guid), message: expect.stringContaining('refused by the test') }]);
      expect(await db().selectFrom('wire_items').select('id').where('guid', '=', victim.guid).execute()).toEqual([]);
    } finally {
      await sql.raw(dialect === 'postgres' ? `drop trigger ${name} on wire_item_versions; drop function ${name}()` : `drop trigger ${name}`).execute(db());
    }
  });

  it('tells the owners of matching alerts (notify on) about a new item, inside its transaction', async () => {
    const user = await createTestUser(db(), 'writer', site);
    const now = START.toISOString();
    const [loud, quiet, miss] = await Promise.all(
      [
        { keywords: 'Velmarë "ferry strike"', notify: 1 },
        { keywords: 'velmare', notify: 0 },
        { keywords: 'velmare "strike ferry"', notify: 1 },
      ].map(async (a) => (await db().insertInto('wire_alerts').values({ ...a, user_id: user.id, created_at: now }).returning('id').executeTakeFirstOrThrow()).id),
    );
    expect(quiet).toBeDefined();
    expect(miss).toBeDefined();
    const { itemIds: [id] } = await ingest.ingest(feed, doc(wireItem({ headline: 'VELMARE: the Ferry Strike goes on' })));
    expect(events.alerts).toEqual([{ alertId: loud, userId: user.id, itemId: id, keywords: 'Velmarë "ferry strike"' }]);
    await db().deleteFrom('wire_alerts').execute();
  });

  it('writes the index the search helpers find items through', async () => {
    const { itemIds: [id] } = await ingest.ingest(feed, doc(wireItem({ headline: 'Ёлкино harbour reopens', place: 'Qəbələ' })));
    const find = async (query: string): Promise<number[]> => {
      if (dialect === 'postgres') {
        const { rows } = await sql<{ id: number }>`select id from wire_items where search_vector @@ to_tsquery('simple', ${wireTsQueryText(query)})`.execute(db());
        return rows.map((r) => r.id);
      }
      const { rows } = await sql<{ id: number }>`select rowid as id from wire_fts where wire_fts match ${wireFtsMatch(query)}`.execute(db());
      return rows.map((r) => r.id);
    };
    expect(await find('елкино HARBOUR')).toEqual([id]);
    expect(await find('"harbour reopens" qabala')).toEqual([id]);
    expect(await find('"reopens harbour"')).toEqual([]);
    expect(await find('harbour OR NEAR(x) ")(*\' & !')).toEqual([]);
  });
});
