import { html, type SafeHtml } from '../../../../lib/html.js';
import { selectField } from '../../../../web/newsroom/views/form.view.js';
import type { AuditRow } from '../audit-log.js';
import { utcAndZone } from '../../../../web/newsroom/time.js';

const ACTION_LABELS: Readonly<Record<string, string>> = {
  'article.publish': 'Article published',
  'article.schedule': 'Article scheduled',
  'article.unschedule': 'Schedule cancelled',
  'article.unpublish': 'Article unpublished',
  'article.correct': 'Correction',
  'article.delete': 'Article deleted',
  'user.create': 'User created',
  'user.role': 'Role changed',
  'user.author': 'Byline changed',
  'user.password': 'Password changed',
  'user.disable': 'Account disabled',
  'user.enable': 'Account enabled',
  'settings.change': 'Settings changed',
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

export function auditLog(p: { rows: readonly AuditRow[]; actions: readonly string[]; action: string | undefined; zone: string; older: number | undefined; paged: boolean }): SafeHtml {
  const link = (before?: number) => {
    const q = new URLSearchParams();
    if (p.action) q.set('action', p.action);
    if (before !== undefined) q.set('before', String(before));
    const s = q.toString();
    return `/newsroom/audit${s ? `?${s}` : ''}`;
  };
  return html`<form method="get" action="/newsroom/audit" class="filters" role="search" aria-label="Filter the audit log">
${selectField({ name: 'action', label: 'Action', value: p.action ?? '', options: p.actions.map((a) => ({ value: a, label: `${actionLabel(a)} (${a})` })), empty: 'All actions' })}
<button type="submit">Filter</button>
</form>
${
  p.rows.length
    ? html`<table>
<caption class="visually-hidden">Audit log, newest first</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Subject</th><th scope="col">Detail</th></tr></thead>
<tbody>
${p.rows.map(
  (r) => html`<tr>
<td>${utcAndZone(r.at, p.zone)}</td>
<td>${r.actorHref ? html`<a href="${r.actorHref}">${r.actor}</a>` : r.actor}</td>
<td>${actionLabel(r.action)}<br><span class="muted">${r.action}</span></td>
<td>${r.subjectHref ? html`<a href="${r.subjectHref}">${r.subject}</a>` : r.subject}</td>
<td>${r.detail}</td>
</tr>`,
)}
</tbody>
</table>`
    : html`<p>No entries${p.action ? ' for this action' : ''}${p.paged ? ' before this point' : ''}.</p>`
}
${
  p.paged || p.older !== undefined
    ? html`<nav class="pagination" aria-label="Audit log pages">${p.paged ? html`<a href="${link()}">Newest entries</a>` : ''}${p.older !== undefined ? html`<a href="${link(p.older)}" rel="next">Older entries</a>` : ''}</nav>`
    : ''
}`;
}
