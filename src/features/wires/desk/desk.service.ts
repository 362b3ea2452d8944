import type { Kysely } from 'kysely';
import type { Database, WireItemStatus } from '../../../db/schema.js';
import { diffFields, type FieldDiff } from '../../../lib/diff.js';
import { AppError, FieldErrors, notFound } from '../../../lib/errors.js';
import { slugify } from '../../../lib/slug.js';
import { factsOf, type ArticleDesk } from '../../articles/article.desk.js';
import type { SourceInput } from '../../articles/article.service.js';
import { renderBody, type BodyDocument } from '../../articles/body.js';
import { authorize, can, type Actor } from '../../users/policy.js';
import { alertWords, matchesAlert, wireIndexText, type WireTerm } from '../wire-search-text.js';
import * as repo from './desk.repository.js';
import type { ItemSummary, QueueCursor, QueueFilters } from './desk.repository.js';

type Db = Kysely<Database>;

export type { ItemSummary, QueueCursor, QueueFilters };

/** Story groups per page of the queue. */
export const QUEUE_PAGE_SIZE = 30;
/** Longest alert keywords, and alerts per user. */
export const ALERT_LIMITS = Object.freeze({ chars: 200, perUser: 50 });
/** How far back an alert's count looks. */
export const ALERT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The raw document shown on an item's page (the store keeps at most 64 KB of it). */
export const RAW_SHOWN_CHARS = 64 * 1024;

/** An item as the queue and the item page show it, with its marks. */
export interface DeskItem extends ItemSummary {
  /** Under embargo at the time of the page. */
  embargoed: boolean;
  /** Withheld or canceled. */
  killed: boolean;
  /** The keywords of the user's alerts it matches. */
  alerts: string[];
}

export interface QueueRow {
  id: number;
  updatedAt: string;
  /** The newest usable report first, then the others newest first; copies are not among them. */
  reports: DeskItem[];
  /** Exact copies folded into the reports. */
  copies: number;
  /** The publications of the reports, newest first, each once. */
  publications: string[];
}

export interface AlertCount {
  id: number;
  keywords: string;
  notify: boolean;
  /** Items matching it received in the last ALERT_WINDOW_MS. */
  recent: number;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Where the next page starts; null on the last page. */
  next: QueueCursor | null;
  /** The newest item id when the page was read: new.json counts what came after. */
  latestId: number;
  alerts: AlertCount[];
  feeds: Array<{ id: number; name: string; publication_id: number; publication_name: string }>;
  languages: string[];
}

export interface VersionView {
  version: number;
  headline: string;
  status: WireItemStatus;
  receivedAt: string;
  sentAt: string | null;
  /** What changed from the version before it (absent for the first). */
  changes?: FieldDiff[];
}

export interface ItemPage {
  item: DeskItem;
  guid: string;
  subjects: Array<{ code?: string; name: string }>;
  languageDeclared: boolean;
  bodyHtml: string;
  raw: string;
  rawFormat: string;
  rawCut: boolean;
  versions: VersionView[];
  /** The original, when this item is an exact copy of it. */
  copyOf: DeskItem | null;
  /** The other reports of its story. */
  others: DeskItem[];
}

export interface GroupPage {
  id: number;
  reports: Array<DeskItem & { bodyHtml: string }>;
  copies: DeskItem[];
}

/** How to start a story written from reports. */
export type StoryStart = 'text' | 'empty';

export interface StoryRequest {
  sectionId: number | undefined;
  start: StoryStart;
  /** The writer's own byline, when they have one. */
  authorId: number | null;
}

/** A report shown beside the editor of an article written from it. */
export interface LinkedReport {
  itemId: number;
  headline: string;
  publication: string;
  url: string | null;
  bodyHtml: string;
  status: WireItemStatus;
  version: number;
  seenVersion: number;
  seenStatus: WireItemStatus;
  changedAt: string | null;
  embargoUntil: string | null;
  embargoed: boolean;
}

export interface SourceNotice {
  articleId: number;
  articleHeadline: string;
  itemId: number;
  headline: string;
  /** killed (withheld or canceled) or updated. */
  change: 'killed' | 'updated';
  seenVersion: number;
  changedAt: string;
}

const EMPTY_BODY: BodyDocument = { version: 1, blocks: [] };
const HEADLINE_CHARS = 300;
const PLACE_CHARS = 100;

const parseBody = (json: string): BodyDocument => {
  try {
    const doc = JSON.parse(json) as BodyDocument;
    return doc && Array.isArray(doc.blocks) ? doc : EMPTY_BODY;
  } catch {
    return EMPTY_BODY;
  }
};

