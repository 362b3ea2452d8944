import { html } from '../../lib/html.js';
import { layout } from '../layout.js';
import type { RenderContext } from '../render-context.js';
import { assets } from '../assets.js';

const KNOWN = new Set([400, 404, 500]);

/** An error page in the site's style. Never shows details of the error itself. */
export function errorPage(ctx: RenderContext, status: number, path: string): string {
  const key = KNOWN.has(status) ? status : status >= 500 ? 500 : 400;
  const t = ctx.ed.i18n.t;
  const main = html`<div class="error-page">
<h1 class="page-title">${t(`error.${key}.title`)}</h1>
<p>${t(`error.${key}.text`)}</p>
<p><a href="${ctx.ed.prefix || '/'}">${t('error.back')}</a></p>
</div>`;
  return layout(ctx, { title: t(`error.${key}.title`), description: t(`error.${key}.text`), canonicalPath: path, noindex: true }, main);
}

/** The last resort when even the site's structure cannot be read (the database is down). */
export function bareErrorPage(status: number): string {
  const title = status >= 500 ? 'Something went wrong' : status === 404 ? 'Page not found' : 'Bad request';
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><link rel="stylesheet" href="${assets.css.url}"></head><body><main class="wrap error-page"><h1>${title}</h1><p>Please try again shortly.</p><p><a href="/">Home</a></p></main></body></html>`.value;
}
