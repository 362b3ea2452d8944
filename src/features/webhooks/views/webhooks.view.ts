import { html, raw, type SafeHtml } from '../../../lib/html.js';
import { formatTime } from '../../../web/newsroom/time.js';
import { actionButton, csrfField, errorSummary, textArea, textField, type Errors } from '../../../web/newsroom/views/form.view.js';
import { TIMEOUT_MS } from '../delivery.js';
import { SIGNATURE_TOLERANCE_S } from '../signature.js';
import { DEFAULT_WEBHOOK_EVENTS, DESCRIPTION_LIMIT, EVENT_LABELS, parseEvents, TEST_EVENT, URL_LIMIT, WEBHOOK_EVENTS } from '../webhook.js';
import type { DeliveryLogItem, WebhookListItem, WebhookRow } from '../webhook.repository.js';

/** What the form shows: as typed (after a refusal) or as stored. */
export interface WebhookFormValues {
  url: string;
  events: readonly string[];
  description: string;
}

export const emptyWebhookForm = (): WebhookFormValues => ({ url: '', events: [...DEFAULT_WEBHOOK_EVENTS], description: '' });
export const webhookToForm = (hook: WebhookRow): WebhookFormValues => ({ url: hook.url, events: parseEvents(hook.events), description: hook.description });

/**
 * The events as checkboxes in a fieldset. The first box carries the id "f-events", so the error
 * summary's link lands on it (the GOV.UK pattern for checkbox groups).
 */
function eventsFieldset(values: WebhookFormValues, errors: Errors | undefined): SafeHtml {
  const error = errors?.events;
  return html`<fieldset class="${error ? 'has-error' : ''}"${error ? raw(' aria-describedby="f-events-error"') : ''}>
<legend>Events to send</legend>
${error ? html`<p class="field-error" id="f-events-error"><span class="visually-hidden">Error: </span>${error}</p>` : ''}
${WEBHOOK_EVENTS.map((event, i) => {
  const id = i === 0 ? 'f-events' : `f-events-${i + 1}`;
  return html`<div class="field checkbox">
<input type="checkbox" id="${id}" name="events" value="${event}"${values.events.includes(event) ? raw(' checked') : ''} aria-describedby="${id}-hint">
<label for="${id}">${EVENT_LABELS[event].label} <code>${event}</code></label>
<p class="hint" id="${id}-hint">${EVENT_LABELS[event].hint}</p>
</div>`;
})}
</fieldset>`;
}

function webhookFields(values: WebhookFormValues, errors: Errors | undefined): SafeHtml {
  return html`${textField({
    name: 'url',
    label: 'Address (URL)',
    type: 'url',
    value: values.url,
    errors,
    required: true,
    maxlength: URL_LIMIT,
    hint: 'Events are sent here as a POST with a JSON body, e.g. https://example.com/hooks/dateline.',
    attrs: raw(' spellcheck="false" autocomplete="off"'),
  })}
${eventsFieldset(values, errors)}
${textArea({ name: 'description', label: 'Description (optional)', value: values.description, errors, rows: 2, maxlength: DESCRIPTION_LIMIT, hint: 'Who runs the receiver and what it does, for whoever looks here next.' })}`;
}

const when = (iso: string, zone: string) => html`<time datetime="${new Date(iso).toISOString()}">${formatTime(iso, zone)}</time>`;

const eventList = (json: string) => parseEvents(json).map((e, i) => html`${i ? ', ' : ''}<code>${e}</code>`);

function lastResult(last: WebhookListItem['last'], zone: string): SafeHtml {
  if (!last) return html`<span class="muted">Nothing sent yet</span>`;
  const ok = last.status_code !== null && last.status_code >= 200 && last.status_code < 300;
  return html`${ok ? 'Delivered' : 'Failed'} (${last.status_code ?? 'no response'}), ${when(last.at, zone)}`;
}

export function webhookListPage(p: { csrf: string; hooks: WebhookListItem[]; zone: string; values: WebhookFormValues; errors?: Errors | undefined; message?: string | undefined }): SafeHtml {
  return html`<p>A webhook sends a signed POST request to an address of your choice whenever an article is published, updated or unpublished, so that other systems (an app, a newsletter tool, a chat channel) hear of it at once. Deliveries never hold up publishing; a receiver that fails is retried for about two hours.</p>
${
  p.hooks.length
    ? html`<table><caption class="visually-hidden">Webhooks</caption><thead><tr><th scope="col">Address</th><th scope="col">Events</th><th scope="col">Status</th><th scope="col">Last delivery</th></tr></thead><tbody>
${p.hooks.map(
  (h) => html`<tr><td><a href="/newsroom/webhooks/${h.id}">${h.url}</a>${h.description ? html`<br><span class="muted">${h.description}</span>` : ''}</td><td>${eventList(h.events)}</td><td><span class="status">${h.disabled_at ? 'Disabled' : 'Active'}</span></td><td>${lastResult(h.last, p.zone)}</td></tr>`,
)}
</tbody></table>`
    : html`<p class="muted">No webhooks yet.</p>`
}
<h2 id="add">Add a webhook</h2>
${errorSummary(p.errors, p.message)}
<form method="post" action="/newsroom/webhooks" novalidate>
${csrfField(p.csrf)}
${webhookFields(p.values, p.errors)}
<div class="actions"><button type="submit" class="primary">Add webhook</button></div>
</form>`;
}

