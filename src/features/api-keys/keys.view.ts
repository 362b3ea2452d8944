import type { Role } from '../../db/schema.js';
import { html, raw, type SafeHtml } from '../../lib/html.js';
import { formatTime } from '../../web/newsroom/time.js';
import { csrfField, errorSummary, selectField, textField, type Errors } from '../../web/newsroom/views/form.view.js';
import type { ApiKeyListItem, CreatedKey } from './api-key.service.js';

export interface KeysPage {
  csrf: string;
  keys: ApiKeyListItem[];
  timeZone: string;
  /** The key just made: shown this once, whole. */
  created?: CreatedKey | undefined;
  /** The create form as typed, and what was wrong with it. */
  values?: { name: string; role: string } | undefined;
  errors?: Errors | undefined;
}

export const ROLE_CHOICES: { value: Role; label: string }[] = [
  { value: 'writer', label: 'Writer: creates drafts and submits its own for review' },
  { value: 'editor', label: 'Editor: edits, schedules, publishes and corrects any article' },
  { value: 'admin', label: 'Admin: everything an editor can do, and more' },
];

const keyHint = (prefix: string) => `dl_${prefix}_…`;

function createdPanel(created: CreatedKey): SafeHtml {
  return html`<section class="panel" aria-labelledby="new-key-title">
<h2 id="new-key-title">Key “${created.name}” (${created.role})</h2>
<p><strong>Copy the key now: it is shown only this once.</strong> Dateline keeps only a fingerprint of it and cannot show it again. If it is lost, revoke it and create another.</p>
<label for="new-key">The new key</label>
<div class="actions"><input type="text" id="new-key" readonly value="${created.key}" spellcheck="false" autocomplete="off" aria-describedby="new-key-use"><button type="button" data-copy="new-key">Copy</button></div>
<p class="hint" id="new-key-use">Send it with every request to the admin API as the header <code>Authorization: Bearer ${keyHint(created.prefix)}</code>.</p>
</section>`;
}

function keyTable(keys: ApiKeyListItem[], csrf: string, timeZone: string): SafeHtml {
  if (!keys.length) return html`<p>No integration keys yet.</p>`;
  return html`<table>
<caption class="visually-hidden">Integration keys</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>
${keys.map(
  (k) => html`<tr>
<th scope="row">${k.name}</th>
<td><code>${keyHint(k.prefix)}</code></td>
<td>${k.role}</td>
<td>${formatTime(k.created_at, timeZone)}${k.created_by_name ? html`<br>by ${k.created_by_name}` : ''}</td>
<td>${k.last_used_at ? formatTime(k.last_used_at, timeZone) : 'Never'}</td>
<td>${k.revoked_at ? html`<span class="status">Revoked</span> ${formatTime(k.revoked_at, timeZone)}` : html`<span class="status">Active</span>`}</td>
<td>${
    k.revoked_at
      ? ''
      : html`<form method="post" action="/newsroom/keys/${k.id}/revoke" class="inline-form" data-confirm="${`Revoke the key “${k.name}”? Everything using it stops working at once. This cannot be undone.`}">
${csrfField(csrf)}<button type="submit" class="button danger">Revoke<span class="visually-hidden"> “${k.name}”</span></button>
</form>`
  }</td>
</tr>`,
)}
</tbody>
</table>`;
}

/** The integration keys page: what keys are for, the key just created, the list, and the form for a new one. */
export function keysPage(p: KeysPage): SafeHtml {
  const values = p.values ?? { name: '', role: 'writer' };
  return html`<p>Integration keys let other systems (a wire desk, a script, a mobile app) write to the site through the <a href="/api/v1/docs">admin API</a>, and read drafts through the content API. A key acts with the role it is given, under the same rules as a person with that role; what it does is recorded in revisions and the audit log under its name.</p>
${p.created ? createdPanel(p.created) : ''}
<h2>Keys</h2>
${keyTable(p.keys, p.csrf, p.timeZone)}
<h2 id="create-key-title">Create a key</h2>
<form method="post" action="/newsroom/keys" aria-labelledby="create-key-title" novalidate>
${errorSummary(p.errors)}
${csrfField(p.csrf)}
${textField({ name: 'name', label: 'Name', hint: 'Who or what will use the key, such as “Wire desk import”. Shown in revisions and the audit log.', value: values.name, errors: p.errors, required: true, maxlength: 100, attrs: raw(' autocomplete="off"') })}
${selectField({ name: 'role', label: 'Role', hint: 'Give the least the system needs: most imports only need Writer.', value: values.role, errors: p.errors, options: ROLE_CHOICES })}
<button type="submit" class="button primary">Create key</button>
</form>`;
}
