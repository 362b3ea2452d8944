import { renderDiffHtml } from '../../../../lib/diff.js';
import { html, raw, type SafeHtml } from '../../../../lib/html.js';
import { plural } from '../../../../lib/counting.js';
import { formatTime } from '../../../../web/newsroom/time.js';
import { csrfField, errorSummary, selectField, type Errors } from '../../../../web/newsroom/views/form.view.js';
import type { DeskItem, GroupPage, ItemPage } from '../desk.service.js';
import { itemMarks, URGENCY_LABELS } from './queue.view.js';

export interface WriteForm {
  /** Where the form posts. */
  action: string;
  csrf: string;
  sections: ReadonlyArray<{ id: number; name: string; edition_name: string }>;
  values: { sectionId: string; start: string };
  errors?: Errors | undefined;
  message?: string | undefined;
  /** The reports it writes from are under embargo until then. */
  embargoUntil: string | null;
}

/** "Write a story from this": the section (and so the edition), and how to start the body. */
export function writeForm(p: WriteForm, zone: string): SafeHtml {
  return html`<form method="post" action="${p.action}" class="panel wire-write" novalidate>
<h2 id="h-write">Write a story from this</h2>
${errorSummary(p.errors, p.message)}
${csrfField(p.csrf)}
${
  p.embargoUntil
    ? html`<p class="wire-mark wire-embargo">Under embargo until <time datetime="${p.embargoUntil}">${formatTime(p.embargoUntil, zone)}</time>: you can write now, but the story cannot be published before then.</p>`
    : ''
}
${selectField({ name: 'section_id', label: 'Section', value: p.values.sectionId, options: p.sections.map((s) => ({ value: s.id, label: s.name, group: s.edition_name })), errors: p.errors, empty: 'Choose…', required: true })}
<fieldset>
<legend>Start with</legend>
<div class="field checkbox"><input type="radio" id="start-text" name="start" value="text"${p.values.start !== 'empty' ? raw(' checked') : ''}><label for="start-text">The report's headline and text, to rewrite</label></div>
<div class="field checkbox"><input type="radio" id="start-empty" name="start" value="empty"${p.values.start === 'empty' ? raw(' checked') : ''}><label for="start-empty">The headline only, with the reports beside the editor</label></div>
</fieldset>
<p class="hint">The sources (publication, citing, original address and the report's id) are filled in for you.</p>
<button type="submit" class="primary">Write the story</button>
</form>`;
}

const row = (label: string, value: SafeHtml | string) => html`<dt>${label}</dt><dd>${value}</dd>`;

const otherReport = (r: DeskItem, zone: string) =>
  html`<li><a href="/newsroom/wires/items/${r.id}">${r.headline}</a> <span class="muted">— ${r.publication_name}, <time datetime="${r.received_at}">${formatTime(r.received_at, zone)}</time></span>${itemMarks(r, zone)}</li>`;

