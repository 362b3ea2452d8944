import type { Role } from '../../../../db/schema.js';
import { html, type SafeHtml } from '../../../../lib/html.js';
import { PASSWORD_MIN } from '../../../users/password.js';
import { ROLES } from '../../../users/policy.js';
import type { UserOverview } from '../../../users/user.service.js';
import { csrfField, errorSummary, selectField, textField, type Errors, type Option } from '../../../../web/newsroom/views/form.view.js';
import { timeIn } from '../../../../web/newsroom/time.js';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Admin: everything, including users, settings and the audit log',
  editor: 'Editor: edits and publishes any article; sections, tags, authors',
  writer: 'Writer: writes own drafts and submits them for review',
};

const roleOptions: Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export interface AuthorChoice {
  id: number;
  name: string;
}

const authorOptions = (authors: readonly AuthorChoice[]): Option[] => authors.map((a) => ({ value: a.id, label: a.name }));

const status = (u: UserOverview) => (u.disabledAt ? html`<span class="status">Disabled</span>` : html`Active`);

export function usersList(p: { users: readonly UserOverview[]; zone: string; selfId: number | null }): SafeHtml {
  return html`<p><a class="button primary" href="/newsroom/users/new">Invite a user</a></p>
<table>
<caption class="visually-hidden">Newsroom users</caption>
<thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Byline</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col">Last login</th></tr></thead>
<tbody>
${p.users.map(
  (u) => html`<tr>
<td><a href="/newsroom/users/${u.id}">${u.name}</a>${u.id === p.selfId ? html` <span class="muted">(you)</span>` : ''}</td>
<td>${u.email}</td>
<td>${u.role}</td>
<td>${u.authorName ?? html`<span class="muted">none</span>`}</td>
<td>${status(u)}</td>
<td>${timeIn(u.createdAt, p.zone)}</td>
<td>${u.lastLogin ? timeIn(u.lastLogin, p.zone) : html`<span class="muted">no open session</span>`}</td>
</tr>`,
)}
</tbody>
</table>
<p class="hint">Times are in ${p.zone}, the default edition’s time zone. “Last login” is the start of the newest session still open: ended sessions are not kept.</p>`;
}

export interface InviteValues {
  name?: string;
  email?: string;
  role?: string;
  author_id?: string;
}

export function inviteForm(p: { csrf: string; values: InviteValues; errors?: Errors | undefined; authors: readonly AuthorChoice[] }): SafeHtml {
  const { values, errors } = p;
  return html`<p>The new user logs in with this e-mail address and the password below. Nothing is sent by e-mail: you pass the password on.</p>
${errorSummary(errors)}
<form method="post" action="/newsroom/users">
${csrfField(p.csrf)}
${textField({ name: 'name', label: 'Name', value: values.name, errors, required: true, maxlength: 120, autocomplete: 'off' })}
${textField({ name: 'email', label: 'E-mail address', type: 'email', value: values.email, errors, required: true, autocomplete: 'off' })}
${selectField({ name: 'role', label: 'Role', value: values.role ?? 'writer', options: roleOptions, errors, required: true })}
${selectField({
  name: 'author_id',
  label: 'Byline (optional)',
  value: values.author_id ?? '',
  options: authorOptions(p.authors),
  empty: 'None',
  errors,
  hint: 'The author this user writes as: new articles start with this byline. Writers normally have one; add authors under Authors.',
})}
${textField({
  name: 'password',
  label: 'Initial password (optional)',
  type: 'password',
  errors,
  autocomplete: 'new-password',
  hint: `Leave empty to have a strong one made and shown to you once. Otherwise at least ${PASSWORD_MIN} characters.`,
})}
<button type="submit" class="primary">Create the account</button>
</form>`;
}

