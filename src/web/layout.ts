import { assets, INLINE_HEAD_SCRIPT } from './assets.js';
import { html, jsonForScript, raw, type SafeHtml } from '../lib/html.js';
import { homePath, searchPath, sectionPath } from './addresses.js';
import type { PageMeta, RenderContext } from './render-context.js';
import { fillEditionText } from './edition-text.js';
import { zonedParts } from '../lib/dates.js';

export const absolute = (ctx: RenderContext, path: string) => (/^https?:\/\//.test(path) ? path : `${ctx.siteUrl}${path}`);

function head(ctx: RenderContext, meta: PageMeta): SafeHtml {
  const { ed } = ctx;
  const canonical = absolute(ctx, meta.canonicalPath);
  const fullTitle = meta.title === ed.edition.site_name ? meta.title : `${meta.title} — ${ed.edition.site_name}`;
  const image = meta.image;
  return html`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${meta.description}">
<link rel="canonical" href="${canonical}">
${meta.noindex ? html`<meta name="robots" content="noindex">` : ''}
${(meta.alternates ?? []).map((a) => html`<link rel="alternate" hreflang="${a.lang}" href="${absolute(ctx, a.path)}">\n`)}
${meta.prevPath ? html`<link rel="prev" href="${absolute(ctx, meta.prevPath)}">` : ''}
${meta.nextPath ? html`<link rel="next" href="${absolute(ctx, meta.nextPath)}">` : ''}
${(meta.feeds ?? []).map((f) => html`<link rel="alternate" type="${f.type}" title="${f.title}" href="${absolute(ctx, f.path)}">\n`)}
<meta property="og:site_name" content="${ed.edition.site_name}">
<meta property="og:type" content="${meta.ogType ?? 'website'}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${canonical}">
<meta property="og:locale" content="${ed.edition.locale.replace('-', '_')}">
${
  image
    ? html`<meta property="og:image" content="${absolute(ctx, image.url)}">
<meta property="og:image:width" content="${image.width}">
<meta property="og:image:height" content="${image.height}">
<meta property="og:image:alt" content="${image.alt}">`
    : ''
}
${
  meta.article
    ? html`<meta property="article:published_time" content="${meta.article.publishedTime}">
<meta property="article:modified_time" content="${meta.article.modifiedTime}">
<meta property="article:section" content="${meta.article.section}">
${meta.article.tags.map((t) => html`<meta property="article:tag" content="${t}">\n`)}`
    : ''
}
<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${meta.title}">
<meta name="twitter:description" content="${meta.description}">
${image ? html`<meta name="twitter:image" content="${absolute(ctx, image.url)}"><meta name="twitter:image:alt" content="${image.alt}">` : ''}
<link rel="stylesheet" href="${assets.css.url}">
<link rel="icon" href="${assets.logo.url}" type="image/svg+xml">
<script>${raw(INLINE_HEAD_SCRIPT)}</script>
<script src="${assets.textSize.url}" defer></script>
${meta.ogType === 'article' ? html`<script src="${assets.views.url}" defer></script>` : ''}
${(meta.scripts ?? []).map((src) => html`<script src="${src}" defer></script>\n`)}
${(meta.jsonLd ?? []).map((data) => html`<script type="application/ld+json">${jsonForScript(data)}</script>\n`)}
</head>`;
}

function editionLinks(ctx: RenderContext): SafeHtml {
  const { ed, site } = ctx;
  return html`<ul>${site.editions.map(
    (other) =>
      html`<li><a href="${homePath(other.prefix)}" lang="${other.edition.locale}" hreflang="${other.edition.locale}"${other === ed ? raw(' aria-current="true"') : ''}>${other.edition.name}</a></li>`,
  )}</ul>`;
}

function searchForm(ctx: RenderContext, id: string): SafeHtml {
  const t = ctx.ed.i18n.t;
  return html`<form class="site-search" role="search" action="${searchPath(ctx.ed.prefix)}" method="get" aria-label="${t('search.siteLabel')}">
<label class="visually-hidden" for="${id}">${t('search.label')}</label>
<input type="search" id="${id}" name="q" maxlength="200">
<button type="submit">${t('search.button')}</button>
</form>`;
}

function sectionLinks(ctx: RenderContext, meta: PageMeta): SafeHtml {
  const { ed } = ctx;
  return html`<ul>
<li><a href="${homePath(ed.prefix)}">${ed.i18n.t('nav.home')}</a></li>
${ed.sections.map((s) => html`<li><a href="${sectionPath(ed.prefix, s.slug)}"${meta.section === s.slug ? raw(' aria-current="page"') : ''}>${s.name}</a></li>`)}
</ul>`;
}

/**
 * The masthead. Wide screens show the sections, editions and search in the header; a phone shows
 * the brand and a menu button (a <details>, so it opens without any script) holding the same three.
 * Only one of the two is displayed at a time, so each landmark exists once for assistive technology.
 */
function header(ctx: RenderContext, meta: PageMeta): SafeHtml {
  const { ed, site } = ctx;
  const t = ed.i18n.t;
  const several = site.editions.length > 1;
  return html`<header class="site-header">
<div class="wrap">
<div class="masthead">
<a class="brand" href="${homePath(ed.prefix)}">${ed.edition.site_name}</a>
${several ? html`<nav class="editions wide" aria-label="${t('nav.editions')}">${editionLinks(ctx)}</nav>` : ''}
<div class="wide">${searchForm(ctx, 'site-search-q')}</div>
<details class="menu">
<summary><span class="menu-icon" aria-hidden="true"></span>${t('nav.menu')}</summary>
<div class="menu-panel">
${searchForm(ctx, 'menu-search-q')}
<nav class="menu-sections" aria-label="${t('nav.main')}">${sectionLinks(ctx, meta)}</nav>
${several ? html`<nav class="editions" aria-label="${t('nav.editions')}">${editionLinks(ctx)}</nav>` : ''}
</div>
</details>
</div>
<nav class="sections wide" aria-label="${t('nav.main')}">${sectionLinks(ctx, meta)}</nav>
</div>
</header>`;
}

/** The whole HTML document around a page's main content. */
export function layout(ctx: RenderContext, meta: PageMeta, main: SafeHtml): string {
  const { ed } = ctx;
  const t = ed.i18n.t;
  return html`<!doctype html>
<html lang="${ed.edition.locale}" dir="ltr">
${head(ctx, meta)}
<body>
<a class="skip-link" href="#main">${t('nav.skip')}</a>
${header(ctx, meta)}
<main id="main" class="wrap" tabindex="-1">
${main}
</main>
${
  // The edition's own words, set in the newsroom (plain text, escaped); none, no footer.
  ed.edition.footer_note
    ? html`<footer class="site-footer"><div class="wrap"><p>${fillEditionText(ed.edition.footer_note, { year: zonedParts(ctx.now ?? new Date(), ed.edition.time_zone).year, site: ed.edition.site_name })}</p></div></footer>`
    : ''
}
</body>
</html>
`.value;
}
