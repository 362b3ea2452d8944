import type { Edition } from '../../db/schema.js';
import { html, raw, type SafeHtml } from '../../lib/html.js';
import { editionPrefix } from '../../web/addresses.js';
import { actionButton, csrfField, errorSummary, selectField, textArea, textField, type Errors } from '../../web/newsroom/views/form.view.js';
import { plural } from '../../lib/counting.js';
import { SECTION_LIMITS, type SectionValues } from './section.js';
import type { SectionOverview } from './section.service.js';

type EditionInfo = Pick<Edition, 'code' | 'name' | 'is_default'>;

const sectionPath = (edition: EditionInfo, slug: string) => `${editionPrefix(edition)}/${slug}`;

/** The sections of every edition, each edition's table also being the form that orders it. */
export function sectionsList(p: {
  csrf: string;
  editions: readonly EditionInfo[];
  sections: readonly SectionOverview[];
  /** After a refused reorder: what was typed, and the errors by field. */
  positions?: Readonly<Record<string, string>> | undefined;
  errors?: Errors | undefined;
  orderedEdition?: string | undefined;
  message?: string | undefined;
}): SafeHtml {
  return html`${errorSummary(p.errors, p.message)}
${p.editions.map((ed) => {
  const sections = p.sections.filter((s) => s.edition === ed.code);
  const headingId = `h-edition-${ed.code}`;
  return html`<section aria-labelledby="${headingId}">
<h2 id="${headingId}">${ed.name}</h2>
<p><a class="button" href="/newsroom/sections/new?edition=${ed.code}">New section in ${ed.name}</a></p>
${
  sections.length
    ? html`<form method="post" action="/newsroom/sections/order" aria-labelledby="${headingId}">
${csrfField(p.csrf)}<input type="hidden" name="edition" value="${ed.code}">
<table>
<caption class="visually-hidden">Sections of ${ed.name}, in the order readers see them</caption>
<thead><tr><th scope="col">Position</th><th scope="col">Section</th><th scope="col">Address</th><th scope="col">Articles</th></tr></thead>
<tbody>
${sections.map((s) => {
  const name = `position_${s.id}`;
  const id = `f-${name}`;
  const error = p.orderedEdition === ed.code ? p.errors?.[name] : undefined;
  const value = p.orderedEdition === ed.code ? (p.positions?.[name] ?? String(s.position)) : String(s.position);
  return html`<tr>
<td><label class="visually-hidden" for="${id}">Position of ${s.name}</label>${error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error: </span>${error}</p>` : ''}<input id="${id}" name="${name}" type="number" min="0" max="${SECTION_LIMITS.position}" step="1" value="${value}" class="position-input"${error ? raw(` aria-invalid="true" aria-describedby="${id}-error"`) : ''}></td>
<td><a href="/newsroom/sections/${s.id}">${s.name}</a></td>
<td><a href="${sectionPath(ed, s.slug)}">${sectionPath(ed, s.slug)}</a></td>
<td>${s.published} published${s.articles > s.published ? `, ${s.articles - s.published} not published` : ''}</td>
</tr>`;
})}
</tbody>
</table>
<p class="hint">Lower numbers come first in the site’s navigation; equal numbers go by name.</p>
<button type="submit">Save the order of ${ed.name}</button>
</form>`
    : html`<p>No sections yet.</p>`
}
</section>`;
})}`;
}

export function sectionForm(p: {
  csrf: string;
  editions: readonly EditionInfo[];
  values: SectionValues;
  errors?: Errors | undefined;
  message?: string | undefined;
  /** Absent for a new section. */
  section?: SectionOverview | undefined;
  /** Old slugs that redirect to the section. */
  oldSlugs?: readonly string[] | undefined;
}): SafeHtml {
  const { values, errors, section } = p;
  const edition = p.editions.find((e) => e.code === (section?.edition ?? values.edition));
  const action = section ? `/newsroom/sections/${section.id}` : '/newsroom/sections';
  return html`<p><a href="/newsroom/sections">All sections</a></p>
${errorSummary(errors, p.message)}
<form method="post" action="${action}" novalidate>
${csrfField(p.csrf)}
${
  section
    ? html`<p>Edition: <strong>${edition?.name ?? section.edition}</strong>. ${plural(section.articles, 'article')} (${section.published} published).</p>`
    : selectField({ name: 'edition', label: 'Edition', value: values.edition, options: p.editions.map((e) => ({ value: e.code, label: e.name })), errors, required: true })
}
${textField({ name: 'name', label: 'Name', value: values.name, errors, required: true, maxlength: SECTION_LIMITS.name, autocomplete: 'off' })}
${textField({
  name: 'slug',
  label: 'Slug (optional)',
  value: values.slug,
  errors,
  maxlength: 80,
  autocomplete: 'off',
  hint: section
    ? `The section’s address: ${edition ? sectionPath(edition, section.slug) : section.slug}. Changing it changes the address of its ${plural(section.articles, 'article')}; their old addresses keep working and redirect to the new ones.`
    : 'The section’s address, e.g. "world" for /world. Leave empty to make it from the name.',
})}
${textArea({ name: 'description', label: 'Description (optional)', value: values.description, errors, rows: 3, maxlength: SECTION_LIMITS.description, hint: 'Shown under the section’s name on its page and in search results.' })}
${textField({ name: 'position', label: 'Position (optional)', type: 'number', value: values.position, errors, hint: section ? 'Lower numbers come first.' : 'Lower numbers come first. Leave empty to put it last.', attrs: raw(` min="0" max="${SECTION_LIMITS.position}" step="1"`) })}
<button type="submit" class="primary">${section ? 'Save section' : 'Create section'}</button>
</form>
${section && edition && p.oldSlugs?.length ? oldSlugsBlock(p.csrf, edition, section, p.oldSlugs) : ''}
${section ? deleteBlock(p.csrf, section) : ''}`;
}

function oldSlugsBlock(csrf: string, edition: EditionInfo, section: SectionOverview, oldSlugs: readonly string[]): SafeHtml {
  return html`<h2 id="old-addresses-title">Old addresses</h2>
<p>These addresses, and their feeds, redirect to ${sectionPath(edition, section.slug)}. No other section can take one of these slugs while it redirects here.</p>
<ul aria-labelledby="old-addresses-title">${oldSlugs.map(
    (slug) =>
      html`<li><code>${sectionPath(edition, slug)}</code> ${actionButton({
        action: `/newsroom/sections/${section.id}/old-slugs/delete`,
        label: `Stop redirecting ${sectionPath(edition, slug)}`,
        csrf,
        fields: { slug },
        confirm: `Links to ${sectionPath(edition, slug)} will no longer lead to “${section.name}”. Continue?`,
      })}</li>`,
  )}</ul>`;
}

function deleteBlock(csrf: string, section: SectionOverview): SafeHtml {
  return html`<h2>Delete</h2>
${
  section.articles > 0
    ? html`<p>A section with articles cannot be deleted: it has ${plural(section.articles, 'article')}, drafts included. Move them to another section first.</p>`
    : html`<p>The section has no articles.</p>${actionButton({ action: `/newsroom/sections/${section.id}/delete`, label: `Delete ${section.name}`, csrf, kind: 'danger', confirm: `Delete the section “${section.name}”?` })}`
}`;
}
