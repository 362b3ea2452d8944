import { html, raw, type SafeHtml } from '../../../../lib/html.js';
import { formatTime } from '../../../../web/newsroom/time.js';
import { checkbox, csrfField, errorSummary, selectField, textArea, textField, type Errors } from '../../../../web/newsroom/views/form.view.js';
import type { ImportRun } from '../import-run-store.js';
import { type ImportRunReport, megabytes, UPLOAD_FORMATS } from '../import-runner.js';

/** The import form as typed (after a refusal). */
export interface ImportFormValues {
  format: string;
  edition: string;
  section_map: string;
  site_url: string;
  dry_run: boolean;
}

export const emptyImportForm = (): ImportFormValues => ({ format: '', edition: '', section_map: '', site_url: '', dry_run: true });

/** Rows shown in the page's tables; the JSON report has all of them. */
const TABLE_ROWS = 500;

const OUTCOME_LABELS: Record<string, [string, string]> = {
  created: ['Created', 'Would be created'],
  existing: ['Matched to existing', 'Would match existing'],
  already: ['Already imported', 'Already imported'],
  skipped: ['Skipped', 'Would be skipped'],
  failed: ['Failed', 'Would fail'],
};

const STATUS_LABELS: Record<ImportRun['status'], string> = { queued: 'Waiting to start', running: 'Running', done: 'Finished', failed: 'Stopped' };

export function importFormPage(p: {
  csrf: string;
  values: ImportFormValues;
  errors?: Errors | undefined;
  message?: string | undefined;
  editions: { code: string; name: string }[];
  maxBytes: number;
  runs: ImportRun[];
  zone: string;
}): SafeHtml {
  const v = p.values;
  return html`<p>Bring articles, sections, tags, authors and images in from another system. Every old address of an imported article answers with a redirect to its new one. Importing the same file again adds only what is not there yet.</p>
<p>Files up to <strong>${megabytes(p.maxBytes)}</strong> can be uploaded here. For larger files, run <code>dateline import FORMAT FILE</code> on the server (<code>dateline import --help</code>): it has no size limit and gives the same report.</p>
${errorSummary(p.errors, p.message)}
<form method="post" action="/newsroom/imports" enctype="multipart/form-data" class="nr-form" novalidate>
${csrfField(p.csrf)}
${selectField({ name: 'format', label: 'Format', value: v.format, errors: p.errors, empty: 'Choose…', options: UPLOAD_FORMATS.map((f) => ({ value: f.name, label: f.label })), required: true })}
${selectField({ name: 'edition', label: 'Edition', value: v.edition, errors: p.errors, hint: 'Articles go to this edition (translations may go to the edition in their language).', options: p.editions.map((e) => ({ value: e.code, label: `${e.name} (${e.code})` })) })}
${textArea({ name: 'section_map', label: 'Section mapping (optional)', value: v.section_map, errors: p.errors, rows: 3, hint: 'One old=new pair per line or separated by commas: the old category’s or tag’s slug, "=", one of our section slugs. Unmapped categories become new sections.' })}
${textField({ name: 'site_url', label: 'Old site address (Ghost)', value: v.site_url, errors: p.errors, type: 'url', hint: 'Ghost exports do not say where the site was: give its address (https://old.example) so that images and links can be found. WordPress and ninjs files say it themselves.' })}
${checkbox({ name: 'dry_run', label: 'Dry run: read the file and show the full report, change nothing', checked: v.dry_run })}
${fileField(p.errors, p.maxBytes)}
<p><button type="submit" class="button primary">Upload and start</button></p>
</form>
${runList(p.runs, p.zone)}`;
}

