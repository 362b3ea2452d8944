import { html, type SafeHtml } from '../../lib/html.js';
import { actionButton, csrfField, errorSummary, selectField, textArea, textField, type Errors } from '../../web/newsroom/views/form.view.js';
import { plural } from '../../lib/counting.js';
import { AUTHOR_LIMITS, type AuthorOverview, type AuthorValues } from './author.service.js';
import { authorPath } from '../../web/addresses.js';

export function authorsList(p: { authors: readonly AuthorOverview[] }): SafeHtml {
  return html`<p><a class="button primary" href="/newsroom/authors/new">New author</a></p>
${
  p.authors.length
    ? html`<table>
<caption class="visually-hidden">Authors</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Page</th><th scope="col">Bylines</th><th scope="col">Photo</th></tr></thead>
<tbody>
${p.authors.map(
  (a) => html`<tr><td><a href="/newsroom/authors/${a.id}">${a.name}</a></td><td><a href="${authorPath('', a.slug)}">${authorPath('', a.slug)}</a></td><td>${a.published} published${
    a.articles > a.published ? `, ${a.articles - a.published} not published` : ''
  }</td><td>${a.photo_media_id === null ? 'none' : 'yes'}</td></tr>`,
)}
</tbody>
</table>`
    : html`<p>No authors yet.</p>`
}`;
}

const shorten = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function authorForm(p: {
  csrf: string;
  values: AuthorValues;
  photos: readonly { id: number; alt: string }[];
  errors?: Errors | undefined;
  message?: string | undefined;
  author?: AuthorOverview | undefined;
}): SafeHtml {
  const { values, errors, author } = p;
  const slugFixed = author !== undefined && author.published > 0;
  return html`<p><a href="/newsroom/authors">All authors</a></p>
${errorSummary(errors, p.message)}
${author ? html`<p>Byline on ${plural(author.articles, 'article')} (${author.published} published). Page: <a href="${authorPath('', author.slug)}">${authorPath('', author.slug)}</a>.</p>` : ''}
<form method="post" action="${author ? `/newsroom/authors/${author.id}` : '/newsroom/authors'}" novalidate>
${csrfField(p.csrf)}
${textField({ name: 'name', label: 'Name', value: values.name, errors, required: true, maxlength: AUTHOR_LIMITS.name, autocomplete: 'off', hint: 'As in the byline. Renaming changes every byline, and what search finds the articles by.' })}
${textField({
  name: 'slug',
  label: slugFixed ? 'Slug' : 'Slug (optional)',
  value: values.slug,
  errors,
  maxlength: 80,
  autocomplete: 'off',
  hint: slugFixed
    ? 'The address of the author’s page. It stays as it is while the author has published articles: links to the page would break.'
    : 'The address of the author’s page, e.g. "ada-quill" for /authors/ada-quill. Leave empty to make it from the name.',
})}
${textArea({ name: 'bio', label: 'Bio (optional)', value: values.bio, errors, rows: 4, maxlength: AUTHOR_LIMITS.bio, hint: 'Shown on the author’s page.' })}
${selectField({
  name: 'photo',
  label: 'Photo (optional)',
  value: values.photo,
  options: p.photos.map((m) => ({ value: m.id, label: `${shorten(m.alt || 'No description')} (image ${m.id})` })),
  empty: 'No photo',
  errors,
  hint: 'The newest images, by their description. Upload a portrait under Media first. On the author’s page its description is the author’s name.',
})}
<button type="submit" class="primary">${author ? 'Save author' : 'Create author'}</button>
</form>
${
  author
    ? html`<h2>Delete</h2>${
        author.articles > 0
          ? html`<p>An author with a byline cannot be deleted: ${plural(author.articles, 'article')} carry it, drafts included.</p>`
          : html`<p>No article carries this byline.${author.users > 0 ? ` ${plural(author.users, 'newsroom user')} ${author.users === 1 ? 'writes' : 'write'} under it and would have no byline.` : ''}</p>${actionButton({
              action: `/newsroom/authors/${author.id}/delete`,
              label: `Delete ${author.name}`,
              csrf: p.csrf,
              kind: 'danger',
              confirm: `Delete the author “${author.name}”?`,
            })}`
      }`
    : ''
}`;
}
