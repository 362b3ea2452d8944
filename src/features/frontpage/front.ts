import { AppError, FieldErrors } from '../../lib/errors.js';

/**
 * The top of an edition's front page as editors arrange it (decision 0024): pure rules, no I/O.
 * The first story is the lead, the others are the secondary stories.
 */

/** The lead and four secondary stories. */
export const MAX_SLOTS = 5;

export type SlotChange =
  | { kind: 'add'; articleId: number; at: 'lead' | 'end' }
  | { kind: 'up' | 'down' | 'remove'; articleId: number };

/** The order after a change; refuses what cannot be done, with a message for the editor. */
export function arrange(ids: readonly number[], change: SlotChange): number[] {
  const next = [...ids];
  const index = next.indexOf(change.articleId);
  switch (change.kind) {
    case 'add': {
      if (index >= 0) throw new AppError(409, 'already_on_front', 'That story is already at the top of the front page.');
      if (next.length >= MAX_SLOTS) throw new AppError(409, 'front_full', `The top of the front page holds ${MAX_SLOTS} stories: remove one first.`);
      if (change.at === 'lead') next.unshift(change.articleId);
      else next.push(change.articleId);
      return next;
    }
    case 'remove':
    case 'up':
    case 'down': {
      if (index < 0) throw new AppError(409, 'not_on_front', 'That story is no longer at the top of the front page; the page shows the order now.');
      if (change.kind === 'remove') {
        next.splice(index, 1);
        return next;
      }
      const to = change.kind === 'up' ? index - 1 : index + 1;
      if (to < 0 || to >= next.length) return next;
      [next[index], next[to]] = [next[to] as number, next[index] as number];
      return next;
    }
  }
}

export const BREAKING_TEXT_MAX = 200;
export const BREAKING_URL_MAX = 500;

export interface BreakingValues {
  active: boolean;
  text: string;
  url: string;
}

/**
 * The breaking-news strip as typed: text needed when it is switched on; the link is an address on
 * this site ("/world/...") or an http(s) address elsewhere. Throws FieldErrors.
 */
export function checkBreaking(input: { active: string; text: string; url: string }): BreakingValues {
  const text = input.text.replace(/\s+/g, ' ').trim();
  const url = input.url.trim();
  const active = input.active === '1';
  const errors: Record<string, string> = {};
  if (text.length > BREAKING_TEXT_MAX) errors.text = `At most ${BREAKING_TEXT_MAX} characters (${text.length} now).`;
  else if (active && !text) errors.text = 'Write the line readers see, or switch the strip off.';
  if (url.length > BREAKING_URL_MAX) errors.url = `At most ${BREAKING_URL_MAX} characters.`;
  else if (url && !isLink(url)) errors.url = 'An address on this site starting with “/”, or a full address starting with https://.';
  else if (active && !url) errors.url = 'Give the address of the story the strip links to.';
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return { active, text, url };
}

function isLink(url: string): boolean {
  if (/\s/.test(url)) return false;
  if (url.startsWith('/')) return !url.startsWith('//') && !url.startsWith('/\\');
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}
