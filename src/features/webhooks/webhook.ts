import { randomBytes } from 'node:crypto';
import type { ArticleEvent } from '../articles/article.desk.js';
import { FieldErrors } from '../../lib/errors.js';
import { isLocalName, isPrivateAddress, literalAddress } from './address.js';

/**
 * Every event a webhook can carry: what happens to articles, and from the wire desk a source of an
 * article changing under it (`article.source_changed`) and a keyword alert matching an incoming
 * item (`wire.alert`).
 */
export type WebhookEvent = ArticleEvent | 'article.source_changed' | 'wire.alert';

/** The events an admin can subscribe a webhook to, in the order the forms list them. */
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = ['article.published', 'article.updated', 'article.unpublished', 'article.source_changed', 'wire.alert'];

/** What a new webhook's form starts with: the article events (alerts can be many; they are chosen on purpose). */
export const DEFAULT_WEBHOOK_EVENTS: readonly WebhookEvent[] = ['article.published', 'article.updated', 'article.unpublished'];

/** Sent by the "Send a test event" button, to any webhook whatever it subscribes to. */
export const TEST_EVENT = 'webhook.test';

export const EVENT_LABELS: Record<WebhookEvent, { label: string; hint: string }> = {
  'article.published': { label: 'Article published', hint: 'Published now or on schedule, or republished.' },
  'article.updated': { label: 'Article updated', hint: 'A published article was saved again (any change, corrections included).' },
  'article.unpublished': { label: 'Article unpublished', hint: 'Taken off the site, or deleted while published.' },
  'article.source_changed': { label: 'Article source changed', hint: 'A wire item an article was written from was updated, withheld or killed afterwards: the article may need a correction.' },
  'wire.alert': { label: 'Wire alert', hint: 'An incoming wire item matched a saved keyword alert that has notifications on.' },
};

export const URL_LIMIT = 2_000;
export const DESCRIPTION_LIMIT = 500;

/** 32 random bytes; the prefix makes a leaked secret easy to recognise (and to search for). */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

export function parseEvents(json: string): WebhookEvent[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? WEBHOOK_EVENTS.filter((e) => value.includes(e)) : [];
  } catch {
    return [];
  }
}

export interface WebhookInput {
  url: string;
  events: readonly string[];
  description: string;
}

export interface WebhookFields {
  url: string;
  events: WebhookEvent[];
  description: string;
}

/**
 * Checks an admin's webhook form. Only http(s) addresses without a user name or password; with
 * `allowPrivate` off, addresses that are private on their face (an IP literal, localhost) are
 * refused here already; names are checked again on every delivery (address.ts).
 */
export function checkWebhookInput(input: WebhookInput, options: { allowPrivate: boolean }): WebhookFields {
  const errors: Record<string, string> = {};
  const raw = input.url.trim();
  let url = '';
  if (!raw) errors.url = 'Give the address that should receive the events.';
  else if (raw.length > URL_LIMIT) errors.url = `The address may have at most ${URL_LIMIT.toLocaleString('en')} characters.`;
  else {
    let parsed: URL | null = null;
    try {
      parsed = new URL(raw);
    } catch {
      errors.url = `"${raw}" is not a web address; give the whole address, such as https://example.com/hooks/dateline.`;
    }
    if (parsed) {
      const address = literalAddress(parsed);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') errors.url = 'Only http:// and https:// addresses can receive webhooks.';
      else if (parsed.username || parsed.password) errors.url = 'Leave the user name and password out of the address: every delivery is signed with the secret instead.';
      else if (parsed.hash) errors.url = 'The address must not have a #fragment; it is never sent to the receiver.';
      else if (!options.allowPrivate && (isLocalName(parsed.hostname) || (address !== null && isPrivateAddress(address)))) {
        errors.url = 'This address is on this machine or a private network. Deliveries go to public addresses only on this site (WEBHOOK_ALLOW_PRIVATE).';
      } else url = parsed.href;
    }
  }
  const events = WEBHOOK_EVENTS.filter((e) => input.events.includes(e));
  if (input.events.some((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e))) errors.events = 'Choose events from the list.';
  else if (!events.length) errors.events = 'Choose at least one event to send.';
  const description = input.description.trim();
  if (description.length > DESCRIPTION_LIMIT) errors.description = `The description may have at most ${DESCRIPTION_LIMIT} characters.`;
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return { url, events, description };
}
