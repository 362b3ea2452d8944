import { html, type SafeHtml } from '../../../../lib/html.js';
import { formatTime } from '../../../../web/newsroom/time.js';
import { actionButton, csrfField, errorSummary, selectField, textField, type Errors } from '../../../../web/newsroom/views/form.view.js';
import { FEED_LIMITS, FORMAT_LABELS, spokenDuration, TRANSPORT_LABELS, WIRE_FORMATS, WIRE_TRANSPORTS } from '../wire-feed.js';
import type { FeedHealth, WireFeed, WireFeedLogEntry } from '../wire-feeds.service.js';

/** The feed form as typed (after a refusal) or as stored. */
export interface FeedFormValues {
  name: string;
  slug: string;
  publication: string;
  transport: string;
  format: string;
  url: string;
  interval: string;
  language: string;
}

export const emptyFeedForm = (): FeedFormValues => ({ name: '', slug: '', publication: '', transport: 'http', format: 'auto', url: '', interval: String(FEED_LIMITS.defaultIntervalS), language: '' });

export const feedToForm = (feed: WireFeed): FeedFormValues => ({
  name: feed.name,
  slug: feed.slug,
  publication: String(feed.publication_id),
  transport: feed.transport,
  format: feed.format,
  url: feed.url ?? '',
  interval: String(feed.interval_s),
  language: feed.language,
});

const when = (iso: string | null, zone: string, none = 'never'): SafeHtml => (iso ? html`<time datetime="${new Date(iso).toISOString()}">${formatTime(iso, zone)}</time>` : html`<span class="muted">${none}</span>`);

/** The health line of a feed: last success, last error, items today, next poll, and the silence warning. */
export function healthLine(feed: WireFeed, health: FeedHealth, zone: string): SafeHtml {
  const parts: SafeHtml[] = [
    html`Last success ${when(health.lastSuccessAt, zone)}`,
    html`${health.itemsToday} item${health.itemsToday === 1 ? '' : 's'} in the last 24 hours`,
  ];
  if (!feed.enabled) parts.push(html`<strong>paused</strong>`);
  else if (feed.transport === 'push') parts.push(html`items are pushed`);
  else parts.push(html`next ${feed.transport === 'folder' ? 'look at the folder' : 'poll'} ${when(health.nextPollAt, zone, 'within seconds')}`);
  return html`<span class="wire-health">${parts.map((p, i) => html`${i ? ' · ' : ''}${p}`)}</span>${
    health.lastError && (!health.lastSuccessAt || (health.lastErrorAt ?? '') > health.lastSuccessAt)
      ? html`<br><span class="field-error">Last error ${when(health.lastErrorAt, zone)}${health.failures > 1 ? ` (${health.failures} failures in a row; polling slows down until it works again)` : ''}: ${health.lastError}</span>`
      : ''
  }${
    health.silent
      ? html`<br><strong class="warning">Silent for ${spokenDuration(health.silent.silentMs)}</strong>, longer than usual (items usually arrive every ${spokenDuration(health.silent.usualGapMs)}).`
      : ''
  }`;
}

export function feedListPage(p: { feeds: { feed: WireFeed; health: FeedHealth }[]; zone: string; canManage: boolean }): SafeHtml {
  return html`<p>Wire feeds bring other media's reports into the wire queue: polled over HTTP(S) (RSS, Atom, JSON Feed, ninjs, NewsML-G2), delivered as files into a drop folder, or pushed to the admin API.</p>
<p><a href="/newsroom/wires">The wire queue</a>${p.canManage ? html` · <a href="/newsroom/wires/feeds/new">New feed</a>` : ''}</p>
${
  p.feeds.length
    ? html`<table><caption class="visually-hidden">Wire feeds</caption><thead><tr><th scope="col">Feed</th><th scope="col">Publication</th><th scope="col">Arrives</th><th scope="col">Health</th></tr></thead><tbody>
${p.feeds.map(
  ({ feed, health }) => html`<tr><td><a href="/newsroom/wires/feeds/${feed.id}">${feed.name}</a></td><td>${feed.publication_name}</td><td>${TRANSPORT_LABELS[feed.transport]}</td><td>${healthLine(feed, health, p.zone)}</td></tr>`,
)}
</tbody></table>`
    : html`<p class="muted">No wire feeds yet.</p>`
}`;
}

