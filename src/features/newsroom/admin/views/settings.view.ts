import type { Edition } from '../../../../db/schema.js';
import { html, raw, type SafeHtml } from '../../../../lib/html.js';
import { EDITION_NAME_MAX, FOOTER_NOTE_MAX, POSITION_MAX, SIGN_OFF_MAX, SITE_NAME_MAX } from '../../../settings/settings.service.js';
import { localeGap, wordingSummary } from './locale-gap.view.js';
import { checkbox, csrfField, errorSummary, selectField, textArea, textField, type Errors } from '../../../../web/newsroom/views/form.view.js';

export interface EditionValues {
  code?: string;
  name?: string;
  site_name?: string;
  locale?: string;
  time_zone?: string;
  position?: string;
  footer_note?: string;
  sign_off?: string;
}

export const editionValues = (e: Edition): EditionValues => ({
  code: e.code,
  name: e.name,
  site_name: e.site_name,
  locale: e.locale,
  time_zone: e.time_zone,
  position: String(e.position),
  footer_note: e.footer_note,
  sign_off: e.sign_off,
});

export interface SiteValues {
  default_edition: string;
  feeds_full_content: boolean;
  logo_media_id: string;
}

export function settingsPage(p: {
  csrf: string;
  editions: readonly Edition[];
  values: SiteValues;
  errors?: Errors | undefined;
  logos: readonly { id: number; label: string }[];
  /** Site-relative URL of the current logo's image, to show it. */
  logoPreview?: { path: string; alt: string; width: number; height: number } | undefined;
}): SafeHtml {
  const { errors, values } = p;
  return html`<h2 id="h-editions">Editions</h2>
<p>Each edition has its own site name, language and time zone. The default edition is served at the root (/), the others under /<i>code</i>.</p>
<table aria-labelledby="h-editions">
<thead><tr><th scope="col">Edition</th><th scope="col">Code</th><th scope="col">Site name</th><th scope="col">Locale</th><th scope="col">Wording</th><th scope="col">Time zone</th><th scope="col">Position</th><th scope="col">Address</th></tr></thead>
<tbody>
${p.editions.map(
  (e) => html`<tr>
<td><a href="/newsroom/settings/editions/${e.code}">${e.name}</a>${e.is_default ? html` <span class="status">Default</span>` : ''}</td>
<td>${e.code}</td><td>${e.site_name}</td><td>${e.locale}</td><td>${wordingSummary(e.locale)}</td><td>${e.time_zone}</td><td>${e.position}</td><td>${e.is_default ? '/' : `/${e.code}`}</td>
</tr>`,
)}
</tbody>
</table>
<p><a class="button" href="/newsroom/settings/editions/new">Add an edition</a></p>

<h2 id="h-site">Whole site</h2>
${errorSummary(errors)}
<form method="post" action="/newsroom/settings" aria-labelledby="h-site">
${csrfField(p.csrf)}
${selectField({
  name: 'default_edition',
  label: 'Default edition',
  value: values.default_edition,
  options: p.editions.map((e) => ({ value: e.code, label: `${e.name} (${e.code})` })),
  errors,
  hint: 'Served at the root of the site. Changing it moves addresses: the old default edition’s pages move under /code, and links to them elsewhere break.',
})}
${checkbox({
  name: 'feeds_full_content',
  label: 'Feeds carry the full text of articles',
  checked: values.feeds_full_content,
  hint: 'Unticked, RSS, Atom and JSON feeds carry the standfirst and the attribution only, and readers follow the link for the rest.',
})}
${selectField({
  name: 'logo_media_id',
  label: 'Logo for search engines and feeds',
  value: values.logo_media_id,
  options: p.logos.map((l) => ({ value: l.id, label: l.label })),
  empty: 'The built-in logo (SVG)',
  errors,
  hint: 'An image from the media library, used in the home page’s structured data and as the RSS feed image. A wide, plain image at least 112 pixels high works best; upload it under Media first.',
})}
${p.logoPreview ? logoPreview(p.logoPreview) : ''}
<button type="submit" class="primary">Save site settings</button>
</form>`;
}

