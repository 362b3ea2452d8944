import { badRequest } from '../../../lib/errors.js';
import type { QueueCursor, QueueFilters } from './desk.service.js';

/** The queue's query string read strictly: a malformed filter or cursor is a 400 with a message, never ignored. */

export const positive = (raw: string | undefined, name: string, max = 999_999_999): number | undefined => {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw badRequest(`The ${name} must be a whole number from 1${max < 999_999_999 ? ` to ${max}` : ''}.`);
  return Number(raw);
};

/** The filters of the queue's query string; a malformed one is a 400 with a message, never ignored. */
export function filtersOf(query: Readonly<Record<string, string | undefined>>): QueueFilters {
  const language = (query.language ?? '').trim();
  if (language && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(language)) throw badRequest('The language must be a language tag such as en or pt-BR.');
  const text = (query.q ?? '').trim();
  if (text.length > 200) throw badRequest('Search for at most 200 characters.');
  if (query.unused !== undefined && query.unused !== '' && query.unused !== '1') throw badRequest('"Not used yet" is 1 or absent.');
  return {
    feedId: positive(query.feed, 'feed'),
    publicationId: positive(query.publication, 'publication'),
    language: language || undefined,
    urgency: positive(query.urgency, 'urgency', 9),
    unused: query.unused === '1',
    text: text || undefined,
  };
}

/** The cursor "<updated_at>~<group id>" of the page's last group. */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)~(\d{1,12})$/;
export const cursorText = (c: QueueCursor): string => `${c.updatedAt}~${c.id}`;
export function cursorOf(raw: string | undefined): QueueCursor | null {
  if (raw === undefined || raw === '') return null;
  const m = CURSOR.exec(raw);
  if (!m || Number.isNaN(Date.parse(m[1] as string))) throw badRequest('This page of the queue does not exist; start from the newest reports.');
  return { updatedAt: m[1] as string, id: Number(m[2]) };
}


/** new.json's `after`: the newest item id the page knew (0 on an empty store). */
export function afterOf(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  if (!/^\d{1,12}$/.test(raw)) throw badRequest('"after" is the id of the newest report the page showed.');
  return Number(raw);
}
