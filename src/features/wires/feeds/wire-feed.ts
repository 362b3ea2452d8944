import type { WireFormat, WireTransport } from '../../../db/schema.js';
import { FieldErrors } from '../../../lib/errors.js';
import { isLocalName, isPrivateAddress, literalAddress } from '../../../lib/net-address.js';
import { isSlug, slugify } from '../../../lib/slug.js';

/**
 * What a wire feed is, as pure rules: the checks of an editor's feed form, the backoff after
 * failures, and the health line (is the feed silent for longer than usual?). No I/O here.
 */

export const WIRE_TRANSPORTS: readonly WireTransport[] = ['http', 'folder', 'push'];
export const WIRE_FORMATS: readonly WireFormat[] = ['auto', 'rss', 'atom', 'jsonfeed', 'ninjs', 'newsml'];

export const TRANSPORT_LABELS: Readonly<Record<WireTransport, string>> = {
  http: 'Polled over HTTP(S)',
  folder: 'Drop folder (files delivered by FTP, SFTP, rsync…)',
  push: 'Pushed to the admin API',
};

export const FORMAT_LABELS: Readonly<Record<WireFormat, string>> = {
  auto: 'Recognise each document',
  rss: 'RSS 2.0',
  atom: 'Atom',
  jsonfeed: 'JSON Feed',
  ninjs: 'IPTC ninjs (1.x, 2.x, 3.x)',
  newsml: 'IPTC NewsML-G2',
};

export const FEED_LIMITS = Object.freeze({
  nameChars: 120,
  urlChars: 2_000,
  /** Seconds between polls. */
  minIntervalS: 30,
  maxIntervalS: 86_400,
  defaultIntervalS: 300,
});

/** The longest wait after failures in a row (or the feed's own interval when that is longer). */
export const BACKOFF_CAP_S = 3_600;

/** What an editor typed (or a caller passed); every field optional and loose, checked by `checkFeedInput`. */
export interface WireFeedInput {
  name?: string | undefined;
  slug?: string | undefined;
  publicationId?: number | string | undefined;
  transport?: string | undefined;
  format?: string | undefined;
  url?: string | null | undefined;
  /** Seconds between polls (http and folder feeds). */
  intervalS?: number | string | undefined;
  language?: string | undefined;
  enabled?: boolean | undefined;
}

/** A checked feed, ready to store. */
export interface WireFeedFields {
  name: string;
  slug: string;
  publication_id: number;
  transport: WireTransport;
  format: WireFormat;
  url: string | null;
  interval_s: number;
  language: string;
  enabled: number;
}

const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * Checks a feed form. Every problem is reported next to its field at once. The publication is
 * only checked to be a number here (its existence needs the database: the service checks it).
 * `allowPrivate` off refuses addresses that are private on their face (an IP literal, localhost);
 * names are checked again on every poll, at connection time.
 */
export function checkFeedInput(input: WireFeedInput, options: { allowPrivate: boolean }): WireFeedFields {
  const errors: Record<string, string> = {};
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  if (!name) errors.name = 'A feed needs a name, e.g. “Reuters world news”.';
  else if (name.length > FEED_LIMITS.nameChars) errors.name = `The name can have at most ${FEED_LIMITS.nameChars} characters.`;

  const typedSlug = (input.slug ?? '').trim().toLowerCase();
  const slug = typedSlug || slugify(name);
  if (!slug) {
    if (name) errors.slug = 'The name has no letters or digits to make a slug from; type one, e.g. "reuters-world".';
  } else if (!isSlug(slug)) errors.slug = `"${typedSlug}" is not a valid slug: use lower-case letters a–z, digits and single hyphens, e.g. "reuters-world".`;

  const publicationText = String(input.publicationId ?? '').trim();
  const publicationId = /^\d{1,9}$/.test(publicationText) ? Number(publicationText) : NaN;
  if (!publicationText) errors.publication = 'Choose the publication whose reports the feed brings.';
  else if (!Number.isInteger(publicationId) || publicationId < 1) errors.publication = 'Choose a publication from the list.';

  const transport = WIRE_TRANSPORTS.find((t) => t === input.transport);
  if (!transport) errors.transport = 'Choose how the reports arrive: polled over HTTP(S), a drop folder, or pushed.';
  const formatText = (input.format ?? '').trim() || 'auto';
  const format = WIRE_FORMATS.find((f) => f === formatText);
  if (!format) errors.format = `Choose a format from the list (${WIRE_FORMATS.join(', ')}).`;

  let url: string | null = null;
  const rawUrl = (input.url ?? '').trim();
  if (transport === 'http') {
    const problem = urlProblem(rawUrl, options.allowPrivate);
    if (problem) errors.url = problem;
    else url = new URL(rawUrl).href;
  } else if (rawUrl && transport) {
    errors.url = transport === 'folder' ? 'A drop-folder feed has no address: its files arrive in the folder shown on its page.' : 'A push feed has no address: agencies send their items to it.';
  }

  const intervalText = String(input.intervalS ?? '').trim();
  const interval = intervalText === '' ? FEED_LIMITS.defaultIntervalS : /^\d{1,6}$/.test(intervalText) ? Number(intervalText) : NaN;
  if (!(interval >= FEED_LIMITS.minIntervalS && interval <= FEED_LIMITS.maxIntervalS)) {
    errors.interval = `The interval is a whole number of seconds from ${FEED_LIMITS.minIntervalS} (30 seconds) to ${FEED_LIMITS.maxIntervalS.toLocaleString('en')} (a day); 300 is five minutes.`;
  }

  const language = (input.language ?? '').trim();
  if (language && !LANGUAGE.test(language)) errors.language = `"${language}" is not a language tag; use one such as en, ru, az or pt-BR, or leave it empty.`;

  if (Object.keys(errors).length || !transport || !format) throw new FieldErrors(errors);
  return { name, slug, publication_id: publicationId, transport, format, url, interval_s: interval, language, enabled: input.enabled === false ? 0 : 1 };
}

