import { TAG_TYPES, type Edition, type TagType } from '../../db/schema.js';
import { html, type SafeHtml } from '../../lib/html.js';
import { editionPrefix, tagPath } from '../../web/addresses.js';
import { actionButton, csrfField, errorSummary, selectField, textArea, textField, type Errors } from '../../web/newsroom/views/form.view.js';
import { plural } from '../../lib/counting.js';
import { TAG_LIMITS, TAG_PAGE_SIZE, type TagDetail, type TagOverview, type TagValues } from './tag.service.js';

type EditionInfo = Pick<Edition, 'code' | 'name' | 'is_default'>;

export const TAG_TYPE_LABELS: Readonly<Record<TagType, string>> = { person: 'Person', place: 'Place', organisation: 'Organisation', topic: 'Topic' };

const readerPath = (editions: readonly EditionInfo[], tag: Pick<TagOverview, 'edition' | 'type' | 'slug'>) => {
  const edition = editions.find((e) => e.code === tag.edition);
  return tagPath(edition ? editionPrefix(edition) : `/${tag.edition}`, tag.type, tag.slug);
};

const editionName = (editions: readonly EditionInfo[], code: string) => editions.find((e) => e.code === code)?.name ?? code;

export interface TagListQuery {
  edition: string;
  type: string;
  q: string;
  page: number;
}

export function tagsList(p: { editions: readonly EditionInfo[]; query: TagListQuery; items: readonly TagOverview[]; total: number }): SafeHtml {
  const { query } = p;
  const pages = Math.max(1, Math.ceil(p.total / TAG_PAGE_SIZE));
  const href = (page: number) => {
    const params = new URLSearchParams(Object.entries({ edition: query.edition, type: query.type, q: query.q }).filter(([, v]) => v !== ''));
    if (page > 1) params.set('page', String(page));
    const text = params.toString();
    return `/newsroom/tags${text ? `?${text}` : ''}`;
  };
  return html`<form method="get" action="/newsroom/tags" class="filters" role="search" aria-label="Filter tags">
${textField({ name: 'q', label: 'Name contains', type: 'search', value: query.q, maxlength: TAG_LIMITS.filterText })}
${selectField({ name: 'edition', label: 'Edition', value: query.edition, options: p.editions.map((e) => ({ value: e.code, label: e.name })), empty: 'Any' })}
${selectField({ name: 'type', label: 'Type', value: query.type, options: TAG_TYPES.map((t) => ({ value: t, label: TAG_TYPE_LABELS[t] })), empty: 'Any' })}
<button type="submit">Filter</button>
</form>
<p>${plural(p.total, 'tag')}${pages > 1 ? `, page ${query.page} of ${pages}` : ''}.</p>
${
  p.items.length
    ? html`<table>
<caption class="visually-hidden">Tags${pages > 1 ? `, page ${query.page} of ${pages}` : ''}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Edition</th><th scope="col">Address</th><th scope="col">Articles</th></tr></thead>
<tbody>
${p.items.map(
  (t) => html`<tr><td><a href="/newsroom/tags/${t.id}">${t.name}</a></td><td>${TAG_TYPE_LABELS[t.type]}</td><td>${editionName(p.editions, t.edition)}</td><td><a href="${readerPath(p.editions, t)}">${readerPath(p.editions, t)}</a></td><td>${t.articles}</td></tr>`,
)}
</tbody>
</table>`
    : html`<p>No tags match.</p>`
}
${
  pages > 1
    ? html`<nav class="pagination" aria-label="Pages of tags">${query.page > 1 ? html`<a href="${href(query.page - 1)}" rel="prev">Previous page</a>` : ''}${
        query.page < pages ? html`<a href="${href(query.page + 1)}" rel="next">Next page</a>` : ''
      }</nav>`
    : ''
}`;
}

export function tagDetail(p: {
  csrf: string;
  editions: readonly EditionInfo[];
  tag: TagDetail;
  values: TagValues;
  errors?: Errors | undefined;
  message?: string | undefined;
  mergeQuery: string;
  candidates: readonly TagOverview[];
  mergeMessage?: string | undefined;
}): SafeHtml {
  const { tag, values, errors } = p;
  const address = readerPath(p.editions, tag);
  return html`<p><a href="/newsroom/tags">All tags</a></p>
${errorSummary(errors, p.message)}
<p>${TAG_TYPE_LABELS[tag.type]} in ${editionName(p.editions, tag.edition)}, on ${plural(tag.articles, 'article')}. Page: <a href="${address}">${address}</a>.</p>
${
  tag.oldSlugs.length
    ? html`<p>Old addresses that lead here: ${tag.oldSlugs.map((s, i) => html`${i ? ', ' : ''}<code>${readerPath(p.editions, { ...tag, slug: s })}</code>`)}.</p>`
    : ''
}
<form method="post" action="/newsroom/tags/${tag.id}" novalidate>
${csrfField(p.csrf)}
${textField({ name: 'name', label: 'Name', value: values.name, errors, required: true, maxlength: TAG_LIMITS.name, autocomplete: 'off', hint: 'Renaming changes the tag on every article that carries it, and what search finds them by.' })}
${textField({
  name: 'slug',
  label: 'Slug',
  value: values.slug,
  errors,
  maxlength: 80,
  autocomplete: 'off',
  hint: 'The last part of the address. Leave empty to make it from the name. The old address keeps working and redirects to the new one. Writers’ tags are matched by the slug made from what they type, so keep it made from the name.',
})}
${textArea({ name: 'description', label: 'Description (optional)', value: values.description, errors, rows: 3, maxlength: TAG_LIMITS.description, hint: 'Shown under the tag’s name on its page.' })}
<button type="submit" class="primary">Save tag</button>
</form>

<h2 id="merge">Merge into another tag</h2>
<p>Merging moves this tag’s articles to the other tag, makes this tag’s addresses redirect there, and deletes this tag. Only a ${TAG_TYPE_LABELS[tag.type].toLowerCase()} tag of the same edition can be chosen.</p>
${p.mergeMessage ? html`<div class="error-summary" role="alert" tabindex="-1" data-error-summary><h2>There is a problem</h2><p>${p.mergeMessage}</p></div>` : ''}
<form method="get" action="/newsroom/tags/${tag.id}#merge" class="filters" role="search" aria-label="Find the tag to merge into">
${textField({ name: 'merge_q', label: 'Find the tag to merge into', type: 'search', value: p.mergeQuery, maxlength: TAG_LIMITS.filterText })}
<button type="submit">Find</button>
</form>
${
  p.mergeQuery.trim()
    ? p.candidates.length
      ? html`<table>
<caption class="visually-hidden">Tags “${tag.name}” can be merged into</caption>
<thead><tr><th scope="col">Tag</th><th scope="col">Address</th><th scope="col">Articles</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>
${p.candidates.map(
  (c) => html`<tr><td>${c.name}</td><td>${readerPath(p.editions, c)}</td><td>${c.articles}</td><td>${actionButton({
    action: `/newsroom/tags/${tag.id}/merge`,
    label: `Merge into ${c.name}`,
    csrf: p.csrf,
    kind: 'danger',
    fields: { into: String(c.id) },
    confirm: `Merge “${tag.name}” into “${c.name}”? “${tag.name}” will be deleted and its address will lead to “${c.name}”.`,
  })}</td></tr>`,
)}
</tbody>
</table>`
      : html`<p>No other ${TAG_TYPE_LABELS[tag.type].toLowerCase()} tag in this edition matches “${p.mergeQuery}”.</p>`
    : ''
}`;
}
