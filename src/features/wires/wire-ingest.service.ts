import type { Kysely } from 'kysely';
import type { Database, WireItemStatus } from '../../db/schema.js';
import { bandKeys, contentHash, sameStory, signature, signatureFromHex, signatureToHex, similarity } from './grouping/minhash.js';
import { noWireEvents, type WireEvents } from './wire-events.js';
import { WIRE_LIMITS, type ParsedWireDocument, type ParsedWireItem, type WireItemProblem } from './wire-item.js';
import { alertWords, matchesAlert, wireIndexText, type WireTerm } from './wire-search-text.js';
import * as store from './wire-store.repository.js';

/** The feed an ingest stores for: its id, its publication, and the language assumed for its items. */
export interface IngestFeed {
  id: number;
  publication_id: number;
  language: string;
}

export interface IngestResult {
  /** New items (exact copies of another feed's item included). */
  created: number;
  /** New versions of known items. */
  updated: number;
  /** Sent again, nothing changed (or an older version than the stored one). */
  unchanged: number;
  /** Of `created`: exact copies folded into another item. */
  duplicates: number;
  /** Ids of the created and updated items. */
  itemIds: number[];
  /** The document's problems, then the items refused while storing. */
  problems: WireItemProblem[];
}

/** How far apart two items of one story may be (by arrival, and by sending when both say). */
export const GROUP_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
/** Candidates read per band key and in all: bounds the work per item however large the store. */
export const CANDIDATES_PER_BAND = 20;
export const CANDIDATES_TOTAL = 60;
/** Members of a group a newcomer is compared with before it joins (anti-chaining). */
export const GROUP_SAMPLE = 8;

/** Longest guid, byline, place and body text stored: beyond them an item is refused, not cut. */
const LIMITS = Object.freeze({ guidChars: 1_000, bylineChars: 1_000, placeChars: 500, bodyChars: 1_000_000 });
const STATUSES: ReadonlySet<WireItemStatus> = new Set(['usable', 'withheld', 'canceled']);

type Outcome = { kind: 'created'; id: number; duplicate: boolean } | { kind: 'updated'; id: number } | { kind: 'unchanged' };

/** Why an item cannot be stored, in words for the feed's log; null when it can. */
function invalidReason(item: ParsedWireItem): string | null {
  if (item.guid.trim() === '') return 'The item has no id (guid).';
  if (item.guid.length > LIMITS.guidChars) return `The item's id is longer than ${LIMITS.guidChars} characters.`;
  if (item.headline.trim() === '') return 'The item has no headline.';
  if (item.headline.length > WIRE_LIMITS.headlineChars) return `The headline is longer than ${WIRE_LIMITS.headlineChars} characters.`;
  if (item.byline.length > LIMITS.bylineChars) return `The byline is longer than ${LIMITS.bylineChars} characters.`;
  if (item.place.length > LIMITS.placeChars) return `The place is longer than ${LIMITS.placeChars} characters.`;
  if (item.bodyText.length > LIMITS.bodyChars) return `The body is longer than ${LIMITS.bodyChars} characters.`;
  if (!STATUSES.has(item.status)) return `Unknown status "${String(item.status)}".`;
  if (item.urgency !== null && !(Number.isInteger(item.urgency) && item.urgency >= 1 && item.urgency <= 9)) return 'The urgency is not 1 to 9.';
  if (item.declaredVersion !== null && !(Number.isInteger(item.declaredVersion) && item.declaredVersion >= 1)) return 'The version is not a positive whole number.';
  for (const [name, value] of [['embargo', item.embargoUntil], ['sending time', item.sentAt]] as const) {
    if (value !== null && Number.isNaN(Date.parse(value))) return `The ${name} is not a time.`;
  }
  return null;
}

const where = (item: ParsedWireItem, index: number): string => (item.guid ? `item ${index + 1} (${item.guid.slice(0, 200)})` : `item ${index + 1}`);
const iso = (value: string | null): string | null => (value === null ? null : new Date(value).toISOString());
const storyText = (item: { headline: string; bodyText: string }) => `${item.headline}\n${item.bodyText}`;

/**
 * Stores parsed wire documents: new items, new versions of known ones (every version kept),
 * exact copies folded into their original, near-duplicates grouped into stories through MinHash
 * bands, the full-text index, keyword alerts and changed sources of articles. Each item is stored
 * in a transaction of its own: an item that fails is a problem of that item, never half-stored,
 * and the others still arrive.
 */
