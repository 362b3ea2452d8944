import { html, type SafeHtml } from '../../../../lib/html.js';
import { plural } from '../../../../lib/counting.js';
import { formatTime } from '../../../../web/newsroom/time.js';
import { checkbox, csrfField, errorSummary, selectField, textField, type Errors } from '../../../../web/newsroom/views/form.view.js';
import type { AlertCount, DeskItem, QueuePage, QueueRow } from '../desk.service.js';

/** The queue's query as typed (strings), for the filter form and the paging links. */
export type QueueQuery = Readonly<Record<string, string | undefined>>;

export const URGENCY_LABELS: Record<number, string> = { 1: 'Flash (1)', 2: 'Urgent (2)', 3: 'Bulletin (3)', 4: '4', 5: '5', 6: '6', 7: '7', 8: '8', 9: '9' };

/** The marks of an item: urgency, embargo (with its time), killed, alert matches. */
export function itemMarks(item: DeskItem, zone: string): SafeHtml {
  return html`${item.urgency !== null && item.urgency <= 3 ? html` <span class="wire-mark wire-urgent">Urgency ${item.urgency}</span>` : ''}${
    item.embargoed && item.embargo_until ? html` <span class="wire-mark wire-embargo">Embargoed until <time datetime="${item.embargo_until}">${formatTime(item.embargo_until, zone)}</time></span>` : ''
  }${item.killed ? html` <span class="wire-mark wire-killed">Killed (${item.status})</span>` : ''}${
    item.alerts.length ? html` <span class="wire-mark wire-alert">Alert: ${item.alerts.map((k) => `“${k}”`).join(', ')}</span>` : ''
  }${item.used > 0 ? html` <span class="wire-mark wire-used">Used in ${plural(item.used, 'story', 'stories')}</span>` : ''}`;
}

const reportLine = (r: DeskItem, zone: string) =>
  html`<li><a href="/newsroom/wires/items/${r.id}">${r.headline}</a> <span class="muted">— ${r.publication_name} (${r.feed_name}), ${r.language || 'language unknown'}, <time datetime="${r.received_at}">${formatTime(r.received_at, zone)}</time></span>${itemMarks(r, zone)}</li>`;

function queueRow(row: QueueRow, zone: string): SafeHtml {
  const lead = row.reports[0] as DeskItem;
  const alerted = row.reports.some((r) => r.alerts.length > 0);
  const count = html`${plural(row.reports.length, 'report')}: ${row.publications.join(', ')}${row.copies ? html` <span class="muted">(+${plural(row.copies, 'exact copy', 'exact copies')})</span>` : ''}`;
  return html`<li class="wire-row${alerted ? ' wire-row-alert' : ''}${lead.killed ? ' wire-row-killed' : ''}" data-group="${row.id}">
<h2 class="wire-headline"><a href="${row.reports.length > 1 || row.copies ? `/newsroom/wires/groups/${row.id}` : `/newsroom/wires/items/${lead.id}`}">${lead.headline}</a></h2>
<p class="wire-meta"><time datetime="${row.updatedAt}">${formatTime(row.updatedAt, zone)}</time> · ${count}${itemMarks(lead, zone)}</p>
${
  row.reports.length > 1
    ? html`<details><summary>All ${plural(row.reports.length, 'report')} of this story</summary><ul class="wire-reports">${row.reports.map((r) => reportLine(r, zone))}</ul></details>`
    : ''
}
</li>`;
}

function alertsBox(alerts: readonly AlertCount[]): SafeHtml {
  if (!alerts.length) return html`<p class="muted">No keyword alerts yet. <a href="/newsroom/wires/alerts">Add one</a> to have matching reports highlighted.</p>`;
  return html`<section class="panel wire-alerts" aria-labelledby="h-alerts"><h2 id="h-alerts">Your alerts</h2><ul>${alerts.map(
    (a) => html`<li><a href="/newsroom/wires?q=${encodeURIComponent(a.keywords)}">${a.recent} new matching “${a.keywords}”</a> <span class="muted">(last 24 hours)</span></li>`,
  )}</ul><p><a href="/newsroom/wires/alerts">Manage alerts</a></p></section>`;
}