function feedFields(values: FeedFormValues, errors: Errors | undefined, publications: { id: number; name: string }[]): SafeHtml {
  return html`${textField({ name: 'name', label: 'Name', value: values.name, errors, required: true, maxlength: FEED_LIMITS.nameChars, hint: 'As the newsroom calls it, e.g. “Reuters world news”.' })}
${textField({ name: 'slug', label: 'Slug (optional)', value: values.slug, errors, maxlength: 80, hint: 'Made from the name when left empty; it names the drop folder and the push address.', attrs: html` spellcheck="false" autocomplete="off"` })}
${selectField({ name: 'publication', label: 'Publication', value: values.publication, errors, required: true, empty: 'Choose…', options: publications.map((p) => ({ value: p.id, label: p.name })), hint: 'Whose reports these are; stories written from them cite it.' })}
${selectField({ name: 'transport', label: 'How the reports arrive', value: values.transport, errors, options: WIRE_TRANSPORTS.map((t) => ({ value: t, label: TRANSPORT_LABELS[t] })) })}
${textField({ name: 'url', label: 'Address (polled feeds only)', type: 'url', value: values.url, errors, maxlength: FEED_LIMITS.urlChars, hint: 'The feed’s address, e.g. https://agency.example/feeds/world.xml. Leave empty for a drop folder or pushes.', attrs: html` spellcheck="false" autocomplete="off"` })}
${selectField({ name: 'format', label: 'Format', value: values.format, errors, options: WIRE_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] })) })}
${textField({ name: 'interval', label: 'Seconds between polls', type: 'number', value: values.interval, errors, hint: `From ${FEED_LIMITS.minIntervalS} to ${FEED_LIMITS.maxIntervalS.toLocaleString('en')} (a day); 300 is five minutes. A drop folder is looked at as often.`, attrs: html` min="${FEED_LIMITS.minIntervalS}" max="${FEED_LIMITS.maxIntervalS}" inputmode="numeric"` })}
${textField({ name: 'language', label: 'Language of items that do not say (optional)', value: values.language, errors, maxlength: 35, hint: 'A language tag such as en, ru or az; otherwise it is detected from the text.', attrs: html` spellcheck="false" autocomplete="off"` })}`;
}

export function feedFormPage(p: { csrf: string; values: FeedFormValues; errors?: Errors | undefined; message?: string | undefined; publications: { id: number; name: string }[]; feed?: WireFeed | undefined }): SafeHtml {
  const action = p.feed ? `/newsroom/wires/feeds/${p.feed.id}` : '/newsroom/wires/feeds';
  return html`<p><a href="${p.feed ? `/newsroom/wires/feeds/${p.feed.id}` : '/newsroom/wires/feeds'}">${p.feed ? `Back to ${p.feed.name}` : 'All feeds'}</a></p>
${errorSummary(p.errors, p.message)}
<form method="post" action="${action}" novalidate>
${csrfField(p.csrf)}
${feedFields(p.values, p.errors, p.publications)}
<div class="actions"><button type="submit" class="primary">${p.feed ? 'Save changes' : 'Add feed'}</button></div>
</form>`;
}

function problemsOf(entry: WireFeedLogEntry): { where: string; message: string }[] {
  try {
    const parsed: unknown = JSON.parse(entry.problems);
    return Array.isArray(parsed) ? (parsed as { where: string; message: string }[]) : [];
  } catch {
    return [];
  }
}

const OUTCOMES: Record<string, string> = { ok: 'Taken in', not_modified: 'Not modified', error: 'Failed' };

