import { html, raw, type SafeHtml } from '../../../../lib/html.js';
import { formatTime } from '../../../../web/newsroom/time.js';
import { csrfField } from '../../../../web/newsroom/views/form.view.js';
import type { LinkedReport, SourceNotice } from '../desk.service.js';

/** Where to see what changed in a report since the version the writer saw. */
const changesUrl = (itemId: number) => `/newsroom/wires/items/${itemId}#versions`;

const changeWords = (r: { status: string; version: number; seenVersion: number; seenStatus: string }) =>
  r.status !== 'usable' ? `was killed (${r.status})` : r.seenStatus !== 'usable' ? 'is usable again' : `was updated (version ${r.seenVersion} → ${r.version})`;

/** The notice on an article's page when a report it is based on changed, with "Dealt with". */
export function articleNotice(p: { articleId: number; reports: readonly LinkedReport[]; csrf: string; canDeal: boolean; zone: string }): SafeHtml {
  const changed = p.reports.filter((r) => r.changedAt !== null);
  if (!changed.length) return html``;
  return html`<div class="wire-source-notice" role="region" aria-labelledby="h-source-changed">
<h2 id="h-source-changed">A report this story is based on changed</h2>
<ul>${changed.map(
    (r) =>
      html`<li>${r.publication}: “${r.headline}” ${changeWords(r)} on <time datetime="${r.changedAt}">${formatTime(r.changedAt as string, p.zone)}</time> — <a href="${changesUrl(r.itemId)}">see what changed</a></li>`,
  )}</ul>
${
  p.canDeal
    ? html`<form method="post" action="/newsroom/wires/articles/${p.articleId}/dealt-with" class="inline-form">${csrfField(p.csrf)}<button type="submit" class="button secondary">Dealt with</button></form>`
    : ''
}
</div>`;
}

/** The reports an article was written from, beside its editor: readable, each collapsible. */
export function reportsAside(p: { reports: readonly LinkedReport[]; zone: string }): SafeHtml {
  if (!p.reports.length) return html``;
  return html`<aside class="panel wire-beside" aria-labelledby="h-beside">
<h2 id="h-beside">The reports this story is written from</h2>
${p.reports.map(
  (r, n) => html`<details${n === 0 ? raw(' open') : ''}><summary>${r.publication}: ${r.headline}${r.status !== 'usable' ? ` (killed: ${r.status})` : ''}</summary>
${r.embargoed && r.embargoUntil ? html`<p class="wire-mark wire-embargo">Embargoed until <time datetime="${r.embargoUntil}">${formatTime(r.embargoUntil, p.zone)}</time>: not to be published before then.</p>` : ''}
<p class="muted"><a href="/newsroom/wires/items/${r.itemId}">The report on the wire desk</a>${r.url ? html` · <a href="${r.url}" rel="noopener noreferrer nofollow">original</a>` : ''}</p>
<div class="wire-body">${raw(r.bodyHtml)}</div>
</details>`,
)}
</aside>`;
}

/** The dashboard's block of articles whose reports changed after they were written. */
export function dashboardNotices(p: { notices: readonly SourceNotice[]; zone: string }): SafeHtml {
  if (!p.notices.length) return html``;
  return html`<section class="wire-source-notice" aria-labelledby="h-sources-changed"><h2 id="h-sources-changed">Reports that changed under published or drafted stories (${p.notices.length})</h2>
<ul>${p.notices.map(
    (n) =>
      html`<li><a href="/newsroom/articles/${n.articleId}">${n.articleHeadline}</a>: a report this story is based on was ${n.change === 'killed' ? 'killed' : 'updated'} (“${n.headline}”, <time datetime="${n.changedAt}">${formatTime(n.changedAt, p.zone)}</time>) — <a href="${changesUrl(n.itemId)}">see what changed</a></li>`,
  )}</ul></section>`;
}
