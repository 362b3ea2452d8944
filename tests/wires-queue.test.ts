import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedWireItem } from '../src/features/wires/wire-item.js';
import { WireIngest, type IngestFeed } from '../src/features/wires/wire-ingest.service.js';
import { QUEUE_PAGE_SIZE } from '../src/features/wires/desk/desk.service.js';
import { signIn, type NewsroomClient } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { createWireFeed, freshWords, wireBody, wireItem } from './helpers/wire-items.js';

const MINUTE = 60_000;

/** Rows of the queue page, in order, as the group ids they show. */
const queueGroups = (page: string): number[] => [...page.matchAll(/data-group="(\d+)"/g)].map((m) => Number(m[1]));
const nextLink = (page: string): string | undefined => /<a href="([^"]+)" rel="next">/.exec(page)?.[1]?.replace(/&amp;/g, '&');

describe.each(DIALECTS)('the wire queue on %s', (dialect) => {
  let t: TestApp;
  let writer: NewsroomClient;
  let editor: NewsroomClient;
  let reutersFeed: IngestFeed;
  let afpFeed: IngestFeed;
  let ruFeed: IngestFeed;
  let ingest: WireIngest;
  // Items arrive a minute apart, in the past of the app's clock, so that the queue's order is known.
  let arrival = 0;
  const db = () => t.testDb.db.kysely;

  const take = async (feed: IngestFeed, ...items: ParsedWireItem[]) => {
    const result = await ingest.ingest(feed, { format: 'ninjs', items, problems: [] });
    expect(result.problems).toEqual([]);
    return result.itemIds;
  };
  const groupOf = async (itemId: number) => (await db().selectFrom('wire_items').select('group_id').where('id', '=', itemId).executeTakeFirstOrThrow()).group_id as number;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    arrival = t.clock.ms() - 10 * 24 * 60 * MINUTE;
    ingest = new WireIngest(db(), () => new Date((arrival += MINUTE)));
    reutersFeed = await createWireFeed(db(), { publication_id: t.site.publications.reuters, name: 'Reuters World' });
    afpFeed = await createWireFeed(db(), { publication_id: t.site.publications.afp, name: 'AFP English' });
    ruFeed = await createWireFeed(db(), { publication_id: t.site.publications.xinhua, name: 'Xinhua Russian', language: 'ru' });
    writer = (await signIn(t, 'writer')).client;
    editor = (await signIn(t, 'editor')).client;
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(({ skip }) => {
    if (!dialectAvailable(dialect)) skip();
  });

  it('lists one row per story, newest first, with its reports, exact copies folded, and kills and embargoes marked', async () => {
    const words = freshWords(60).join(' ');
    const [reuters] = await take(reutersFeed, wireItem({ headline: 'Harbour bridge reopens after repairs', ...wireBody([words]), url: 'https://reuters.example/bridge' }));
    const [afp] = await take(afpFeed, wireItem({ headline: 'Bridge over harbour open again', ...wireBody([words]), url: 'https://afp.example/bridge' }));
    // The same text again from another feed: an exact copy, folded into the first.
    await take(ruFeed, wireItem({ headline: 'Harbour bridge reopens after repairs', ...wireBody([words]), url: 'https://copy.example/bridge' }));
    const embargo = new Date(t.clock.ms() + 3 * 60 * MINUTE).toISOString();
    const [embargoed] = await take(reutersFeed, wireItem({ headline: 'Budget figures under embargo', embargoUntil: embargo }));
    const [killed] = await take(afpFeed, wireItem({ headline: 'Report withdrawn by the agency', status: 'canceled' }));
    const group = await groupOf(reuters!);
    expect(await groupOf(afp!)).toBe(group);

    const page = await writer.get('/newsroom/wires');
    expect(page.statusCode).toBe(200);
    const rows = queueGroups(page.body);
    expect(rows.slice(0, 3)).toEqual([await groupOf(killed!), await groupOf(embargoed!), group]);
    const storyRow = page.body.slice(page.body.indexOf(`data-group="${group}"`));
    expect(storyRow.slice(0, 1500)).toContain('2 reports: AFP, Reuters');
    expect(storyRow.slice(0, 1500)).toContain('+1 exact copy');
    expect(storyRow.slice(0, 1500)).toContain(`href="/newsroom/wires/groups/${group}"`);
    const embargoRow = page.body.slice(page.body.indexOf(`data-group="${await groupOf(embargoed!)}"`)).slice(0, 1200);
    expect(embargoRow).toContain(`Embargoed until <time datetime="${embargo}">`);
    const killedRow = page.body.slice(page.body.indexOf(`data-group="${await groupOf(killed!)}"`)).split('</li>')[0] as string;
    expect(killedRow).toContain('Killed (canceled)');
    expect(killedRow).not.toContain('Embargoed');
    // The live region the script fills, and no feed management for a writer.
    expect(page.body).toMatch(/role="status" aria-live="polite" data-wire-poll="\/newsroom\/wires\/new\.json"/);
    expect(page.body).not.toContain('href="/newsroom/wires/feeds"');
    expect(page.body).toContain('href="/newsroom/wires"');
    expect((await editor.get('/newsroom/wires')).body).toContain('href="/newsroom/wires/feeds"');
  });

  it('filters by feed, publication, language, urgency, "not used yet" and words, and refuses a malformed filter', async () => {
    const [ru] = await take(ruFeed, wireItem({ headline: 'Новости порта', language: 'ru' }));
    const [urgent] = await take(reutersFeed, wireItem({ headline: 'Flash: ferry aground', urgency: 1 }));
    const [plain] = await take(afpFeed, wireItem({ headline: 'Quiet day at the market', urgency: 6, bodyText: 'The zephyrine market opened late on Tuesday.' }));
    const groups = { ru: await groupOf(ru!), urgent: await groupOf(urgent!), plain: await groupOf(plain!) };
    const shown = async (query: string) => queueGroups((await writer.get(`/newsroom/wires?${query}`)).body);

    expect(await shown(`feed=${ruFeed.id}`)).toContain(groups.ru);
    expect(await shown(`feed=${ruFeed.id}`)).not.toContain(groups.urgent);
    expect(await shown(`publication=${t.site.publications.afp}`)).toContain(groups.plain);
    expect(await shown(`publication=${t.site.publications.afp}`)).not.toContain(groups.urgent);
    expect(await shown('language=ru')).toEqual(expect.arrayContaining([groups.ru]));
    expect(await shown('language=ru')).not.toContain(groups.plain);
    expect(await shown('urgency=2')).toContain(groups.urgent);
    expect(await shown('urgency=2')).not.toContain(groups.plain);
    expect(await shown('q=ZEPHYRINE')).toEqual([groups.plain]);
    expect(await shown('q=%22market+opened%22')).toEqual([groups.plain]);
    expect(await shown('q=%22opened+market%22')).toEqual([]);
    expect(await shown('unused=1')).toContain(groups.plain);

    for (const bad of ['feed=x', 'urgency=10', 'language=%3Cscript%3E', 'before=yesterday', 'unused=yes']) {
      const response = await writer.get(`/newsroom/wires?${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.body).not.toContain('at ');
    }
  });

  it('pages with a keyset: the next page starts after the last row, with none repeated or lost', async () => {
    const before = queueGroups((await writer.get('/newsroom/wires')).body);
    for (let i = 0; i < QUEUE_PAGE_SIZE; i++) await take(reutersFeed, wireItem());
    const first = await writer.get('/newsroom/wires');
    const page1 = queueGroups(first.body);
    expect(page1).toHaveLength(QUEUE_PAGE_SIZE);
    const next = nextLink(first.body);
    expect(next).toMatch(/^\/newsroom\/wires\?before=/);
    const second = await writer.get(next!);
    const page2 = queueGroups(second.body);
    expect(page2.slice(0, before.length)).toEqual(before.slice(0, page2.length));
    expect(page1.filter((g) => page2.includes(g))).toEqual([]);
    expect([...page1, ...page2].slice(0, QUEUE_PAGE_SIZE + before.length)).toEqual([...page1, ...before].slice(0, QUEUE_PAGE_SIZE + before.length));
    expect(second.body).toContain('Newest reports');

    // Under a filter matching more than a page (the groups are probed newest first), the same.
    const filtered = await writer.get(`/newsroom/wires?feed=${reutersFeed.id}`);
    const f1 = queueGroups(filtered.body);
    expect(f1).toEqual(page1);
    const f2 = queueGroups((await writer.get(nextLink(filtered.body)!)).body);
    expect(f2.length).toBeGreaterThan(0);
    expect(f2.every((g) => page2.includes(g))).toBe(true);
    expect(nextLink(filtered.body)).toContain(`feed=${reutersFeed.id}`);
  });

  it('counts new reports since the page was read (new.json)', async () => {
    const page = await writer.get('/newsroom/wires');
    const after = Number(/data-wire-after="(\d+)"/.exec(page.body)?.[1]);
    expect(after).toBeGreaterThan(0);
    const none = await writer.get(`/newsroom/wires/new.json?after=${after}`);
    expect(none.json()).toEqual({ count: 0, latest: after, message: '' });
    const [id] = await take(afpFeed, wireItem());
    await take(ruFeed, wireItem({ language: 'ru' }));
    expect((await writer.get(`/newsroom/wires/new.json?after=${after}`)).json()).toMatchObject({ count: 2, message: '2 new reports' });
    expect((await writer.get(`/newsroom/wires/new.json?after=${after}&feed=${afpFeed.id}`)).json()).toEqual({ count: 1, latest: id, message: '1 new report' });
    expect((await writer.get('/newsroom/wires/new.json?after=-1')).statusCode).toBe(400);
  });

  it('keeps keyword alerts per user: matching rows highlighted and counted', async () => {
    const [word] = freshWords(1);
    const [hit] = await take(afpFeed, wireItem({ headline: `Talks in ${word} resume` }));
    // Arrived within the last 24 hours of the app's clock.
    await db().updateTable('wire_items').set({ received_at: new Date(t.clock.ms() - 60 * MINUTE).toISOString() }).where('id', '=', hit!).execute();
    expect((await writer.post('/newsroom/wires/alerts', { keywords: '  ' })).statusCode).toBe(400);
    const added = await writer.post('/newsroom/wires/alerts', { keywords: word! });
    expect(added.statusCode).toBe(303);
    const page = await writer.get('/newsroom/wires');
    expect(page.body).toContain(`1 new matching “${word}”`);
    const row = page.body.slice(page.body.lastIndexOf('<li', page.body.indexOf(`data-group="${await groupOf(hit!)}"`)));
    expect(row.slice(0, 200)).toContain('wire-row-alert');
    // Another user's queue knows nothing of it.
    expect((await editor.get('/newsroom/wires')).body).not.toContain(`matching “${word}”`);
    const id = (await db().selectFrom('wire_alerts').select('id').where('keywords', '=', word!).executeTakeFirstOrThrow()).id;
    expect((await editor.post(`/newsroom/wires/alerts/${id}/delete`)).statusCode).toBe(404);
    expect((await writer.post(`/newsroom/wires/alerts/${id}/delete`)).statusCode).toBe(303);
    expect((await writer.get('/newsroom/wires')).body).not.toContain(`matching “${word}”`);
  });

  it('shows an item: its facts, its text, each version with what changed, and the raw document escaped', async () => {
    const guid = `urn:test:versions:${freshWords(1)[0]}`;
    const base = wireItem({ guid, headline: 'Port fees to rise in spring', byline: 'Mara Vell', place: 'Port Velmar', raw: '<item><script>alert(1)</script></item>', url: 'https://reuters.example/fees' });
    const [id] = await take(reutersFeed, base);
    await take(reutersFeed, { ...base, headline: 'Port fees to rise in summer' });
    const page = await writer.get(`/newsroom/wires/items/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mara Vell');
    expect(page.body).toContain('Reuters World (Reuters)');
    expect(page.body).toContain('Port Velmar');
    expect(page.body).toContain('href="https://reuters.example/fees"');
    expect(page.body).toContain('Versions (2)');
    expect(page.body).toMatch(/<del><span class="visually-hidden">deleted: <\/span>spring<\/del>/);
    expect(page.body).toMatch(/<ins><span class="visually-hidden">inserted: <\/span>summer<\/ins>/);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect((await writer.get('/newsroom/wires/items/999999')).statusCode).toBe(404);
    expect((await writer.get('/newsroom/wires/groups/999999')).statusCode).toBe(404);
  });

  it('writes a story from an item: a draft with the sources filled, linked to the report, shown beside the editor', async () => {
    const embargo = new Date(t.clock.ms() + 60 * MINUTE).toISOString();
    const [id] = await take(reutersFeed, wireItem({ headline: 'Ferry line adds winter crossings', place: 'Port Velmar', url: 'https://reuters.example/ferry', embargoUntil: embargo }));
    const item = await writer.get(`/newsroom/wires/items/${id}`);
    expect(item.body).toContain('Write a story from this');
    expect(item.body).toContain('cannot be published before then');
    expect((await writer.post(`/newsroom/wires/items/${id}/write`, { section_id: '' })).statusCode).toBe(400);
    const response = await writer.post(`/newsroom/wires/items/${id}/write`, { section_id: String(t.site.sections.en.world), start: 'text' });
    expect(response.statusCode).toBe(303);
    const articleId = Number(/\/newsroom\/articles\/(\d+)/.exec(response.headers.location as string)?.[1]);
    const article = await db().selectFrom('articles').select(['headline', 'edition', 'section_id', 'status', 'body_html', 'dateline_place']).where('id', '=', articleId).executeTakeFirstOrThrow();
    expect(article).toMatchObject({ headline: 'Ferry line adds winter crossings', edition: 'en', section_id: t.site.sections.en.world, status: 'draft', dateline_place: 'Port Velmar' });
    expect(article.body_html).not.toBe('');
    const guid = (await db().selectFrom('wire_items').select('guid').where('id', '=', id!).executeTakeFirstOrThrow()).guid;
    expect(await db().selectFrom('sources').select(['publication_id', 'role', 'url', 'guid']).where('article_id', '=', articleId).execute()).toEqual([
      { publication_id: t.site.publications.reuters, role: 'citing', url: 'https://reuters.example/ferry', guid },
    ]);
    expect(await db().selectFrom('article_wire_items').select(['item_id', 'seen_version', 'seen_status', 'changed_at']).where('article_id', '=', articleId).execute()).toEqual([
      { item_id: id, seen_version: 1, seen_status: 'usable', changed_at: null },
    ]);
    // The same report written up again in the same edition: a slug of its own, not a refusal.
    const again = await writer.post(`/newsroom/wires/items/${id}/write`, { section_id: String(t.site.sections.en.world), start: 'empty' });
    expect(again.statusCode).toBe(303);
    const slugs = await db().selectFrom('articles').select('slug').where('headline', '=', 'Ferry line adds winter crossings').orderBy('id').execute();
    expect(slugs.map((s) => s.slug)).toEqual(['ferry-line-adds-winter-crossings', 'ferry-line-adds-winter-crossings-2']);
    const editorPage = await writer.get(`/newsroom/articles/${articleId}`);
    expect(editorPage.body).toContain('The reports this story is written from');
    expect(editorPage.body).toContain('Embargoed until');
    // Used now: "not used yet" leaves it out.
    expect(queueGroups((await writer.get('/newsroom/wires?unused=1')).body)).not.toContain(await groupOf(id!));
  });

  it('writes a story from a group, one source per publication, and flags the story when a report is killed until it is dealt with', async () => {
    const words = freshWords(60).join(' ');
    const reports = [
      wireItem({ headline: 'Lighthouse keeper retires', ...wireBody([words]), url: 'https://reuters.example/lighthouse' }),
      wireItem({ headline: 'Keeper of the lighthouse retires', ...wireBody([words]), url: 'https://afp.example/lighthouse' }),
    ];
    const [first] = await take(reutersFeed, reports[0]!);
    const [second] = await take(afpFeed, reports[1]!);
    const group = await groupOf(first!);
    expect(await groupOf(second!)).toBe(group);
    const groupPage = await writer.get(`/newsroom/wires/groups/${group}`);
    expect(groupPage.body).toContain('2 reports: AFP, Reuters');
    const response = await writer.post(`/newsroom/wires/groups/${group}/write`, { section_id: String(t.site.sections.en.world), start: 'empty' });
    expect(response.statusCode).toBe(303);
    const articleId = Number(/\/newsroom\/articles\/(\d+)/.exec(response.headers.location as string)?.[1]);
    const sources = await db().selectFrom('sources').select(['publication_id', 'url']).where('article_id', '=', articleId).orderBy('position').execute();
    expect(sources).toEqual([
      { publication_id: t.site.publications.afp, url: 'https://afp.example/lighthouse' },
      { publication_id: t.site.publications.reuters, url: 'https://reuters.example/lighthouse' },
    ]);
    expect((await db().selectFrom('article_wire_items').select('item_id').where('article_id', '=', articleId).orderBy('position').execute()).map((r) => r.item_id)).toEqual([second, first]);
    expect(JSON.parse((await db().selectFrom('articles').select('body_doc').where('id', '=', articleId).executeTakeFirstOrThrow()).body_doc)).toEqual({ version: 1, blocks: [] });

    // The agency kills the report: the story's page and the dashboard say so.
    expect((await writer.get(`/newsroom/articles/${articleId}`)).body).not.toContain('A report this story is based on changed');
    await take(reutersFeed, { ...reports[0]!, status: 'canceled' });
    const page = await writer.get(`/newsroom/articles/${articleId}`);
    expect(page.body).toContain('A report this story is based on changed');
    expect(page.body).toContain('was killed (canceled)');
    expect(page.body).toContain(`href="/newsroom/wires/items/${first}#versions">see what changed`);
    const dashboard = await editor.get('/newsroom');
    expect(dashboard.body).toContain(`href="/newsroom/articles/${articleId}"`);
    expect(dashboard.body).toContain('a report this story is based on was killed');
    // Only who may edit the story deals with it.
    expect((await editor.post(`/newsroom/wires/articles/${articleId}/dealt-with`)).statusCode).toBe(303);
    expect((await writer.get(`/newsroom/articles/${articleId}`)).body).not.toContain('A report this story is based on changed');
    expect((await editor.get('/newsroom')).body).not.toContain(`href="/newsroom/articles/${articleId}"`);
    expect(await db().selectFrom('article_wire_items').select(['seen_status', 'changed_at']).where('article_id', '=', articleId).where('item_id', '=', first!).executeTakeFirstOrThrow()).toEqual({
      seen_status: 'canceled',
      changed_at: null,
    });
  });

  it('lets writers read and write from the desk but not in without logging in', async () => {
    const anonymous = await t.app.fastify.inject({ method: 'GET', url: '/newsroom/wires' });
    expect([302, 303]).toContain(anonymous.statusCode);
    expect((await t.app.fastify.inject({ method: 'GET', url: '/newsroom/wires/new.json?after=0' })).statusCode).not.toBe(200);
    const nav = (await writer.get('/newsroom')).body;
    expect(nav).toContain('<a href="/newsroom/wires">Wires</a>');
  });
});