function logTable(entries: WireFeedLogEntry[], zone: string): SafeHtml {
  if (!entries.length) return html`<p class="muted">Nothing has been taken in yet.</p>`;
  return html`<table><caption class="visually-hidden">Take-ins, newest first</caption><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Outcome</th><th scope="col">Items new / updated / unchanged</th><th scope="col">Size, time</th></tr></thead><tbody>
${entries.map((e) => {
  const problems = problemsOf(e);
  return html`<tr><td>${when(e.at, zone)}</td><td><code>${e.origin}</code>${e.http_status !== null ? html`<br>HTTP ${e.http_status}` : ''}</td><td><strong>${OUTCOMES[e.outcome] ?? e.outcome}</strong>${e.error ? html`<br>${e.error}` : ''}${
    problems.length
      ? html`<details><summary>${problems.length} item${problems.length === 1 ? '' : 's'} skipped<span class="visually-hidden"> at ${formatTime(e.at, zone)}</span></summary><ul>${problems.map((pr) => html`<li>${pr.where}: ${pr.message}</li>`)}</ul></details>`
      : ''
  }</td><td>${e.items_new} / ${e.items_updated} / ${e.items_unchanged}</td><td>${(e.bytes / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} KB, ${e.duration_ms.toLocaleString('en')} ms</td></tr>`;
})}
</tbody></table>`;
}

export function feedPage(p: { csrf: string; feed: WireFeed; health: FeedHealth; log: WireFeedLogEntry[]; zone: string; canManage: boolean; folder: string; pushUrl: string }): SafeHtml {
  const { feed } = p;
  const base = `/newsroom/wires/feeds/${feed.id}`;
  const arrival =
    feed.transport === 'http'
      ? html`Polled every ${spokenDuration(feed.interval_s * 1000)} from <code>${feed.url ?? ''}</code>`
      : feed.transport === 'folder'
        ? html`Files dropped into <code>${p.folder}</code> (looked at every ${spokenDuration(feed.interval_s * 1000)}); each moves to <code>done/</code> or <code>failed/</code> with the reason beside it`
        : html`Pushed as ninjs JSON to <code>POST ${p.pushUrl}</code> with an integration key (editor or admin)`;
  return html`<p><a href="/newsroom/wires/feeds">All feeds</a> · <a href="/newsroom/wires">The wire queue</a></p>
<dl class="wire-feed-facts">
<dt>Publication</dt><dd>${feed.publication_name}</dd>
<dt>Arrives</dt><dd>${arrival}</dd>
<dt>Format</dt><dd>${FORMAT_LABELS[feed.format]}</dd>
<dt>Language of items that do not say</dt><dd>${feed.language || html`<span class="muted">detected from the text</span>`}</dd>
<dt>Health</dt><dd>${healthLine(feed, p.health, p.zone)}</dd>
</dl>
${
  p.canManage
    ? html`<div class="actions">
<a class="button secondary" href="${base}/edit">Edit</a>
${feed.enabled && feed.transport !== 'push' ? actionButton({ action: `${base}/poll`, label: feed.transport === 'folder' ? 'Look at the folder now' : 'Poll now', csrf: p.csrf, kind: 'primary' }) : ''}
${feed.enabled ? actionButton({ action: `${base}/pause`, label: 'Pause', csrf: p.csrf }) : actionButton({ action: `${base}/resume`, label: 'Resume', csrf: p.csrf, kind: 'primary' })}
${actionButton({ action: `${base}/delete`, label: 'Delete', csrf: p.csrf, kind: 'danger', confirm: 'Delete this feed? A feed that has brought items cannot be deleted; pause it instead.' })}
</div>`
    : ''
}
<h2 id="log">Take-in log</h2>
<p class="hint">Every poll, file and push, newest first (the last ${p.log.length}).</p>
${logTable(p.log, p.zone)}`;
}
