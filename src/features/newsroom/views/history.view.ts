import { renderDiffHtml } from '../../../lib/diff.js';
import { html, type SafeHtml } from '../../../lib/html.js';
import { formatTime } from '../../../web/newsroom/time.js';
import { csrfField, selectField } from '../../../web/newsroom/views/form.view.js';
import type { RevisionListItem } from '../newsroom.repository.js';
import type { Comparison } from '../revision-diff.js';

/** An article's revisions, two of them compared field by field, and the restore buttons. */
export function historyView(p: {
  id: number;
  stateLabel: string;
  revisions: readonly RevisionListItem[];
  from: number | undefined;
  to: number | undefined;
  comparison: Comparison | undefined;
  zone: string;
  canRestore: boolean;
  csrf: string;
}): SafeHtml {
  const { id, revisions, zone } = p;
  const options = revisions.map((r) => ({ value: r.id, label: `${r.id}: ${r.note} — ${r.author_name ?? 'unknown'}, ${formatTime(r.created_at, zone)}` }));
  const comparison = p.comparison
    ? html`<h2 id="comparison">Changes from revision ${p.comparison.from} to revision ${p.comparison.to}</h2>
${p.comparison.changed.length ? p.comparison.changed.map((f) => html`<div class="diff-field"><h3>${f.label}</h3><div class="diff-text">${renderDiffHtml(f.ops)}</div></div>`) : html`<p>No field differs.</p>`}`
    : html``;
  return html`<p><a href="/newsroom/articles/${id}">Back to the article</a> · <span class="status">${p.stateLabel}</span></p>
<form method="get" action="/newsroom/articles/${id}/history" class="filters">
${selectField({ name: 'from', label: 'Compare revision', value: p.from, options })}
${selectField({ name: 'to', label: 'with revision', value: p.to, options })}
<button type="submit">Compare</button>
</form>
${comparison}
<h2>All revisions</h2>
<table><thead><tr><th scope="col">Revision</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>
${revisions.map(
  (r, i) => html`<tr><td>${r.id}</td><td>${formatTime(r.created_at, zone)}</td><td>${r.author_name ?? 'unknown'}</td><td>${r.note}</td><td>
${revisions[i + 1] ? html`<a href="/newsroom/articles/${id}/history?from=${revisions[i + 1]!.id}&amp;to=${r.id}#comparison">Changes<span class="visually-hidden"> in revision ${r.id}</span></a>` : ''}
${p.canRestore && i > 0 ? html`<form method="post" action="/newsroom/articles/${id}/revisions/${r.id}/restore" class="inline-form" data-confirm="Restore revision ${r.id}? The current text stays in the history.">${csrfField(p.csrf)}<button type="submit" class="link-button">Restore<span class="visually-hidden"> revision ${r.id}</span></button></form>` : ''}
</td></tr>`,
)}
</tbody></table>`;
}
