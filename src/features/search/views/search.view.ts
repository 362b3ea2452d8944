import { html, type SafeHtml } from '../../../lib/html.js';
import { isoInZone } from '../../../lib/dates.js';
import { layout } from '../../../web/layout.js';
import type { RenderContext } from '../../../web/render-context.js';
import { articlePath, homePath, searchPath, sectionPath } from '../../../web/addresses.js';
import { isBareSearchForm, type ParamError, queryForMessage, searchHref, type SearchParams } from '../search-params.js';
import { MAX_QUERY_LENGTH, MAX_TERMS } from '../search-query.js';
import type { Segment } from '../search-snippet.js';
import { type ActiveFilters, type ResultItem, SEARCH_PAGE_SIZE, type SearchOutcome } from '../search.service.js';

/**
 * The search page: the form (query, section, dates; tag and author carried as hidden fields),
 * then errors, or the results with highlighted snippets and pagination, or help when nothing
 * matches. Highlights are built from plain-text segments, each escaped by `html`, so only the
 * <mark> elements written here are markup.
 */

const marked = (segments: readonly Segment[]): SafeHtml[] => segments.map((s) => (s.mark ? html`<mark>${s.text}</mark>` : html`${s.text}`));

const pluralRules = new Map<string, Intl.PluralRules>();
/** "1 result", "2 results"; Russian has four forms (https://cldr.unicode.org/index/cldr-spec/plural-rules). */
function plurals(locale: string): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function longDate(ctx: RenderContext, iso: string): string {
  const { locale, time_zone } = ctx.ed.edition;
  const key = `${locale}|${time_zone}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, { timeZone: time_zone, day: 'numeric', month: 'short', year: 'numeric' })));
  return format.format(new Date(iso));
}

function form(ctx: RenderContext, params: SearchParams, filters: ActiveFilters, invalid: ReadonlySet<string>): SafeHtml {
  const t = ctx.ed.i18n.t;
  const selected = params.section ?? '';
  const flag = (field: string) => (invalid.has(field) ? html` aria-invalid="true" aria-describedby="search-errors"` : '');
  return html`<form class="search-form" role="search" action="${searchPath(ctx.ed.prefix)}" method="get" aria-label="${t('search.formLabel')}">
<div class="search-box">
<label for="search-q">${t('search.label')}</label>
<div class="search-row">
<input type="search" id="search-q" name="q" value="${params.q}" maxlength="${MAX_QUERY_LENGTH}"${invalid.has('q') ? html` aria-invalid="true" aria-describedby="search-errors search-tips"` : html` aria-describedby="search-tips"`}>
<button type="submit">${t('search.button')}</button>
</div>
<p class="search-tips" id="search-tips">${t('search.tips')}</p>
</div>
<fieldset class="search-filters">
<legend>${t('search.filters')}</legend>
<div class="search-field"><label for="search-section">${t('search.section')}</label>
<select id="search-section" name="section"${flag('section')}>
<option value=""${selected === '' ? html` selected` : ''}>${t('search.allSections')}</option>
${ctx.ed.sections.map((s) => html`<option value="${s.slug}"${s.slug === selected ? html` selected` : ''}>${s.name}</option>`)}
</select></div>
<div class="search-field"><label for="search-from">${t('search.from')}</label>
<input type="date" id="search-from" name="from" value="${params.from ?? ''}"${flag('from')}></div>
<div class="search-field"><label for="search-to">${t('search.to')}</label>
<input type="date" id="search-to" name="to" value="${params.to ?? ''}"${flag('to')}></div>
${filters.tag ? html`<input type="hidden" name="tag" value="${filters.tag.slug}">` : ''}
${filters.author ? html`<input type="hidden" name="author" value="${filters.author.slug}">` : ''}
</fieldset>
</form>`;
}

/** The tag and author filters (set from a link, not the form), each with a link that drops it. */
function activeFilters(ctx: RenderContext, params: SearchParams, filters: ActiveFilters): SafeHtml {
  const t = ctx.ed.i18n.t;
  const items: SafeHtml[] = [];
  if (filters.tag) items.push(html`<li>${t('search.filter.tag', { name: filters.tag.name })} <a href="${searchHref(searchPath(ctx.ed.prefix), { ...params, tag: undefined, page: 1 })}">${t('search.filter.remove')}<span class="visually-hidden"> ${filters.tag.name}</span></a></li>`);
  if (filters.author) items.push(html`<li>${t('search.filter.author', { name: filters.author.name })} <a href="${searchHref(searchPath(ctx.ed.prefix), { ...params, author: undefined, page: 1 })}">${t('search.filter.remove')}<span class="visually-hidden"> ${filters.author.name}</span></a></li>`);
  return items.length ? html`<ul class="search-active">${items}</ul>` : html``;
}

function result(ctx: RenderContext, item: ResultItem): SafeHtml {
  const { hit } = item;
  const href = articlePath(ctx.ed.edition, hit.section_slug, hit.published_at, hit.slug);
  const t = ctx.ed.i18n.t;
  return html`<li class="search-result"><article>
<a class="kicker" href="${sectionPath(ctx.ed.prefix, hit.section_slug)}">${hit.section_name}</a>
<h2><a href="${href}">${marked(item.headline.segments)}</a></h2>
${item.snippet.segments.length ? html`<p class="snippet">${marked(item.snippet.segments)}</p>` : ''}
<p class="meta"><time datetime="${isoInZone(new Date(hit.published_at), ctx.ed.edition.time_zone)}">${longDate(ctx, hit.published_at)}</time>${
    hit.authors.length ? html` · ${t('byline.by', { names: ctx.ed.i18n.list(hit.authors) })}` : ''
  }</p>
</article></li>`;
}

function pagination(ctx: RenderContext, params: SearchParams, page: number, pages: number): SafeHtml {
  if (pages <= 1) return html``;
  const t = ctx.ed.i18n.t;
  const at = (n: number) => searchHref(searchPath(ctx.ed.prefix), { ...params, page: n });
  return html`<nav class="pagination" aria-label="${t('search.pages')}">
${page > 1 ? html`<a rel="prev" href="${at(page - 1)}">← ${t('search.previous')}</a>` : ''}
<span>${t('pagination.page', { page, pages })}</span>
${page < pages ? html`<a rel="next" href="${at(page + 1)}">${t('search.next')} →</a>` : ''}
</nav>`;
}

function noResults(ctx: RenderContext, params: SearchParams, filters: ActiveFilters): SafeHtml {
  const t = ctx.ed.i18n.t;
  const filtered = !!(filters.section || filters.tag || filters.author || filters.from || filters.to);
  return html`<div class="search-empty">
<h2>${t('search.none.title', { q: queryForMessage(params.q) })}</h2>
<ul>
<li>${t('search.none.spelling')}</li>
<li>${t('search.none.fewer')}</li>
${filtered ? html`<li><a href="${searchHref(searchPath(ctx.ed.prefix), { q: params.q })}">${t('search.none.unfiltered')}</a></li>` : ''}
</ul>
<p><a href="${homePath(ctx.ed.prefix)}">${t('search.none.latest')}</a></p>
</div>`;
}

/** Which form field an error is about, to mark it invalid. */
const FIELD_OF_ERROR: Readonly<Record<string, string>> = {
  'search.error.tooLong': 'q',
  'search.error.section': 'section',
  'search.error.unknownSection': 'section',
  'search.error.dateOrder': 'from',
};

export interface SearchPageInput {
  params: SearchParams;
  outcome: SearchOutcome;
  /** Messages for invalid parameters (the page is then served with status 400). */
  errors?: ParamError[];
}

export function searchPage(ctx: RenderContext, input: SearchPageInput): string {
  const t = ctx.ed.i18n.t;
  const { params, outcome } = input;
  const errors = input.errors ?? (outcome.kind === 'invalid' ? outcome.errors : []);
  const filters = outcome.kind === 'results' || outcome.kind === 'nothing' || outcome.kind === 'invalid' ? outcome.filters : {};
  let body: SafeHtml = html``;
  // Errors first, before the form (as an error summary): they say why there are no results.
  const summary = errors.length
    ? html`<div class="search-errors" id="search-errors" role="alert">
<h2>${t('search.error.title')}</h2>
<ul>${errors.map((e) => html`<li>${t(e.key, { ...e.vars, field: e.vars?.name ? t(`search.${e.vars.name}`) : '' })}</li>`)}</ul>
</div>`
    : html``;
  const invalid = new Set(errors.map((e) => FIELD_OF_ERROR[e.key] ?? (typeof e.vars?.name === 'string' ? e.vars.name : '')));
  // With errors, nothing but the form: results for half-understood parameters would mislead.
  if (errors.length === 0 && outcome.kind === 'results') {
    const { locale } = ctx.ed.edition;
    const count =
      outcome.total === 0
        ? ''
        : outcome.more
          ? t('search.count.more', { count: outcome.total.toLocaleString(locale), q: queryForMessage(params.q) })
          : t(`search.count.${plurals(locale).select(outcome.total)}`, { count: outcome.total.toLocaleString(locale), q: queryForMessage(params.q) });
    body = html`${count ? html`<p class="search-count" role="status">${count}</p>` : ''}
${outcome.query.truncated ? html`<p class="search-note">${t('search.truncated', { max: MAX_TERMS })}</p>` : ''}
${outcome.items.length ? html`<ol class="search-results" start="${(outcome.page - 1) * SEARCH_PAGE_SIZE + 1}">${outcome.items.map((item) => result(ctx, item))}</ol>` : noResults(ctx, params, filters)}
${pagination(ctx, params, outcome.page, outcome.pages)}`;
  } else if (errors.length === 0 && outcome.kind === 'nothing' && params.q) {
    body = html`<p class="search-note" role="status">${t('search.nothing')}</p>`;
  }
  const title = params.q && outcome.kind === 'results' ? t('search.titleFor', { q: queryForMessage(params.q) }) : t('search.title');
  const main = html`<div class="search-page">
<h1 class="page-title">${t('search.title')}</h1>
${summary}
${form(ctx, params, filters, invalid)}
${activeFilters(ctx, params, filters)}
${body}
</div>`;
  return layout(ctx, { title, description: t('search.title'), canonicalPath: searchPath(ctx.ed.prefix), noindex: !isBareSearchForm(params, errors) }, main);
}
