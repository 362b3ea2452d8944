import { isoInZone } from '../../../lib/dates.js';
import { html, type SafeHtml } from '../../../lib/html.js';
import { articlePath, sectionPath } from '../../../web/addresses.js';
import { formatShortDate, picture } from '../../../web/partials.js';
import type { RenderContext } from '../../../web/render-context.js';
import type { ArticleCard } from '../../articles/article.repository.js';

/**
 * The front page's vocabulary (decision 0024), shared by the home, section, tag and author pages:
 * a lead story, secondary stories, compact time-stamped lists. A story without an image is set as
 * type (a rule above, a larger headline, the standfirst), never as an empty picture frame.
 */

export type Heading = 'h2' | 'h3';

const href = (ctx: RenderContext, item: ArticleCard) => articlePath(ctx.ed.edition, item.section_slug, item.published_at, item.slug);

function headline(level: Heading, link: string, text: string): SafeHtml {
  return level === 'h2' ? html`<h2 class="story-title"><a href="${link}">${text}</a></h2>` : html`<h3 class="story-title"><a href="${link}">${text}</a></h3>`;
}

export function timeOf(ctx: RenderContext, item: ArticleCard, format: 'short' | 'clock' = 'short'): SafeHtml {
  const text = format === 'clock' ? clock(ctx, item.published_at) : formatShortDate(ctx, item.published_at);
  return html`<time datetime="${isoInZone(new Date(item.published_at), ctx.ed.edition.time_zone)}">${text}</time>`;
}

const clocks = new Map<string, Intl.DateTimeFormat>();
/** "14:05" in the edition's zone, for compact lists of today's news; a date too when not today. */
function clock(ctx: RenderContext, iso: string): string {
  const { locale, time_zone } = ctx.ed.edition;
  const now = ctx.now ?? new Date();
  const day = (d: Date) => isoInZone(d, time_zone).slice(0, 10);
  const at = new Date(iso);
  if (day(at) !== day(now)) return formatShortDate(ctx, iso);
  const key = `${locale}|${time_zone}`;
  let format = clocks.get(key);
  if (!format) clocks.set(key, (format = new Intl.DateTimeFormat(locale, { timeZone: time_zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return format.format(at);
}

const kicker = (ctx: RenderContext, item: ArticleCard) => html`<a class="kicker" href="${sectionPath(ctx.ed.prefix, item.section_slug)}">${item.section_name}</a>`;

/** The lead: the largest picture and headline on the page, its image loaded first. */
export function leadStory(ctx: RenderContext, item: ArticleCard, options: { heading: Heading; showSection?: boolean }): SafeHtml {
  const image = item.media ? picture(item.media, { sizes: '(min-width: 72rem) 44rem, (min-width: 48rem) 62vw, 100vw', eager: true }) : '';
  return html`<article class="story story-lead${item.media ? '' : ' no-image'}">
${image}
<div class="story-text">
${options.showSection === false ? '' : kicker(ctx, item)}
${headline(options.heading, href(ctx, item), item.headline)}
${item.standfirst ? html`<p class="story-standfirst">${item.standfirst}</p>` : ''}
<p class="story-meta">${timeOf(ctx, item)}</p>
</div>
</article>`;
}

/** A secondary story: a small picture beside (phone) or above (wide screens) the headline. */
export function secondaryStory(ctx: RenderContext, item: ArticleCard, options: { heading: Heading; eager?: boolean; showSection?: boolean }): SafeHtml {
  const image = item.media ? picture(item.media, { sizes: '(min-width: 48rem) 14rem, 7rem', maxWidth: 800, eager: options.eager ?? false }) : '';
  return html`<article class="story story-secondary${item.media ? '' : ' no-image'}">
${image}
<div class="story-text">
${options.showSection === false ? '' : kicker(ctx, item)}
${headline(options.heading, href(ctx, item), item.headline)}
${item.media ? '' : item.standfirst ? html`<p class="story-standfirst">${item.standfirst}</p>` : ''}
<p class="story-meta">${timeOf(ctx, item)}</p>
</div>
</article>`;
}

/**
 * A compact list: headline and time, optionally the section and a thumbnail (for the section,
 * tag and author pages, where the standfirst helps choose).
 */
export function compactList(
  ctx: RenderContext,
  items: readonly ArticleCard[],
  options: { heading: Heading; showSection?: boolean; standfirst?: boolean; thumbnails?: boolean; clock?: boolean; className?: string },
): SafeHtml {
  if (!items.length) return html`<p class="empty">${ctx.ed.i18n.t('list.empty')}</p>`;
  return html`<ol class="compact${options.className ? ` ${options.className}` : ''}">
${items.map(
  (item) => html`<li class="compact-item${options.thumbnails && item.media ? ' with-thumb' : ''}">
${options.thumbnails && item.media ? picture(item.media, { sizes: '6rem', maxWidth: 400 }) : ''}
<div class="compact-text">
<p class="compact-meta">${timeOf(ctx, item, options.clock ? 'clock' : 'short')}${options.showSection ? html` · <a href="${sectionPath(ctx.ed.prefix, item.section_slug)}">${item.section_name}</a>` : ''}</p>
${headline(options.heading, href(ctx, item), item.headline)}
${options.standfirst && item.standfirst ? html`<p class="compact-standfirst">${item.standfirst}</p>` : ''}
</div>
</li>\n`,
)}
</ol>`;
}