function fileField(errors: Errors | undefined, maxBytes: number): SafeHtml {
  const error = errors?.file;
  const described = ['f-file-hint', error ? 'f-file-error' : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' has-error' : ''}">
<label for="f-file">Export file</label>
<p class="hint" id="f-file-hint">Up to ${megabytes(maxBytes)}: WordPress .xml, Ghost .json or ninjs .json.</p>
${error ? html`<p class="field-error" id="f-file-error"><span class="visually-hidden">Error: </span>${error}</p>` : ''}
<input id="f-file" name="file" type="file" accept=".xml,.json,application/json,text/xml,application/xml" aria-describedby="${described}"${error ? raw(' aria-invalid="true"') : ''} required>
</div>`;
}

function runList(runs: ImportRun[], zone: string): SafeHtml {
  if (!runs.length) return html``;
  return html`<h2>Recent imports</h2>
<table><caption class="visually-hidden">Recent imports</caption><thead><tr><th scope="col">Started</th><th scope="col">File</th><th scope="col">Format</th><th scope="col">Status</th><th scope="col">Result</th></tr></thead><tbody>
${runs.map(
  (r) => html`<tr><td><a href="/newsroom/imports/${r.id}"><time datetime="${r.createdAt}">${formatTime(r.createdAt, zone)}</time></a></td><td>${r.fileName}</td><td>${r.format}${r.dryRun ? ' (dry run)' : ''}</td><td>${STATUS_LABELS[r.status]}</td><td>${
    r.summary ? `${r.summary.created} created, ${r.summary.skipped} skipped, ${r.summary.failed} failed, ${r.summary.warnings} warnings` : r.error ? 'see the import' : ''
  }</td></tr>`,
)}
</tbody></table>`;
}

export function runPage(p: { run: ImportRun; report: ImportRunReport | undefined; zone: string }): SafeHtml {
  const { run } = p;
  const facts = html`<dl class="facts">
<dt>File</dt><dd>${run.fileName} (${megabytes(run.bytes)}, ${run.format})</dd>
<dt>Edition</dt><dd>${run.edition}</dd>
<dt>Mode</dt><dd>${run.dryRun ? 'Dry run: nothing is changed' : 'Import'}</dd>
<dt>Started by</dt><dd>${run.by.name}, <time datetime="${run.createdAt}">${formatTime(run.createdAt, p.zone)}</time></dd>
</dl>`;
  if (run.status === 'queued' || run.status === 'running') return html`${facts}${progressBlock(run)}`;
  if (run.status === 'failed') {
    return html`${facts}<div class="error-summary" role="alert"><h2>The import stopped</h2><p>${run.error ?? 'It could not run.'}</p></div><p><a href="/newsroom/imports">Back to imports</a></p>`;
  }
  return html`${facts}${p.report ? reportBlock(run, p.report) : html`<p>The report is missing.</p>`}`;
}

function progressBlock(run: ImportRun): SafeHtml {
  const { bytesRead, bytesTotal, items } = run.progress;
  const total = bytesTotal || run.bytes || 1;
  const percent = Math.min(100, Math.round((bytesRead / total) * 100));
  return html`<div class="import-progress" data-import-progress="/newsroom/imports/${run.id}/progress">
<p class="upload-progress"><label for="import-bar">Progress</label> <progress id="import-bar" max="100" value="${percent}">${percent}%</progress></p>
<p role="status" aria-live="polite" data-import-status>${progressText(run)}</p>
<p class="muted">Read ${megabytes(bytesRead)} of ${megabytes(total)}; ${items} item${items === 1 ? '' : 's'} done.</p>
<p><a href="/newsroom/imports/${run.id}">Refresh</a> (the page updates itself when scripts run)</p>
</div>`;
}

export function progressText(run: ImportRun): string {
  const { bytesRead, bytesTotal, items } = run.progress;
  const total = bytesTotal || run.bytes || 1;
  const percent = Math.min(100, Math.round((bytesRead / total) * 100));
  if (run.status === 'queued') return 'Waiting to start…';
  if (run.status === 'running') return `Running: ${items} item${items === 1 ? '' : 's'} done, ${percent}% of the file read.`;
  return STATUS_LABELS[run.status];
}

function reportBlock(run: ImportRun, report: ImportRunReport): SafeHtml {
  const which = report.dryRun ? 1 : 0;
  const kinds = Object.keys(report.totals);
  const outcomes = Object.keys(OUTCOME_LABELS);
  const withNotes = report.items.filter((i) => i.warnings.length || i.outcome === 'failed' || i.outcome === 'skipped');
  const addresses = report.oldAddresses;
  return html`<h2>Report</h2>
<p class="${report.ok ? 'notice' : 'warning'}" role="status">${report.ok ? (report.dryRun ? 'Dry run finished: nothing was changed. Untick “Dry run” to import.' : 'Import finished.') : 'Finished with problems: see below.'}</p>
${report.fileError ? html`<div class="error-summary" role="alert"><h2>The file could not be read to its end</h2><p>${report.fileError}</p><p>Everything before that point is in the report.</p></div>` : ''}
<p><a href="/newsroom/imports/${run.id}/report.json" download="import-${run.id}.json">The whole report as JSON</a></p>
<table><caption>Totals</caption><thead><tr><th scope="col">Kind</th>${outcomes.map((o) => html`<th scope="col">${OUTCOME_LABELS[o]![which]}</th>`)}</tr></thead><tbody>
${kinds.map((k) => html`<tr><th scope="row">${k}</th>${outcomes.map((o) => html`<td>${report.totals[k]?.[o] ?? 0}</td>`)}</tr>`)}
</tbody></table>
<p>Images: ${report.images.stored} stored, ${report.images.reused} reused, ${report.images.failed} failed${report.dryRun ? `, ${report.images.listed.length} to fetch` : ''}.</p>
<h2>Warnings, skipped and failed items (${withNotes.length})</h2>
${
  withNotes.length
    ? html`<table><caption class="visually-hidden">Warnings, skipped and failed items</caption><thead><tr><th scope="col">Item</th><th scope="col">Outcome</th><th scope="col">Notes</th></tr></thead><tbody>
${withNotes.slice(0, TABLE_ROWS).map(
  (i) => html`<tr><td>${i.title || i.key} <span class="muted">(${i.kind} ${i.key})</span></td><td>${OUTCOME_LABELS[i.outcome]?.[which] ?? i.outcome}</td><td>${
    i.reason ? html`<p>${i.reason}</p>` : ''
  }${i.warnings.length ? html`<ul>${i.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}</td></tr>`,
)}
</tbody></table>${withNotes.length > TABLE_ROWS ? html`<p>${withNotes.length - TABLE_ROWS} more in the JSON report.</p>` : ''}`
    : html`<p>None.</p>`
}
<h2>Old addresses (${addresses.length})</h2>
${
  addresses.length
    ? html`<table><caption class="visually-hidden">Old addresses and where they now lead</caption><thead><tr><th scope="col">Old address</th><th scope="col">New address</th></tr></thead><tbody>
${addresses.slice(0, TABLE_ROWS).map((a) => html`<tr><td><code>${a.from}</code></td><td>${a.to ? html`<a href="${a.to}">${a.to}</a>` : html`<span class="muted">none${report.dryRun ? ' (dry run)' : ''}</span>`}</td></tr>`)}
</tbody></table>${addresses.length > TABLE_ROWS ? html`<p>${addresses.length - TABLE_ROWS} more in the JSON report.</p>` : ''}`
    : html`<p>None.</p>`
}
<p><a href="/newsroom/imports">Back to imports</a></p>`;
}