/** Why an address cannot be polled, or null when it can (http and https only, no credentials). */
export function urlProblem(raw: string, allowPrivate: boolean): string | null {
  if (!raw) return 'Give the address of the feed, starting with https:// (or http://).';
  if (raw.length > FEED_LIMITS.urlChars) return `The address can have at most ${FEED_LIMITS.urlChars.toLocaleString('en')} characters.`;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return `"${raw}" is not a web address; give the whole address, such as https://agency.example/feeds/world.xml.`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'Only http:// and https:// addresses can be polled.';
  if (parsed.username || parsed.password) return 'Leave the user name and password out of the address: it is shown on the feed’s page and in its log.';
  const address = literalAddress(parsed);
  if (!allowPrivate && (isLocalName(parsed.hostname) || (address !== null && isPrivateAddress(address)))) {
    return 'This address is on this machine or a private network. Feeds are polled from public addresses only on this site (WIRE_ALLOW_PRIVATE).';
  }
  return null;
}

/**
 * Seconds until the next poll after `failures` failures in a row (0 after a success): the
 * interval, doubled for each failure, at most BACKOFF_CAP_S (or the interval when it is longer).
 */
export function nextPollDelayS(intervalS: number, failures: number): number {
  if (failures <= 0) return intervalS;
  const cap = Math.max(intervalS, BACKOFF_CAP_S);
  return Math.min(cap, intervalS * 2 ** Math.min(failures, 20));
}

/** The shortest silence that is ever worth a warning, whatever a feed's rhythm. */
export const MIN_SILENCE_MS = 30 * 60_000;
/** A feed is silent when nothing arrived for this many times its usual gap. */
export const SILENCE_FACTOR = 3;

/**
 * The median gap between arrival times (any order); null with fewer than three distinct ones.
 * Items that arrived together (one file, one poll) are one arrival: their gap of 0 says nothing
 * of the feed's rhythm, and counting it made every multi-item folder feed look silent.
 */
export function medianGapMs(arrivals: readonly string[]): number | null {
  const times = [...new Set(arrivals.map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t)))].sort((a, b) => a - b);
  if (times.length < 3) return null;
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number)).sort((a, b) => a - b);
  const middle = Math.floor(gaps.length / 2);
  return gaps.length % 2 ? (gaps[middle] as number) : ((gaps[middle - 1] as number) + (gaps[middle] as number)) / 2;
}

/**
 * Whether a feed has been silent for longer than usual: its newest item is older than
 * SILENCE_FACTOR times the median gap of its recent items, and at least MIN_SILENCE_MS old.
 * Null when it is not (or too little is known to say: fewer than three recent items).
 */
export function silence(arrivals: readonly string[], lastItemAt: string | null, now: Date): { silentMs: number; usualGapMs: number } | null {
  const gap = medianGapMs(arrivals);
  if (gap === null || lastItemAt === null) return null;
  const silentMs = now.getTime() - Date.parse(lastItemAt);
  const threshold = Math.max(MIN_SILENCE_MS, gap * SILENCE_FACTOR);
  return silentMs > threshold ? { silentMs, usualGapMs: gap } : null;
}

/** "3 h 20 min", "45 s": a duration for the health line. */
export function spokenDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return `${Math.round(h / 24)} days`;
}
