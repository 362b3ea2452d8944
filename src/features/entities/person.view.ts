import { isoInZone } from '../../lib/dates.js';
import { html, type SafeHtml } from '../../lib/html.js';
import { articlePath } from '../../web/addresses.js';
import { formatShortDate } from '../../web/partials.js';
import type { RenderContext } from '../../web/render-context.js';
import type { Mention, Quotation } from './entity-quotes.js';

type Placed = Pick<Mention, 'edition' | 'section' | 'publishedAt' | 'slug' | 'editionDefault' | 'timeZone'>;

const pathOf = (ctx: RenderContext, a: Placed) =>
  articlePath(ctx.site.byCode(a.edition)?.edition ?? { code: a.edition, is_default: a.editionDefault, time_zone: a.timeZone }, a.section, a.publishedAt, a.slug);

/** The language of another edition's words, so that screen readers speak them right. */
const langOf = (ctx: RenderContext, edition: string) => (edition === ctx.ed.edition.code ? '' : (ctx.site.byCode(edition)?.edition.locale ?? edition));

const dated = (ctx: RenderContext, a: Placed) => html`<time datetime="${isoInZone(new Date(a.publishedAt), ctx.ed.edition.time_zone)}">${formatShortDate(ctx, a.publishedAt)}</time>`;

/**
 * A person's page adds what they said, newest first, each with its article and date, in every
 * edition, and the other editions' articles about them (decision 0027).
 */
export function personParts(ctx: RenderContext, quotes: readonly Quotation[], elsewhere: readonly Mention[]): SafeHtml {
  const t = ctx.ed.i18n.t;
  return html`${
    quotes.length
      ? html`<section class="person-quotes" aria-labelledby="person-said"><h2 id="person-said">${t('person.said')}</h2>
<ul class="list-items">
${quotes.map((q) => {
  const lang = langOf(ctx, q.article.edition);
  return html`<li><figure class="quote"><blockquote${lang ? html` lang="${lang}"` : ''}><p>${q.text}</p></blockquote><figcaption><a href="${pathOf(ctx, q.article)}"${lang ? html` hreflang="${lang}" lang="${lang}"` : ''}>${q.article.headline}</a>, ${dated(ctx, q.article)}</figcaption></figure></li>`;
})}
</ul></section>`
      : ''
  }${
    elsewhere.length
      ? html`<section class="person-elsewhere" aria-labelledby="person-elsewhere"><h2 id="person-elsewhere">${t('person.elsewhere')}</h2>
<ul class="list-items">
${elsewhere.map((m) => {
  const lang = langOf(ctx, m.edition);
  return html`<li><a href="${pathOf(ctx, m)}"${lang ? html` hreflang="${lang}" lang="${lang}"` : ''}>${m.headline}</a>, ${dated(ctx, m)}</li>`;
})}
</ul></section>`
      : ''
  }`;
}