export function itemView(p: { page: ItemPage; zone: string; write: WriteForm | null; groupUrl: string | null; aside?: SafeHtml | undefined }): SafeHtml {
  const { page, zone } = p;
  const i = page.item;
  return html`<p><a href="/newsroom/wires">Back to the queue</a>${p.groupUrl ? html` · <a href="${p.groupUrl}">All reports of this story</a>` : ''}</p>
<p class="wire-meta">${itemMarks(i, zone)}</p>
${page.copyOf ? html`<p class="notice">An exact copy of <a href="/newsroom/wires/items/${page.copyOf.id}">${page.copyOf.headline}</a> (${page.copyOf.publication_name}).</p>` : ''}
<dl class="dl wire-facts">
${row('Byline', i.byline || '—')}
${row('Feed', `${i.feed_name} (${i.publication_name})`)}
${row('Sent', i.sent_at ? html`<time datetime="${i.sent_at}">${formatTime(i.sent_at, zone)}</time>` : '—')}
${row('Received', html`<time datetime="${i.received_at}">${formatTime(i.received_at, zone)}</time>`)}
${row('Language', `${i.language || 'unknown'}${i.language ? (page.languageDeclared ? ' (declared)' : ' (detected or assumed)') : ''}`)}
${row('Urgency', i.urgency === null ? '—' : (URGENCY_LABELS[i.urgency] ?? String(i.urgency)))}
${row('Subjects', page.subjects.length ? page.subjects.map((s) => s.name).join(', ') : '—')}
${row('Place', i.place || '—')}
${row('Embargo', i.embargo_until ? html`<time datetime="${i.embargo_until}">${formatTime(i.embargo_until, zone)}</time>${i.embargoed ? ' (still under embargo)' : ' (lifted)'}` : 'None')}
${row('Status', i.killed ? html`<strong>Killed: ${i.status}</strong>` : 'Usable')}
${row('Version', String(i.version))}
${row('Original', i.url ? html`<a href="${i.url}" rel="noopener noreferrer nofollow">${i.url}</a>` : '—')}
${row('Id (guid)', html`<code>${page.guid}</code>`)}
</dl>
<section aria-labelledby="h-body"><h2 id="h-body">Text</h2><div class="wire-body">${raw(page.bodyHtml)}</div></section>
${p.aside ?? ''}
${p.write ? writeForm(p.write, zone) : ''}
${page.others.length ? html`<section aria-labelledby="h-others"><h2 id="h-others">Other reports of this story</h2><ul>${page.others.map((r) => otherReport(r, zone))}</ul></section>` : ''}
<section aria-labelledby="h-versions" id="versions"><h2 id="h-versions">Versions (${page.versions.length})</h2>
<ol class="wire-versions">${page.versions.map(
    (v) => html`<li id="version-${v.version}"><h3>Version ${v.version}: ${v.headline}</h3><p class="muted">Received <time datetime="${v.receivedAt}">${formatTime(v.receivedAt, zone)}</time>, status ${v.status}</p>${
      v.changes === undefined
        ? html`<p class="muted">The first version.</p>`
        : v.changes.length
          ? v.changes.map((f) => html`<div class="diff-field"><h4>${f.label}</h4><div class="diff-text">${renderDiffHtml(f.ops)}</div></div>`)
          : html`<p class="muted">Nothing an editor sees changed.</p>`
    }</li>`,
  )}</ol></section>
<section aria-labelledby="h-raw"><h2 id="h-raw">Raw document (${page.rawFormat || 'unknown format'})</h2>
<details><summary>Show the document as it arrived${page.rawCut ? ' (cut to 64 KB)' : ''}</summary><pre class="wire-raw" tabindex="0">${page.raw}</pre></details></section>`;
}

export function groupView(p: { page: GroupPage; zone: string; write: WriteForm | null }): SafeHtml {
  const { page, zone } = p;
  const names = [...new Set(page.reports.map((r) => r.publication_name))];
  return html`<p><a href="/newsroom/wires">Back to the queue</a></p>
<p>${plural(page.reports.length, 'report')}: ${names.join(', ')}${page.copies.length ? html` <span class="muted">(+${plural(page.copies.length, 'exact copy', 'exact copies')})</span>` : ''}</p>
${p.write ? writeForm(p.write, zone) : ''}
<ol class="wire-group">${page.reports.map(
    (r, n) => html`<li><article aria-labelledby="h-report-${r.id}"><h2 id="h-report-${r.id}"><a href="/newsroom/wires/items/${r.id}">${r.headline}</a>${n === 0 ? html` <span class="muted">(newest)</span>` : ''}</h2>
<p class="wire-meta">${r.publication_name} (${r.feed_name}) · <time datetime="${r.received_at}">${formatTime(r.received_at, zone)}</time> · ${r.language || 'language unknown'}${itemMarks(r, zone)}</p>
<details${n === 0 ? raw(' open') : ''}><summary>Text</summary><div class="wire-body">${raw(r.bodyHtml)}</div></details></article></li>`,
  )}</ol>
${page.copies.length ? html`<section aria-labelledby="h-copies"><h2 id="h-copies">Exact copies</h2><ul>${page.copies.map((r) => otherReport(r, zone))}</ul></section>` : ''}`;
}
