import { isoInZone } from '../../../lib/dates.js';
import { html, raw, type SafeHtml } from '../../../lib/html.js';
import { authorPath } from '../../../web/addresses.js';
import { absolute } from '../../../web/layout.js';
import { formatShortDate } from '../../../web/partials.js';
import type { RenderContext } from '../../../web/render-context.js';
import type { LiveCoverage, LiveEntry } from '../live.repository.js';

/**
 * The reader's live page: the article's page with its entries under the body (decision 0022).
 * Each entry's HTML is made here once per change and sent as it is to every reader's stream, so
 * the page and the stream show the same thing.
 */

export const liveStreamPath = (articleId: number) => `/live-events/${articleId}`;
export const entryAnchor = (id: number) => `entry-${id}`;

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function entryTime(ctx: RenderContext, iso: string): string {
  const { locale, time_zone } = ctx.ed.edition;
  const key = `${locale}|${time_zone}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: time_zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** Where a broken-out entry's article is, when it is published. */
export type BreakoutPaths = ReadonlyMap<number, string>;

export function entryHtml(ctx: RenderContext, entry: LiveEntry, breakouts: BreakoutPaths): string {
  const t = ctx.ed.i18n.t;
  const zone = ctx.ed.edition.time_zone;
  const authors = entry.authors.map((a) => html`<a href="${authorPath(ctx.ed.prefix, a.slug)}" rel="author">${a.name}</a>`.value);
  const breakout = entry.breakout_article_id === null ? undefined : breakouts.get(entry.breakout_article_id);
  const classes = ['live-entry', entry.key_event ? 'key-event' : '', entry.pinned ? 'pinned' : ''].filter(Boolean).join(' ');
  return html`<article class="${classes}" id="${entryAnchor(entry.id)}" data-entry-id="${entry.id}" data-published="${entry.published_at}" aria-labelledby="${entryAnchor(entry.id)}-time">
<header class="live-entry-head">
<time id="${entryAnchor(entry.id)}-time" datetime="${isoInZone(new Date(entry.published_at), zone)}" title="${formatShortDate(ctx, entry.published_at)}">${entryTime(ctx, entry.published_at)}</time>
${entry.pinned ? html`<span class="live-flag live-flag-pinned">${t('live.pinned')}</span>` : ''}
${entry.key_event ? html`<span class="live-flag">${t('live.keyEvent')}</span>` : ''}
</header>
${entry.headline ? html`<h3 class="live-entry-headline">${entry.headline}</h3>` : ''}
${authors.length ? html`<p class="byline">${raw(t('byline.by', { names: ctx.ed.i18n.list(authors) }))}</p>` : ''}
<div class="live-entry-body">${raw(entry.body_html)}</div>
${breakout ? html`<p class="live-breakout"><a href="${breakout}">${t('live.breakout')}</a></p>` : ''}
</article>`.value;
}

/** The "key events" list: links that jump to the entries marked as key events, newest first. */
export function keyEventsHtml(ctx: RenderContext, entries: readonly LiveEntry[]): string {
  const t = ctx.ed.i18n.t;
  const keys = entries.filter((e) => e.key_event);
  if (!keys.length) return '';
  return html`<h2 id="live-key-events-title">${t('live.keyEvents')}</h2><ul>${keys.map(
    (e) => html`<li><a href="#${entryAnchor(e.id)}"><time datetime="${isoInZone(new Date(e.published_at), ctx.ed.edition.time_zone)}">${entryTime(ctx, e.published_at)}</time> ${e.headline || firstWords(e.body_html)}</a></li>`,
  )}</ul>`.value;
}

/** The first words of an entry's text, for a key event without a headline. */
function firstWords(bodyHtml: string): string {
  const text = plainText(bodyHtml);
  return text.length > 90 ? `${text.slice(0, 89).replace(/\s+\S*$/, '')}…` : text;
}

/** An entry's HTML as plain text (for JSON-LD and the key events list). */
export function plainText(bodyHtml: string): string {
  return bodyHtml
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[n] as string)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The newest change among the entries, which a reader's stream asks to resume from. */
export const latestChange = (entries: readonly Pick<LiveEntry, 'updated_at'>[]): string => entries.reduce((max, e) => (e.updated_at > max ? e.updated_at : max), '');

export function endedNotice(ctx: RenderContext, coverage: LiveCoverage): string {
  return coverage.ended_at ? html`<p class="live-status live-ended" role="status">${ctx.ed.i18n.t('live.ended', { time: formatShortDate(ctx, coverage.ended_at) })}</p>`.value : '';
}

/** The live part of the page: status, key events, the pinned entry, then every entry newest first. */
export function liveSection(ctx: RenderContext, articleId: number, coverage: LiveCoverage, entries: readonly LiveEntry[], breakouts: BreakoutPaths): SafeHtml {
  const t = ctx.ed.i18n.t;
  const pinned = entries.find((e) => e.pinned);
  const rest = entries.filter((e) => e !== pinned);
  const ended = coverage.ended_at !== null;
  const keys = keyEventsHtml(ctx, entries);
  const plural = (form: string) => t(`live.newUpdates.${form}`, { count: '{count}' });
  return html`<section class="live" aria-labelledby="live-title" data-live${ended ? '' : raw(` data-live-stream="${liveStreamPath(articleId)}"`)} data-since="${latestChange(entries)}" data-locale="${ctx.ed.edition.locale}" data-one="${plural('one')}" data-few="${plural('few')}" data-many="${plural('many')}" data-other="${plural('other')}">
<h2 id="live-title" class="live-title">${ended ? t('live.titleEnded') : html`<span class="live-badge">${t('live.badge')}</span> ${t('live.title')}`}</h2>
<div data-live-ended>${raw(endedNotice(ctx, coverage))}</div>
<nav class="live-key-events" aria-labelledby="live-key-events-title" data-live-key-events${keys ? '' : raw(' hidden')}>${raw(keys)}</nav>
<div class="live-new" aria-live="polite"><button type="button" class="live-new-button" data-live-new hidden></button></div>
<div class="live-pinned" data-live-pinned>${pinned ? raw(entryHtml(ctx, pinned, breakouts)) : ''}</div>
<div class="live-entries" data-live-entries>
${rest.map((e) => raw(entryHtml(ctx, e, breakouts)))}
</div>
${entries.length ? '' : html`<p class="live-empty" data-live-empty>${t('live.empty')}</p>`}
</section>`;
}

/**
 * `LiveBlogPosting` (https://schema.org/LiveBlogPosting): coverage times and each entry as a
 * `BlogPosting` in `liveBlogUpdate`, newest first, added to the article's own JSON-LD.
 */
export function liveJsonLd(ctx: RenderContext, articleUrlPath: string, coverage: LiveCoverage, entries: readonly LiveEntry[]): Record<string, unknown> {
  const zone = ctx.ed.edition.time_zone;
  return {
    '@type': 'LiveBlogPosting',
    coverageStartTime: isoInZone(new Date(coverage.started_at), zone),
    ...(coverage.ended_at ? { coverageEndTime: isoInZone(new Date(coverage.ended_at), zone) } : {}),
    liveBlogUpdate: entries.slice(0, 100).map((e) => ({
      '@type': 'BlogPosting',
      ...(e.headline ? { headline: e.headline } : { headline: firstWords(e.body_html).slice(0, 110) }),
      datePublished: isoInZone(new Date(e.published_at), zone),
      dateModified: isoInZone(new Date(e.updated_at), zone),
      url: absolute(ctx, `${articleUrlPath}#${entryAnchor(e.id)}`),
      articleBody: plainText(e.body_html),
      ...(e.authors.length ? { author: e.authors.map((a) => ({ '@type': 'Person', name: a.name, url: absolute(ctx, authorPath(ctx.ed.prefix, a.slug)) })) } : {}),
    })),
  };
}
