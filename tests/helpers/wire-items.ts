import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, WireFeedTable } from '../../src/db/schema.js';
import type { ParsedWireItem } from '../../src/features/wires/wire-item.js';
import { testClock } from './clock.js';

let counter = 0;

const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to', 'vu', 'ze', 'bo', 'da', 'fe', 'gu', 'hi', 'jo'];

/**
 * An invented word for a number: distinct numbers give distinct words ("kalomix"…). Words of
 * another `family` (the last letter) never equal these: tests that build texts from fixed numbers
 * use their own family, so they cannot collide with the default items.
 */
export function inventedWord(n: number, family = 'x'): string {
  let word = '';
  let rest = n;
  do {
    word += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return `${word}${family}`;
}

/** `count` invented words never used by another call of this function in the file. */
export function freshWords(count: number): string[] {
  counter++;
  return Array.from({ length: count }, (_, i) => inventedWord(counter * 1000 + i));
}

/** A body document of paragraphs of plain text (no markup), with its HTML and text. */
export function wireBody(paragraphs: readonly string[]): Pick<ParsedWireItem, 'bodyDoc' | 'bodyHtml' | 'bodyText'> {
  return {
    bodyDoc: { version: 1, blocks: paragraphs.map((p) => ({ type: 'paragraph' as const, html: p })) },
    bodyHtml: paragraphs.map((p) => `<p>${p}</p>`).join(''),
    bodyText: paragraphs.join('\n\n'),
  };
}

/**
 * A parsed wire item; override anything. The defaults differ on every call (a numbered headline
 * and a body of invented words nobody else uses), so two default items are never copies of each
 * other nor the same story by accident.
 */
export function wireItem(overrides: Partial<ParsedWireItem> = {}): ParsedWireItem {
  const words = freshWords(40);
  const n = counter;
  const body = overrides.bodyText !== undefined && overrides.bodyDoc === undefined ? wireBody(overrides.bodyText.split(/\n\n+/)) : wireBody([words.slice(4, 22).join(' '), words.slice(22).join(' ')]);
  return {
    guid: `urn:test:item:${n}:${randomBytes(3).toString('hex')}`,
    declaredVersion: null,
    headline: `Report ${n}: ${words.slice(0, 4).join(' ')}`,
    byline: 'Test Desk',
    ...body,
    language: 'en',
    languageDeclared: true,
    urgency: null,
    subjects: [],
    place: '',
    embargoUntil: null,
    status: 'usable',
    url: null,
    sentAt: null,
    raw: '',
    ...overrides,
  };
}

export type WireFeedRow = Selectable<WireFeedTable>;

/** A push feed (of a new publication unless one is given); override any column. */
export async function createWireFeed(db: Kysely<Database>, overrides: Partial<Omit<WireFeedRow, 'id'>> = {}): Promise<WireFeedRow> {
  counter++;
  const tag = `${counter}-${randomBytes(3).toString('hex')}`;
  const now = testClock.now().toISOString();
  const publicationId =
    overrides.publication_id ??
    (await db.insertInto('publications').values({ slug: `wire-agency-${tag}`, name: `Wire Agency ${tag}`, url: `https://agency-${tag}.example`, kind: 'agency', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  return db
    .insertInto('wire_feeds')
    .values({ slug: `feed-${tag}`, name: `Test feed ${tag}`, transport: 'push', language: 'en', created_at: now, updated_at: now, ...overrides, publication_id: publicationId })
    .returningAll()
    .executeTakeFirstOrThrow();
}