export function userDetail(p: {
  csrf: string;
  user: UserOverview;
  authors: readonly AuthorChoice[];
  zone: string;
  selfId: number | null;
  errors?: Errors | undefined;
  message?: string | undefined;
  values?: { role?: string; author_id?: string } | undefined;
}): SafeHtml {
  const { user: u, errors } = p;
  const self = u.id === p.selfId;
  return html`<p><a href="/newsroom/users">All users</a></p>
${errorSummary(errors, p.message)}
<dl class="dl">
<dt>E-mail</dt><dd>${u.email}</dd>
<dt>Role</dt><dd>${u.role}</dd>
<dt>Status</dt><dd>${u.disabledAt ? `Disabled since ${timeIn(u.disabledAt, p.zone)}` : 'Active'}</dd>
<dt>Byline</dt><dd>${u.authorName ?? 'none'}</dd>
<dt>Created</dt><dd>${timeIn(u.createdAt, p.zone)}</dd>
<dt>Open sessions</dt><dd>${u.openSessions}${u.lastLogin ? `, the newest since ${timeIn(u.lastLogin, p.zone)}` : ''}</dd>
</dl>
<p class="hint">Times are in ${p.zone}.</p>

<h2 id="h-role">Role</h2>
<form method="post" action="/newsroom/users/${u.id}/role" aria-labelledby="h-role">
${csrfField(p.csrf)}
${selectField({ name: 'role', label: 'Role', value: p.values?.role ?? u.role, options: roleOptions, errors, hint: self ? 'This is your own account: giving up the admin role takes you out of these pages at once.' : undefined })}
<button type="submit">Change role</button>
</form>

<h2 id="h-byline">Byline</h2>
<form method="post" action="/newsroom/users/${u.id}/author" aria-labelledby="h-byline">
${csrfField(p.csrf)}
${selectField({ name: 'author_id', label: 'Writes as', value: p.values?.author_id ?? u.authorId ?? '', options: authorOptions(p.authors), empty: 'None', errors })}
<button type="submit">Save byline</button>
</form>

<h2 id="h-password">Reset the password</h2>
<form method="post" action="/newsroom/users/${u.id}/password" aria-labelledby="h-password"${self ? '' : html` data-confirm="Reset the password of ${u.name}? They are logged out everywhere at once."`}>
${csrfField(p.csrf)}
${textField({
  name: 'password',
  label: 'New password (optional)',
  type: 'password',
  errors,
  autocomplete: 'new-password',
  hint: self
    ? `Leave empty to have a strong one made and shown once. Your other sessions end; this one stays.`
    : `Leave empty to have a strong one made and shown once. All of this user’s sessions end at once. At least ${PASSWORD_MIN} characters.`,
})}
<button type="submit">Reset password</button>
</form>

<h2>Account</h2>
${
  self
    ? html`<p>You cannot disable your own account; another admin can.</p>`
    : u.disabledAt
      ? html`<p>This account is disabled: it cannot log in.</p>
<form method="post" action="/newsroom/users/${u.id}/enable" class="inline-form">${csrfField(p.csrf)}<button type="submit" class="button secondary">Enable the account</button></form>`
      : html`<p>Disabling logs ${u.name} out at once and stops them logging in; their articles stay.</p>
<form method="post" action="/newsroom/users/${u.id}/disable" class="inline-form" data-confirm="Disable the account of ${u.name}? They are logged out at once.">${csrfField(p.csrf)}<button type="submit" class="button danger">Disable the account</button></form>`
}`;
}

/** The one time a generated password is shown: it is not stored anywhere but as a hash. */
export function passwordOnce(p: { user: { id: number; name: string; email: string }; password: string; invited: boolean }): SafeHtml {
  return html`<p>${p.invited ? html`The account of ${p.user.name} (${p.user.email}) is ready.` : html`The password of ${p.user.name} (${p.user.email}) was reset; they are logged out everywhere.`}</p>
<p>Their password is shown <strong>only this once</strong>; it cannot be shown again:</p>
<p><code class="generated-password">${p.password}</code></p>
<p>Pass it on securely: in person, by phone, or through a password manager — not in the same message as the e-mail address. Ask them to change it under “Your account” after logging in.</p>
<p><a href="/newsroom/users/${p.user.id}">Back to ${p.user.name}</a> · <a href="/newsroom/users">All users</a></p>`;
}