export class WireIngest {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    private readonly events: WireEvents = noWireEvents,
  ) {}

  async ingest(feed: IngestFeed, document: ParsedWireDocument): Promise<IngestResult> {
    const result: IngestResult = { created: 0, updated: 0, unchanged: 0, duplicates: 0, itemIds: [], problems: [...document.problems] };
    // Alerts are read once per document: an alert saved while a document is being stored applies from the next.
    const alerts = (await store.listAlerts(this.db)).map((a) => ({ ...a, terms: alertWords(a.keywords) }));
    for (const [index, item] of document.items.entries()) {
      const reason = invalidReason(item);
      if (reason !== null) {
        result.problems.push({ where: where(item, index), message: reason });
        continue;
      }
      try {
        const outcome = await this.db.transaction().execute((trx) => this.storeItem(trx, feed, item, document.format, alerts));
        if (outcome.kind === 'unchanged') result.unchanged++;
        else {
          result.itemIds.push(outcome.id);
          if (outcome.kind === 'updated') result.updated++;
          else {
            result.created++;
            if (outcome.duplicate) result.duplicates++;
          }
        }
      } catch (error) {
        result.problems.push({ where: where(item, index), message: `Could not be stored: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    return result;
  }

  private async storeItem(trx: Kysely<Database>, feed: IngestFeed, item: ParsedWireItem, format: string, alerts: Alert[]): Promise<Outcome> {
    await store.lockFeed(trx, feed.id);
    const now = this.clock().toISOString();
    const known = await store.findByGuid(trx, feed.id, item.guid);
    const content = contentOf(item, feed, format, now);
    if (known === undefined) return this.create(trx, feed, item, content, now, alerts);
    if (item.declaredVersion !== null && item.declaredVersion < known.version) return { kind: 'unchanged' };
    if (!changed(known, content)) return { kind: 'unchanged' };
    content.version = item.declaredVersion !== null && item.declaredVersion > known.version ? item.declaredVersion : known.version + 1;
    await store.updateItem(trx, known.id, content);
    await store.insertVersion(trx, known.id, content, now);
    await store.writeSearchText(trx, known.id, wireIndexText(item));
    await this.replace(trx, known, content, now);
    const change = content.status === 'usable' || content.status === known.status ? 'updated' : content.status;
    for (const articleId of await store.markLinkedArticles(trx, known.id, now)) {
      await this.events.sourceChanged(trx, { articleId, itemId: known.id, change });
    }
    return { kind: 'updated', id: known.id };
  }

  private async create(trx: Kysely<Database>, feed: IngestFeed, item: ParsedWireItem, content: store.ItemContent, now: string, alerts: Alert[]): Promise<Outcome> {
    const id = await store.insertItem(trx, { ...content, feed_id: feed.id, guid: item.guid, received_at: now, group_id: null, duplicate_of: null });
    await store.insertVersion(trx, id, content, now);
    await store.writeSearchText(trx, id, wireIndexText(item));
    const duplicate = await this.place(trx, id, content, now);
    // A copy's alerts went out with its original.
    if (!duplicate) await this.alert(trx, id, item, alerts);
    return { kind: 'created', id, duplicate };
  }

  /**
   * Puts an item where it belongs: under its original when it is an exact copy, else into the
   * story group it matches best, else into a new group of its own. Returns whether it is a copy.
   */
  private async place(trx: Kysely<Database>, id: number, content: store.ItemContent, now: string): Promise<boolean> {
    const since = new Date(Date.parse(now) - GROUP_WINDOW_MS).toISOString();
    const original = await store.findExactCopy(trx, id, content.content_hash, content.url, since);
    if (original !== undefined) {
      const originalId = original.duplicate_of ?? original.id;
      await store.setPlacement(trx, id, { group_id: original.group_id, duplicate_of: originalId });
      await store.replaceBands(trx, id, []);
      if (original.group_id !== null) await store.refreshGroup(trx, original.group_id);
      return true;
    }
    const sig = signatureFromHex(content.signature);
    const keys = bandKeys(sig);
    const groupId = (await this.matchingGroup(trx, id, sig, keys, content.sent_at, since)) ?? (await store.createGroup(trx, now));
    await store.setPlacement(trx, id, { group_id: groupId, duplicate_of: null });
    await store.replaceBands(trx, id, keys);
    await store.refreshGroup(trx, groupId);
    return false;
  }

  /**
   * The group of the best candidate over the threshold whose group the item also fits: it must
   * match at least half of the members compared (the lead and the oldest, up to GROUP_SAMPLE),
   * so a story cannot drift by chaining A~B~C~D where D has nothing of A.
   */
  private async matchingGroup(trx: Kysely<Database>, id: number, sig: Uint32Array, keys: string[], sentAt: string | null, since: string): Promise<number | null> {
    const candidates = await store.bandCandidates(trx, keys, { perBand: CANDIDATES_PER_BAND, total: CANDIDATES_TOTAL, since, except: id });
    const scored = candidates
      .filter((c) => withinWindow(c.sent_at, sentAt))
      .map((c) => ({ ...c, score: similarity(sig, signatureFromHex(c.signature)) }))
      .filter((c) => sameStory(sig, signatureFromHex(c.signature)))
      .sort((a, b) => b.score - a.score || b.id - a.id);
    const tried = new Set<number>();
    for (const candidate of scored) {
      if (tried.has(candidate.group_id)) continue;
      tried.add(candidate.group_id);
      const members = await store.groupSample(trx, candidate.group_id, GROUP_SAMPLE);
      const matching = members.filter((m) => sameStory(sig, signatureFromHex(m.signature))).length;
      if (matching * 2 >= members.length) return candidate.group_id;
    }
    return null;
  }

  /**
   * After a new version: an item that still matches its group's members stays (keeping the
   * editors' view of the story stable); otherwise it leaves and is placed afresh like a new item.
   * A copy whose text changed is no longer a copy and is placed afresh too.
   */
  private async replace(trx: Kysely<Database>, known: store.StoredItem, content: store.ItemContent, now: string): Promise<void> {
    if (known.group_id !== null) {
      const sig = signatureFromHex(content.signature);
      const stays =
        known.duplicate_of === null
          ? await this.stillFits(trx, known.id, known.group_id, sig)
          : (await store.findExactCopy(trx, known.id, content.content_hash, content.url, '')) !== undefined;
      if (stays) {
        if (known.duplicate_of === null) await store.replaceBands(trx, known.id, bandKeys(sig));
        await store.refreshGroup(trx, known.group_id);
        return;
      }
      await store.setPlacement(trx, known.id, { group_id: null, duplicate_of: null });
      await store.refreshGroup(trx, known.group_id);
    }
    await this.place(trx, known.id, content, now);
  }

  private async stillFits(trx: Kysely<Database>, id: number, groupId: number, sig: Uint32Array): Promise<boolean> {
    const others = (await store.groupSample(trx, groupId, GROUP_SAMPLE + 1)).filter((m) => m.id !== id).slice(0, GROUP_SAMPLE);
    if (others.length === 0) return true;
    return others.filter((m) => sameStory(sig, signatureFromHex(m.signature))).length * 2 >= others.length;
  }

  private async alert(trx: Kysely<Database>, itemId: number, item: ParsedWireItem, alerts: Alert[]): Promise<void> {
    if (!alerts.some((a) => a.notify === 1)) return;
    const tokens = alertTokens(item);
    for (const a of alerts) {
      if (a.notify === 1 && matchesAlert(a.terms, tokens)) {
        await this.events.alertMatched(trx, { alertId: a.id, userId: a.user_id, itemId, keywords: a.keywords });
      }
    }
  }
}

interface Alert {
  id: number;
  user_id: number;
  keywords: string;
  notify: number;
  terms: WireTerm[];
}

const alertTokens = (item: ParsedWireItem): string[] => wireIndexText(item).split(' ');

/** Whether two sending times (when both are known) are within the grouping window. */
const withinWindow = (a: string | null, b: string | null): boolean => a === null || b === null || Math.abs(Date.parse(a) - Date.parse(b)) <= GROUP_WINDOW_MS;

/** The stored columns of a parsed item (version 1 or the declared one; a new version sets its own). */
function contentOf(item: ParsedWireItem, feed: IngestFeed, format: string, now: string): store.ItemContent {
  const text = storyText(item);
  return {
    version: item.declaredVersion ?? 1,
    headline: item.headline.trim(),
    byline: item.byline.trim(),
    body_doc: JSON.stringify(item.bodyDoc),
    body_html: item.bodyHtml,
    body_text: item.bodyText,
    language: item.language || feed.language,
    language_declared: item.languageDeclared ? 1 : 0,
    urgency: item.urgency,
    subjects: JSON.stringify(item.subjects),
    place: item.place.trim(),
    embargo_until: iso(item.embargoUntil),
    status: item.status,
    url: item.url,
    sent_at: iso(item.sentAt),
    updated_at: now,
    raw: item.raw.slice(0, WIRE_LIMITS.rawChars),
    raw_format: format,
    content_hash: contentHash(text),
    signature: signatureToHex(signature(item)),
  };
}

/** Whether a sending differs from the stored version in what an editor sees. */
const changed = (known: store.StoredItem, content: store.ItemContent): boolean =>
  known.headline !== content.headline ||
  known.byline !== content.byline ||
  known.body_doc !== content.body_doc ||
  known.status !== content.status ||
  known.embargo_until !== content.embargo_until;