export function queueView(p: { page: QueuePage; query: QueueQuery; zone: string; canManage: boolean; nextUrl: string | null; firstUrl: string | null; pollUrl: string }): SafeHtml {
  const { page, query, zone } = p;
  const feeds = page.feeds.map((f) => ({ value: f.id, label: `${f.name} (${f.publication_name})` }));
  const publications = [...new Map(page.feeds.map((f) => [f.publication_id, f.publication_name])).entries()].map(([value, label]) => ({ value, label }));
  return html`${p.canManage ? html`<p><a href="/newsroom/wires/feeds">Feeds</a> · <a href="/newsroom/wires/alerts">Alerts</a></p>` : html`<p><a href="/newsroom/wires/alerts">Alerts</a></p>`}
<form method="get" action="/newsroom/wires" class="filters" role="search" aria-label="Filter reports">
${textField({ name: 'q', label: 'Words', type: 'search', value: query.q ?? '', maxlength: 200, hint: 'Every word must occur; "quotes" for a phrase.' })}
${selectField({ name: 'feed', label: 'Feed', value: query.feed ?? '', options: feeds, empty: 'Any' })}
${selectField({ name: 'publication', label: 'Publication', value: query.publication ?? '', options: publications, empty: 'Any' })}
${selectField({ name: 'language', label: 'Language', value: query.language ?? '', options: page.languages.map((l) => ({ value: l, label: l })), empty: 'Any' })}
${selectField({ name: 'urgency', label: 'Urgency', value: query.urgency ?? '', options: [1, 2, 3, 4, 5].map((u) => ({ value: u, label: `${URGENCY_LABELS[u]} or more urgent` })), empty: 'Any' })}
${checkbox({ name: 'unused', label: 'Not used yet', checked: query.unused === '1' })}
<button type="submit">Filter</button>
</form>
${alertsBox(page.alerts)}
<div class="wire-live" role="status" aria-live="polite" data-wire-poll="${p.pollUrl}" data-wire-after="${page.latestId}"></div>
${page.rows.length ? html`<ol class="wire-queue">${page.rows.map((r) => queueRow(r, zone))}</ol>` : html`<p>No reports match.</p>`}
${
  p.nextUrl || p.firstUrl
    ? html`<nav class="pagination" aria-label="Pages">${p.firstUrl ? html`<a href="${p.firstUrl}">Newest reports</a>` : ''}${p.nextUrl ? html`<a href="${p.nextUrl}" rel="next">Older reports</a>` : ''}</nav>`
    : ''
}`;
}

export function alertsView(p: { alerts: readonly AlertCount[]; csrf: string; errors?: Errors | undefined; values?: { keywords: string; notify: boolean } }): SafeHtml {
  return html`<p><a href="/newsroom/wires">Back to the queue</a></p>
<p>Reports matching an alert are highlighted in the queue and counted at its top. Every word must occur; put a phrase in "quotes".</p>
${p.alerts.length ? html`<table><thead><tr><th scope="col">Words</th><th scope="col">Last 24 hours</th><th scope="col">Webhook</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>${p.alerts.map(
  (a) => html`<tr><td><a href="/newsroom/wires?q=${encodeURIComponent(a.keywords)}">${a.keywords}</a></td><td>${a.recent}</td><td>${a.notify ? 'Yes' : 'No'}</td><td><form method="post" action="/newsroom/wires/alerts/${a.id}/delete" class="inline-form">${csrfField(p.csrf)}<button type="submit" class="button danger">Delete<span class="visually-hidden"> the alert “${a.keywords}”</span></button></form></td></tr>`,
)}</tbody></table>` : html`<p>You have no alerts.</p>`}
<form method="post" action="/newsroom/wires/alerts" class="panel" novalidate>
<h2>New alert</h2>
${errorSummary(p.errors)}
${csrfField(p.csrf)}
${textField({ name: 'keywords', label: 'Words to watch for', value: p.values?.keywords ?? '', errors: p.errors, maxlength: 200, required: true })}
${checkbox({ name: 'notify', label: 'Also send matching reports as the webhook event wire.alert', checked: p.values?.notify ?? false })}
<button type="submit" class="primary">Add alert</button>
</form>`;
}
