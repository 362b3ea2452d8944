import type { WireItemStatus } from '../../../db/schema.js';
import { trimAtWord } from '../../articles/summary.js';
import { WIRE_LIMITS, type ParsedWireDocument, type ParsedWireItem, type WireSubject } from '../wire-item.js';
import { AppError } from '../../../lib/errors.js';
import { BODY_LIMITS } from '../../articles/body-html.js';
import { wireBody, type WireBody } from './body.js';
import { resolveLanguage } from './language.js';

/** What every format parser reads from one item, before the shared clean-up of `buildWireItem`. */
export interface WireItemFields {
  guid: string;
  declaredVersion?: number | null;
  headline: string;
  byline?: string;
  /** The body as HTML (preferred) or plain text. */
  html?: string;
  text?: string;
  language?: string;
  urgency?: number | null;
  subjects?: WireSubject[];
  place?: string;
  embargoUntil?: string | null;
  status?: WireItemStatus;
  url?: string | null;
  sentAt?: string | null;
  raw: string;
}

/** What the whole document says about its items. */
export interface ParseContext {
  /** The feed's or document's language, for items that neither declare nor reveal one. */
  feedLanguage: string;
}

/** One item cannot be taken: it becomes a WireItemProblem and the document goes on. */
export class WireItemError extends Error {}

/** A headline made from the body, for items that have none (JSON Feed allows that). */
const HEADLINE_FROM_BODY = 120;

const oneLine = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** An absolute http(s) address, or null (a `javascript:` or relative link is no address of a report). */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** IPTC urgency 1–9 from a number or a numeric string; null otherwise. */
export function wireUrgency(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 9 ? n : null;
}

/** A declared version (ninjs "2", NewsML version="3"); null when absent or not a whole number. */
export function wireVersion(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** ninjs `pubstatus` / NewsML `stat:usable` as a status; anything unknown is usable, the IPTC default. */
export function wireStatus(value: unknown): WireItemStatus {
  const word = typeof value === 'string' ? value.replace(/^.*:/, '').trim().toLowerCase() : '';
  if (word === 'withheld') return 'withheld';
  if (word === 'canceled' || word === 'cancelled') return 'canceled';
  return 'usable';
}

/** The rebuilt body; past the editor's limits, a problem of this item in the desk's words. */
function bodyOf(fields: WireItemFields): WireBody {
  try {
    return wireBody({ html: fields.html, text: fields.text });
  } catch (error) {
    if (error instanceof AppError && error.code === 'body_too_long') {
      throw new WireItemError(
        `the body is too long (more than ${BODY_LIMITS.maxChars.toLocaleString('en')} characters of HTML or ${BODY_LIMITS.maxBlocks.toLocaleString('en')} paragraphs)`,
      );
    }
    throw error;
  }
}

/**
 * The item as the desk stores it: text trimmed, headline cut to its limit (or made from the body
 * when missing), body rebuilt and sanitised, language resolved, address only when http(s).
 * @throws WireItemError when the item has no id, neither headline nor text, or a body past the editor's limits.
 */
export function buildWireItem(fields: WireItemFields, context: ParseContext): ParsedWireItem {
  const guid = fields.guid.trim();
  if (!guid) throw new WireItemError('no id (guid, uri or link)');
  const body = bodyOf(fields);
  const headline = trimAtWord(oneLine(fields.headline) || oneLine(body.bodyText), fields.headline.trim() ? WIRE_LIMITS.headlineChars : HEADLINE_FROM_BODY);
  if (!headline) throw new WireItemError('no headline and no text');
  const { language, declared } = resolveLanguage(fields.language, `${headline}\n${body.bodyText}`, context.feedLanguage);
  return {
    guid,
    declaredVersion: fields.declaredVersion ?? null,
    headline,
    byline: oneLine(fields.byline),
    ...body,
    language,
    languageDeclared: declared,
    urgency: fields.urgency ?? null,
    subjects: (fields.subjects ?? []).map((s) => ({ ...s, name: oneLine(s.name) })).filter((s) => s.name),
    place: oneLine(fields.place),
    embargoUntil: fields.embargoUntil ?? null,
    status: fields.status ?? 'usable',
    url: httpUrl(fields.url),
    sentAt: fields.sentAt ?? null,
    raw: fields.raw.slice(0, WIRE_LIMITS.rawChars),
  };
}

/** "item 3 (urn:x:1)": where a problem was, with the item's id or title when it has one. */
export function itemWhere(index: number, label: string): string {
  const short = trimAtWord(oneLine(label), 80);
  return short ? `item ${index + 1} (${short})` : `item ${index + 1}`;
}

/**
 * Reads each source into an item; one that fails becomes a problem and the rest still arrive.
 * Sources past WIRE_LIMITS.itemsPerDocument are left unread, with one problem saying how many.
 */
export function readItems<T>(
  sources: readonly T[],
  where: (source: T, index: number) => string,
  build: (source: T) => ParsedWireItem,
): Pick<ParsedWireDocument, 'items' | 'problems'> {
  const result: Pick<ParsedWireDocument, 'items' | 'problems'> = { items: [], problems: [] };
  sources.slice(0, WIRE_LIMITS.itemsPerDocument).forEach((source, index) => {
    try {
      result.items.push(build(source));
    } catch (error) {
      result.problems.push({ where: where(source, index), message: error instanceof Error ? error.message : String(error) });
    }
  });
  const over = sources.length - WIRE_LIMITS.itemsPerDocument;
  if (over > 0) {
    result.problems.push({ where: 'document', message: `${over.toLocaleString('en')} items past the limit of ${WIRE_LIMITS.itemsPerDocument.toLocaleString('en')} were not read` });
  }
  return result;
}