function logoPreview(logo: { path: string; alt: string; width: number; height: number }): SafeHtml {
  const width = Math.min(240, logo.width);
  const height = Math.max(1, Math.round((logo.height / logo.width) * width));
  return html`<figure><img src="${logo.path}" alt="${logo.alt || 'The current logo'}" width="${width}" height="${height}"><figcaption>The logo in use now</figcaption></figure>`;
}

/** The edition form, for a new edition (with its code) or an existing one. */
export function editionForm(p: { csrf: string; values: EditionValues; errors?: Errors | undefined; isNew: boolean; zones: readonly string[]; isDefault?: boolean }): SafeHtml {
  const { values, errors } = p;
  const action = p.isNew ? '/newsroom/settings/editions' : `/newsroom/settings/editions/${values.code}`;
  return html`<p><a href="/newsroom/settings">Back to settings</a></p>
${p.isNew ? html`<p>A new edition needs at least one section to be useful: after adding it, create its sections under <a href="/newsroom/sections">Sections</a>. Until it has articles its pages are empty.</p>` : p.isDefault ? html`<p>This is the default edition, served at the root of the site.</p>` : html`<p>Served under /${values.code}.</p>`}
${errorSummary(errors)}
<form method="post" action="${action}">
${csrfField(p.csrf)}
${
  p.isNew
    ? textField({
        name: 'code',
        label: 'Code',
        value: values.code,
        errors,
        required: true,
        maxlength: 8,
        autocomplete: 'off',
        hint: 'The edition’s address: 2 to 8 lower-case letters, such as “az” for /az. It cannot be changed later, and cannot be a word the site uses itself (newsroom, api, search…).',
        attrs: raw(' pattern="[a-z]{2,8}" spellcheck="false"'),
      })
    : ''
}
${textField({ name: 'site_name', label: 'Site name', value: values.site_name, errors, required: true, maxlength: SITE_NAME_MAX, hint: `Shown in the masthead, page titles, feeds and search results; 1 to ${SITE_NAME_MAX} characters.` })}
${textField({ name: 'name', label: 'Edition name', value: values.name, errors, required: true, maxlength: EDITION_NAME_MAX, hint: 'In the edition switcher, in its own language: “English”, “Русский”.' })}
${textField({
  name: 'locale',
  label: 'Locale',
  value: values.locale,
  errors,
  required: true,
  maxlength: 35,
  autocomplete: 'off',
  hint: 'A BCP 47 language tag, such as en-GB, ru or az-Latn. The reader site’s wording comes from the language’s translation file; a language without one uses English.',
  attrs: raw(' spellcheck="false"'),
})}
${textField({
  name: 'time_zone',
  label: 'Time zone',
  value: values.time_zone,
  errors,
  required: true,
  maxlength: 64,
  autocomplete: 'off',
  hint: 'An IANA time zone, such as Europe/London or Asia/Baku: article dates and URLs use it. Start typing for suggestions.',
  attrs: raw(' list="time-zones" spellcheck="false"'),
})}
<datalist id="time-zones">${p.zones.map((z) => html`<option value="${z}"></option>`)}</datalist>
${textArea({
  name: 'footer_note',
  rows: 2,
  label: 'Footer note',
  value: values.footer_note,
  errors,
  maxlength: FOOTER_NOTE_MAX,
  hint: `Plain text under every page of this edition, in its language, such as who publishes the site; {year} and {site} are filled in. Up to ${FOOTER_NOTE_MAX} characters; leave it empty for none.`,
})}
${textArea({
  name: 'sign_off',
  rows: 2,
  label: 'Sign-off under articles',
  value: values.sign_off,
  errors,
  maxlength: SIGN_OFF_MAX,
  hint: `Plain text under every article, in the edition’s language; {year} (the year of publication) and {site} are filled in. Empty: “© {year} {site}. All rights reserved.” in the edition’s language. Up to ${SIGN_OFF_MAX} characters.`,
})}
${textField({ name: 'position', label: 'Position', type: 'number', value: values.position, errors, hint: `Order in the edition switcher, from 0 (first) to ${POSITION_MAX}.`, attrs: raw(` min="0" max="${POSITION_MAX}" step="1" inputmode="numeric"`) })}
<button type="submit" class="primary">${p.isNew ? 'Add the edition' : 'Save the edition'}</button>
</form>
${p.isNew ? '' : localeGap(values.locale ?? '')}`;
}