/**
 * The wire desk's use cases: the queue, an item, a story group, keyword alerts, writing a story
 * from reports, and the notices when a report a story is based on changes. Every one checks the
 * actor's role (wire.read; article.create to write).
 */
export class WireDesk {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
    private readonly articles: ArticleDesk,
  ) {}

  private mark(item: ItemSummary, alerts: ReadonlyArray<{ keywords: string; terms: WireTerm[] }>): DeskItem {
    const now = this.clock().getTime();
    const tokens = alerts.length ? wireIndexText({ headline: item.headline, byline: item.byline, bodyText: item.body_text, place: item.place }).split(' ') : [];
    return {
      ...item,
      embargoed: item.embargo_until !== null && Date.parse(item.embargo_until) > now,
      killed: item.status !== 'usable',
      alerts: alerts.filter((a) => matchesAlert(a.terms, tokens)).map((a) => a.keywords),
    };
  }

  private async alertTerms(actor: Actor) {
    if (actor.userId === null) return [];
    return (await repo.alertsOf(this.db, actor.userId)).map((a) => ({ ...a, terms: alertWords(a.keywords) }));
  }

  async queue(actor: Actor, filters: QueueFilters, after: QueueCursor | null): Promise<QueuePage> {
    authorize(actor, 'wire.read');
    const [groups, latestId, alerts, feeds, languages] = await Promise.all([
      repo.queueGroups(this.db, filters, after, QUEUE_PAGE_SIZE),
      repo.latestItemId(this.db),
      this.alertTerms(actor),
      repo.feedChoices(this.db),
      repo.languageChoices(this.db),
    ]);
    const page = groups.slice(0, QUEUE_PAGE_SIZE);
    const items = (await repo.itemsOfGroups(this.db, page.map((g) => g.id))).map((i) => this.mark(i, alerts));
    const rows = page.map((g): QueueRow => {
      const members = items.filter((i) => i.group_id === g.id);
      const reports = members.filter((i) => i.duplicate_of === null);
      const lead = reports.find((i) => i.id === g.lead_item_id) ?? reports[0];
      const ordered = lead ? [lead, ...reports.filter((i) => i !== lead)] : reports;
      return { id: g.id, updatedAt: g.updated_at, reports: ordered, copies: members.length - reports.length, publications: [...new Set(reports.map((r) => r.publication_name))] };
    });
    const last = page[page.length - 1];
    const since = new Date(this.clock().getTime() - ALERT_WINDOW_MS).toISOString();
    const counts = await Promise.all(alerts.map(async (a) => ({ id: a.id, keywords: a.keywords, notify: a.notify === 1, recent: await repo.countMatching(this.db, a.keywords, since) })));
    return { rows: rows.filter((r) => r.reports.length > 0), next: groups.length > QUEUE_PAGE_SIZE && last ? { updatedAt: last.updated_at, id: last.id } : null, latestId, alerts: counts, feeds, languages };
  }

  /** Items that arrived after `afterId` under the filters: what the queue's script announces. */
  async newItems(actor: Actor, filters: QueueFilters, afterId: number): Promise<{ count: number; latest: number }> {
    authorize(actor, 'wire.read');
    return repo.newSince(this.db, filters, afterId);
  }

  private async summary(id: number, alerts: Awaited<ReturnType<WireDesk['alertTerms']>>): Promise<DeskItem> {
    const item = await repo.findItemSummary(this.db, id);
    if (!item) throw notFound('There is no wire item with this id.');
    return this.mark(item, alerts);
  }

  async item(actor: Actor, id: number): Promise<ItemPage> {
    authorize(actor, 'wire.read');
    const alerts = await this.alertTerms(actor);
    const item = await this.summary(id, alerts);
    const detail = await repo.findItemDetail(this.db, id);
    if (!detail) throw notFound('There is no wire item with this id.');
    const rows = await repo.listVersions(this.db, id);
    const versions = rows.map((v, i): VersionView => {
      const before = rows[i + 1];
      const view: VersionView = { version: v.version, headline: v.headline, status: v.status, receivedAt: v.received_at, sentAt: v.sent_at };
      if (before) {
        const fields = (r: typeof v) => ({ headline: r.headline, byline: r.byline, status: r.status, embargo: r.embargo_until ?? '', body: r.body_text });
        view.changes = diffFields(fields(before), fields(v), { headline: 'Headline', byline: 'Byline', status: 'Status', embargo: 'Embargo', body: 'Body' }, { lineFields: ['body'] }).filter((f) => f.changed);
      }
      return view;
    });
    const copyOf = item.duplicate_of !== null ? await this.summary(item.duplicate_of, alerts) : null;
    const others = item.group_id !== null ? (await repo.itemsOfGroups(this.db, [item.group_id])).filter((i) => i.id !== id && i.duplicate_of === null).map((i) => this.mark(i, alerts)) : [];
    let subjects: ItemPage['subjects'] = [];
    try {
      const parsed = JSON.parse(detail.subjects) as unknown;
      if (Array.isArray(parsed)) subjects = parsed.filter((s): s is { code?: string; name: string } => typeof s === 'object' && s !== null && typeof (s as { name?: unknown }).name === 'string');
    } catch {
      subjects = [];
    }
    return {
      item,
      guid: detail.guid,
      subjects,
      languageDeclared: detail.language_declared === 1,
      bodyHtml: renderBody(parseBody(detail.body_doc)),
      raw: detail.raw.slice(0, RAW_SHOWN_CHARS),
      rawFormat: detail.raw_format,
      rawCut: detail.raw.length > RAW_SHOWN_CHARS,
      versions,
      copyOf,
      others,
    };
  }

  async group(actor: Actor, id: number): Promise<GroupPage> {
    authorize(actor, 'wire.read');
    const group = await repo.findGroup(this.db, id);
    if (!group) throw notFound('There is no story group with this id.');
    const alerts = await this.alertTerms(actor);
    const items = (await repo.itemsOfGroups(this.db, [id])).map((i) => this.mark(i, alerts));
    const reports = items.filter((i) => i.duplicate_of === null);
    const lead = reports.find((i) => i.id === group.lead_item_id);
    const ordered = lead ? [lead, ...reports.filter((i) => i !== lead)] : reports;
    const bodies = new Map((await repo.findItemsForStory(this.db, ordered.map((r) => r.id))).map((r) => [r.id, renderBody(parseBody(r.body_doc))]));
    return { id, reports: ordered.map((r) => ({ ...r, bodyHtml: bodies.get(r.id) ?? '' })), copies: items.filter((i) => i.duplicate_of !== null) };
  }

  // ---- alerts ----

  async alerts(actor: Actor): Promise<AlertCount[]> {
    authorize(actor, 'wire.read');
    const since = new Date(this.clock().getTime() - ALERT_WINDOW_MS).toISOString();
    const alerts = actor.userId === null ? [] : await repo.alertsOf(this.db, actor.userId);
    return Promise.all(alerts.map(async (a) => ({ id: a.id, keywords: a.keywords, notify: a.notify === 1, recent: await repo.countMatching(this.db, a.keywords, since) })));
  }

  async addAlert(actor: Actor, keywords: string, notify: boolean): Promise<number> {
    authorize(actor, 'wire.read');
    if (actor.userId === null) throw new AppError(403, 'forbidden', 'Alerts belong to newsroom users.');
    const text = keywords.trim().replace(/\s+/g, ' ');
    if (!text) throw new FieldErrors({ keywords: 'Give the words to watch for.' });
    if (text.length > ALERT_LIMITS.chars) throw new FieldErrors({ keywords: `At most ${ALERT_LIMITS.chars} characters.` });
    if (alertWords(text).length === 0) throw new FieldErrors({ keywords: 'Give at least one word with letters or digits.' });
    const existing = await repo.alertsOf(this.db, actor.userId);
    if (existing.length >= ALERT_LIMITS.perUser) throw new FieldErrors({ keywords: `You have ${ALERT_LIMITS.perUser} alerts already; delete one first.` });
    if (existing.some((a) => a.keywords.toLowerCase() === text.toLowerCase())) throw new FieldErrors({ keywords: `You already have an alert for "${text}".` });
    return repo.insertAlert(this.db, { user_id: actor.userId, keywords: text, notify: notify ? 1 : 0, created_at: this.clock().toISOString() });
  }

  async removeAlert(actor: Actor, id: number): Promise<void> {
    authorize(actor, 'wire.read');
    if (actor.userId === null || !(await repo.deleteAlert(this.db, actor.userId, id))) throw notFound('You have no alert with this id.');
  }

  // ---- writing a story ----

  /** Sections to write into, by edition. */
  sections() {
    return repo.sectionChoices(this.db);
  }

  timeZone(): Promise<string> {
    return repo.defaultTimeZone(this.db);
  }

  /** A story from a whole group: its reports, the lead first (copies add nothing). */
  async writeFromGroup(actor: Actor, groupId: number, request: StoryRequest): Promise<number> {
    authorize(actor, 'article.create');
    const page = await this.group(actor, groupId);
    return this.writeStory(actor, page.reports.map((r) => r.id), request);
  }

  /**
   * A new draft written from reports: the lead's headline (and its text, or an empty body), the
   * lead's place as the dateline, one source per publication (citing, with the report's address
   * and guid), and a link to every report with the version and status the writer saw. All in the
   * article's transaction. Returns the article's id.
   */
  async writeStory(actor: Actor, itemIds: readonly number[], request: StoryRequest): Promise<number> {
    authorize(actor, 'wire.read');
    authorize(actor, 'article.create');
    const found = await repo.findItemsForStory(this.db, itemIds);
    const items = itemIds.map((id) => found.find((f) => f.id === id)).filter((i): i is (typeof found)[number] => i !== undefined);
    const lead = items[0];
    if (!lead) throw notFound('There is no wire item with this id.');
    const section = (await repo.sectionChoices(this.db)).find((s) => s.id === request.sectionId);
    if (!section) throw new FieldErrors({ section_id: 'Choose the section (and so the edition) to write in.' });
    const sources: SourceInput[] = [];
    const guids: Array<{ position: number; guid: string }> = [];
    const seen = new Set<number>();
    for (const item of items) {
      if (seen.has(item.publication_id) || sources.length >= 20) continue;
      seen.add(item.publication_id);
      guids.push({ position: sources.length, guid: item.guid });
      sources.push({ publicationId: item.publication_id, url: item.url, role: 'citing' });
    }
    const links = items.map((i) => ({ itemId: i.id, version: i.version, status: i.status }));
    const headline = lead.headline.slice(0, HEADLINE_CHARS);
    const slug = await this.freeSlug(section.edition, headline);
    return this.articles.create(
      actor,
      {
        edition: section.edition,
        sectionId: section.id,
        headline,
        ...(slug ? { slug } : {}),
        standfirst: '',
        body: request.start === 'text' ? parseBody(lead.body_doc) : EMPTY_BODY,
        datelinePlace: lead.place.trim().slice(0, PLACE_CHARS) || null,
        // Agency copy often has no byline: without one of their own, the writer's story starts with none.
        authorIds: request.authorId === null ? [] : [request.authorId],
        tags: [],
        sources,
      },
      (trx, id) => repo.linkArticle(trx, id, links, guids),
    );
  }

  /** A slug from the headline that no article of the edition has: the same report may be written up twice. */
  private async freeSlug(edition: string, headline: string): Promise<string | undefined> {
    const base = slugify(headline).slice(0, 110).replace(/-+$/, '');
    if (!base) return undefined;
    const taken = await repo.slugsLike(this.db, edition, base);
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  // ---- articles written from reports ----

  /** The reports an article was written from, for the panel beside its editor. */
  async linkedReports(actor: Actor, articleId: number): Promise<LinkedReport[]> {
    if (!can(actor, 'wire.read')) return [];
    const now = this.clock().getTime();
    return (await repo.linksOfArticle(this.db, articleId)).map((l) => ({
      itemId: l.item_id,
      headline: l.headline,
      publication: l.publication_name,
      url: l.url,
      bodyHtml: renderBody(parseBody(l.body_doc)),
      status: l.status,
      version: l.version,
      seenVersion: l.seen_version,
      seenStatus: l.seen_status,
      changedAt: l.changed_at,
      embargoUntil: l.embargo_until,
      embargoed: l.embargo_until !== null && Date.parse(l.embargo_until) > now,
    }));
  }

  /** Articles whose reports changed after they were written and nobody has dealt with yet. */
  async sourceNotices(actor: Actor, limit = 20): Promise<SourceNotice[]> {
    if (!can(actor, 'article.view')) return [];
    return (await repo.changedArticles(this.db, limit)).map((r) => ({
      articleId: r.article_id,
      articleHeadline: r.article_headline,
      itemId: r.item_id,
      headline: r.headline,
      change: r.status !== 'usable' ? 'killed' : 'updated',
      seenVersion: r.seen_version,
      changedAt: r.changed_at as string,
    }));
  }

  /** An editor has corrected (or checked) the article: the notice goes, what they saw is now current. */
  async dealtWith(actor: Actor, articleId: number): Promise<number> {
    const row = await this.articles.get(articleId);
    authorize(actor, 'article.edit', factsOf(row));
    return this.db.transaction().execute((trx) => repo.markDealtWith(trx, articleId));
  }
}
