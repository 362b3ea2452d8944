import { ENTITY_TYPES } from '../../db/schema.js';
import { html, type SafeHtml } from '../../lib/html.js';
import { actionButton, csrfField, errorSummary, selectField, textArea, textField, type Errors } from '../../web/newsroom/views/form.view.js';
import { ENTITY_LIMITS, ENTITY_TYPE_LABELS, wikidataUrl, type EntityValues } from './entity.js';
import type { EntityDetail } from './entity.service.js';

export function entitiesList(p: { entities: readonly EntityDetail[] }): SafeHtml {
  return html`<p>People, places and organisations in the news, each linking its tags in every edition (“Keir Starmer”, “Кир Стармер”, “Kir Starmer”) as one.</p>
<p><a class="button primary" href="/newsroom/entities/new">New person, place or organisation</a> <a class="button" href="/newsroom/entities/suggest">Suggestions for a text</a></p>
${
  p.entities.length
    ? html`<table>
<caption class="visually-hidden">People, places and organisations</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Role</th><th scope="col">Tags</th><th scope="col">Wikidata</th></tr></thead>
<tbody>
${p.entities.map(
  (e) =>
    html`<tr><td><a href="/newsroom/entities/${e.id}">${e.name}</a></td><td>${ENTITY_TYPE_LABELS[e.type]}</td><td>${e.role}</td><td>${e.tags.map((t, i) => html`${i ? ', ' : ''}${t.edition}: ${t.name}`)}</td><td>${
      e.wikidata ? html`<a href="${wikidataUrl(e.wikidata)}" rel="noopener noreferrer">${e.wikidata}</a>` : ''
    }</td></tr>`,
)}
</tbody>
</table>`
    : html`<p>None yet.</p>`
}`;
}

export function entityForm(p: { csrf: string; values: EntityValues; errors?: Errors | undefined; message?: string | undefined; entity?: EntityDetail | undefined }): SafeHtml {
  const { values, errors, entity } = p;
  return html`<p><a href="/newsroom/entities">All people, places and organisations</a></p>
${errorSummary(errors, p.message)}
<form method="post" action="${entity ? `/newsroom/entities/${entity.id}` : '/newsroom/entities'}" novalidate>
${csrfField(p.csrf)}
${selectField({ name: 'type', label: 'Type', value: values.type, options: ENTITY_TYPES.map((t) => ({ value: t, label: ENTITY_TYPE_LABELS[t] })), empty: 'Choose a type', errors, required: true })}
${textField({ name: 'name', label: 'Name', value: values.name, errors, required: true, maxlength: ENTITY_LIMITS.name, autocomplete: 'off', hint: 'As the newsroom knows it, in any script. Each edition’s tag keeps its own name.' })}
${textField({ name: 'slug', label: 'Slug (optional)', value: values.slug, errors, maxlength: 80, autocomplete: 'off', hint: 'Its name in the content API. Leave empty to make it from the name.' })}
${textArea({ name: 'aliases', label: 'Other names (optional)', value: values.aliases, errors, rows: 4, maxlength: ENTITY_LIMITS.aliases, hint: 'One per line, in every script and spelling: Əliyev, Aliyev, Алиев. Suggestions while writing find them.' })}
${textField({ name: 'role', label: 'Role (optional)', value: values.role, errors, maxlength: ENTITY_LIMITS.role, autocomplete: 'off', hint: 'For a person, the office or job they hold, e.g. “Mayor of Port Velmar”.' })}
${textArea({ name: 'description', label: 'Short description (optional)', value: values.description, errors, rows: 2, maxlength: ENTITY_LIMITS.description })}
${textField({ name: 'wikidata', label: 'Wikidata id (optional)', value: values.wikidata, errors, maxlength: 60, autocomplete: 'off', hint: 'Q followed by digits, e.g. Q42, or its wikidata.org address. Typed by you: Dateline never calls Wikidata. Tag pages name it in their structured data.' })}
${textField({ name: 'photo', label: 'Photo (optional)', value: values.photo, errors, maxlength: 10, autocomplete: 'off', hint: 'The number of an image in the media library, shown on its page there.' })}
${textArea({ name: 'tags', label: 'Tags in each edition', value: values.tags, errors, rows: 3, maxlength: ENTITY_LIMITS.tags, hint: 'One per line as edition/slug, e.g. en/mira-dalton and ru/mira-dalton: tags of the same type, at most one per edition.' })}
<button type="submit" class="primary">${entity ? 'Save' : 'Create'}</button>
</form>
${entity ? html`<h2>Delete</h2><p>Its tags stay, no longer linked.</p>${actionButton({ action: `/newsroom/entities/${entity.id}/delete`, label: `Delete ${entity.name}`, csrf: p.csrf, kind: 'danger', confirm: `Delete “${entity.name}”? Its tags stay.` })}` : ''}`;
}

export function suggestPage(p: {
  csrf: string;
  text: string;
  result?: { mentions: readonly { text: string; count: number; entity: EntityDetail }[]; quotes: readonly { text: string; speaker: string; entity?: EntityDetail | undefined }[] };
}): SafeHtml {
  const r = p.result;
  return html`<p>Paste a story or a wire report: the people, places and organisations the site knows that it names, in any language and form, and its quotations with their speakers.</p>
<form method="post" action="/newsroom/entities/suggest" novalidate>
${csrfField(p.csrf)}
${textArea({ name: 'text', label: 'Text', value: p.text, rows: 10, maxlength: 100_000 })}
<button type="submit" class="primary">Suggest</button>
</form>
${
  r
    ? html`<h2>Named in the text</h2>${
        r.mentions.length
          ? html`<ul>${r.mentions.map((m) => html`<li><a href="/newsroom/entities/${m.entity.id}">${m.entity.name}</a> (${ENTITY_TYPE_LABELS[m.entity.type].toLowerCase()}): “${m.text}”${m.count > 1 ? `, ${m.count} times` : ''}; tags: ${m.entity.tags.map((t, i) => html`${i ? ', ' : ''}${t.edition}/${t.slug}`)}</li>`)}</ul>`
          : html`<p>No person, place or organisation the site knows.</p>`
      }
<h2>Quotations</h2>${
        r.quotes.length
          ? html`<ul>${r.quotes.map((q) => html`<li>“${q.text}” — ${q.entity ? html`<a href="/newsroom/entities/${q.entity.id}">${q.entity.name}</a> (link it as the speaker: number ${q.entity.id})` : q.speaker || 'speaker not found'}</li>`)}</ul>`
          : html`<p>No quotations found.</p>`
      }`
    : ''
}`;
}