function resultCell(d: DeliveryLogItem, zone: string): SafeHtml {
  const ok = d.status_code !== null && d.status_code >= 200 && d.status_code < 300;
  return html`<strong>${ok ? 'Delivered' : 'Failed'}</strong>${d.status_code !== null ? html` — HTTP ${d.status_code}` : ' — no response'}${d.error ? html`<br>${d.error}` : ''}${
    d.next_run_at ? html`<br>Next try ${when(d.next_run_at, zone)}` : ''
  }${d.gave_up ? html`<br>Gave up after this attempt.` : ''}`;
}

function deliveryLog(p: { hookId: number; deliveries: DeliveryLogItem[]; total: number; page: number; pages: number; zone: string }): SafeHtml {
  if (!p.deliveries.length) return html`<p class="muted">Nothing has been sent to this webhook yet.</p>`;
  const link = (page: number) => `/newsroom/webhooks/${p.hookId}?page=${page}#deliveries`;
  return html`<p>${p.total} attempt${p.total === 1 ? '' : 's'}${p.pages > 1 ? `, page ${p.page} of ${p.pages}` : ''}, newest first.</p>
<table><caption class="visually-hidden">Delivery attempts, newest first</caption><thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Attempt</th><th scope="col">Result</th><th scope="col">Time taken</th><th scope="col">Response</th></tr></thead><tbody>
${p.deliveries.map(
  (d) => html`<tr><td>${when(d.at, p.zone)}</td><td><code>${d.event}</code>${d.article_id !== null ? html`<br><a href="/newsroom/articles/${d.article_id}">Article ${d.article_id}</a>` : ''}</td><td>${d.attempt}</td><td>${resultCell(d, p.zone)}</td><td>${d.duration_ms.toLocaleString('en')} ms</td><td>${
    d.response_excerpt
      ? html`<details><summary>Response<span class="visually-hidden"> to attempt ${d.attempt} at ${formatTime(d.at, p.zone)}</span></summary><pre>${d.response_excerpt}</pre></details>`
      : html`<span class="muted">Empty</span>`
  }</td></tr>`,
)}
</tbody></table>
${
  p.pages > 1
    ? html`<nav class="pagination" aria-label="Pages of the delivery log">${p.page > 1 ? html`<a href="${link(p.page - 1)}" rel="prev">Newer attempts</a>` : ''}${p.page < p.pages ? html`<a href="${link(p.page + 1)}" rel="next">Older attempts</a>` : ''}</nav>`
    : ''
}`;
}

export function webhookDetailPage(p: {
  csrf: string;
  hook: WebhookRow;
  zone: string;
  values: WebhookFormValues;
  errors?: Errors | undefined;
  message?: string | undefined;
  deliveries: DeliveryLogItem[];
  total: number;
  page: number;
  pages: number;
}): SafeHtml {
  const { hook } = p;
  const base = `/newsroom/webhooks/${hook.id}`;
  return html`<p><a href="/newsroom/webhooks">All webhooks</a> · <span class="status">${hook.disabled_at ? 'Disabled' : 'Active'}</span>${
    hook.disabled_at ? html` since ${when(hook.disabled_at, p.zone)}: it receives nothing until it is enabled again` : ''
  }</p>
<div class="actions">
${hook.disabled_at ? '' : actionButton({ action: `${base}/test`, label: 'Send a test event', csrf: p.csrf, kind: 'primary' })}
${
  hook.disabled_at
    ? actionButton({ action: `${base}/enable`, label: 'Enable', csrf: p.csrf })
    : actionButton({ action: `${base}/disable`, label: 'Disable', csrf: p.csrf, confirm: 'Disable this webhook? Its pending deliveries are dropped.' })
}
${actionButton({ action: `${base}/delete`, label: 'Delete', csrf: p.csrf, kind: 'danger', confirm: 'Delete this webhook and its delivery log? This cannot be undone.' })}
</div>

<section aria-labelledby="h-secret" class="panel">
<h2 id="h-secret">Signing secret</h2>
<p><code>${hook.secret}</code></p>
<p class="hint">Give this to the receiver. Each delivery has the headers <code>x-dateline-timestamp</code> (seconds since 1970) and <code>x-dateline-signature</code>: <code>sha256=</code> followed by the hex HMAC-SHA256, keyed with this secret, of the timestamp, a full stop and the raw body. The receiver recomputes it, compares in constant time, and refuses timestamps more than ${SIGNATURE_TOLERANCE_S / 60} minutes from its own clock. <code>x-dateline-delivery</code> identifies the event: the same on every retry.</p>
${actionButton({ action: `${base}/rotate`, label: 'Rotate secret', csrf: p.csrf, confirm: 'Make a new secret? Deliveries are signed with it from now on; update the receiver, or they will fail until you do (they are retried for about two hours).' })}
</section>

<h2 id="settings">Settings</h2>
${errorSummary(p.errors, p.message)}
<form method="post" action="${base}" novalidate>
${csrfField(p.csrf)}
${webhookFields(p.values, p.errors)}
<div class="actions"><button type="submit" class="primary">Save changes</button></div>
</form>

<h2 id="deliveries">Delivery log</h2>
<p class="hint">Every attempt with the receiver's answer (its first 2 KB). A receiver has ${TIMEOUT_MS / 1000} seconds to answer with a 2xx status; anything else is retried after 1, 2, 4, 8, 16, 32 and 60 minutes. Test events (<code>${TEST_EVENT}</code>) are tried once.</p>
${deliveryLog({ hookId: hook.id, deliveries: p.deliveries, total: p.total, page: p.page, pages: p.pages, zone: p.zone })}`;
}
