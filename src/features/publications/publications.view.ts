import { html, type SafeHtml } from '../../lib/html.js';
import { actionButton, csrfField, errorSummary, selectField, textField, type Errors } from '../../web/newsroom/views/form.view.js';
import { plural } from '../../lib/counting.js';
import { PUBLICATION_KIND_LABELS, PUBLICATION_KINDS, PUBLICATION_LIMITS, type PublicationOverview, type PublicationValues } from './publication.service.js';

const kindLabel = (kind: string) => (PUBLICATION_KIND_LABELS as Record<string, string>)[kind] ?? kind;

export function publicationsList(p: { publications: readonly PublicationOverview[] }): SafeHtml {
  return html`<p>The media stories cite. A publication’s name is what the line under a story says (“… reports, citing Reuters”).</p>
<p><a class="button primary" href="/newsroom/publications/new">New publication</a></p>
${
  p.publications.length
    ? html`<table>
<caption class="visually-hidden">Publications</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Site</th><th scope="col">Cited by</th></tr></thead>
<tbody>
${p.publications.map(
  (pub) => html`<tr><td><a href="/newsroom/publications/${pub.id}">${pub.name}</a></td><td>${kindLabel(pub.kind)}</td><td>${pub.url && /^https?:\/\//i.test(pub.url) ? html`<a href="${pub.url}" rel="noopener noreferrer">${pub.url}</a>` : (pub.url ?? 'none')}</td><td>${plural(pub.articles, 'article')}</td></tr>`,
)}
</tbody>
</table>`
    : html`<p>No publications yet.</p>`
}`;
}

export function publicationForm(p: { csrf: string; values: PublicationValues; errors?: Errors | undefined; message?: string | undefined; publication?: PublicationOverview | undefined }): SafeHtml {
  const { values, errors, publication } = p;
  return html`<p><a href="/newsroom/publications">All publications</a></p>
${errorSummary(errors, p.message)}
${publication ? html`<p>Cited by ${plural(publication.articles, 'article')}, drafts included.</p>` : ''}
<form method="post" action="${publication ? `/newsroom/publications/${publication.id}` : '/newsroom/publications'}" novalidate>
${csrfField(p.csrf)}
${textField({ name: 'name', label: 'Name', value: values.name, errors, required: true, maxlength: PUBLICATION_LIMITS.name, autocomplete: 'off', hint: 'As readers should see it in “… reports, citing …”.' })}
${textField({ name: 'slug', label: 'Slug (optional)', value: values.slug, errors, maxlength: 80, autocomplete: 'off', hint: 'Its name in the content API. Leave empty to make it from the name.' })}
${textField({ name: 'url', label: 'Site (optional)', type: 'url', value: values.url, errors, maxlength: PUBLICATION_LIMITS.url, autocomplete: 'off', hint: 'The whole address, starting with https:// or http://.' })}
${selectField({ name: 'kind', label: 'Kind', value: values.kind, options: PUBLICATION_KINDS.map((k) => ({ value: k, label: PUBLICATION_KIND_LABELS[k] })), empty: 'Choose a kind', errors, required: true })}
<button type="submit" class="primary">${publication ? 'Save publication' : 'Create publication'}</button>
</form>
${
  publication
    ? html`<h2>Delete</h2>${
        publication.articles > 0
          ? html`<p>A cited publication cannot be deleted: ${plural(publication.articles, 'article')} cite it. Remove it from their sources first, or rename it instead.</p>`
          : html`<p>No article cites it.</p>${actionButton({ action: `/newsroom/publications/${publication.id}/delete`, label: `Delete ${publication.name}`, csrf: p.csrf, kind: 'danger', confirm: `Delete the publication “${publication.name}”?` })}`
      }`
    : ''
}`;
}
