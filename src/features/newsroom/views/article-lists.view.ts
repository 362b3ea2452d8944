import { html, type SafeHtml } from '../../../lib/html.js';
import { workflowState } from '../../articles/article.desk.js';
import type { WorkflowState } from '../../users/policy.js';
import { formatTime } from '../../../web/newsroom/time.js';
import { selectField, textField } from '../../../web/newsroom/views/form.view.js';
import type { ArticleListItem, EditorChoices } from '../newsroom.repository.js';
import { STATE_LABELS } from './article-editor.view.js';

export function articleTable(items: readonly ArticleListItem[]): SafeHtml {
  if (!items.length) return html`<p>No articles match.</p>`;
  return html`<table><thead><tr><th scope="col">Headline</th><th scope="col">Status</th><th scope="col">Section</th><th scope="col">Bylines</th><th scope="col">Time</th></tr></thead><tbody>
${items.map((a) => {
  const state = workflowState(a as never);
  const when = a.status === 'scheduled' && a.published_at ? `goes out ${formatTime(a.published_at, a.time_zone)}` : a.published_at && a.status === 'published' ? formatTime(a.published_at, a.time_zone) : `changed ${formatTime(a.modified_at, a.time_zone)}`;
  return html`<tr><td><a href="/newsroom/articles/${a.id}">${a.headline}</a></td><td><span class="status">${STATE_LABELS[state]}</span></td><td>${a.section_name} (${a.edition})</td><td>${a.authors}</td><td>${when}</td></tr>`;
})}
</tbody></table>`;
}

/** The article list: filters, the count, a page of articles and links to the others. */
export function articleList(p: {
  query: Readonly<Record<string, string | undefined>>;
  states: readonly WorkflowState[];
  choices: EditorChoices;
  items: readonly ArticleListItem[];
  total: number;
  page: number;
  pages: number;
  /** The address of another page of the same list. */
  pageUrl: (page: number) => string;
}): SafeHtml {
  const { query, choices, page, pages } = p;
  const editions = [...new Map(choices.sections.map((s) => [s.edition, s.editionName])).entries()];
  return html`<form method="get" action="/newsroom/articles" class="filters" role="search" aria-label="Filter articles">
${textField({ name: 'q', label: 'Headline contains', type: 'search', value: query.q ?? '', maxlength: 200 })}
${selectField({ name: 'state', label: 'Status', value: query.state ?? '', options: p.states.map((s) => ({ value: s, label: STATE_LABELS[s] })), empty: 'Any' })}
${selectField({ name: 'edition', label: 'Edition', value: query.edition ?? '', options: editions.map(([code, name]) => ({ value: code, label: name })), empty: 'Any' })}
${selectField({ name: 'section', label: 'Section', value: query.section ?? '', options: choices.sections.map((s) => ({ value: s.id, label: s.name, group: s.editionName })), empty: 'Any' })}
${selectField({ name: 'author', label: 'Author', value: query.author ?? '', options: choices.authors.map((a) => ({ value: a.id, label: a.name })), empty: 'Any' })}
<button type="submit">Filter</button>
</form>
<p>${p.total} article${p.total === 1 ? '' : 's'}${pages > 1 ? `, page ${page} of ${pages}` : ''}.</p>
${articleTable(p.items)}
${pages > 1 ? html`<nav class="pagination" aria-label="Pages">${page > 1 ? html`<a href="${p.pageUrl(page - 1)}" rel="prev">Previous page</a>` : ''}${page < pages ? html`<a href="${p.pageUrl(page + 1)}" rel="next">Next page</a>` : ''}</nav>` : ''}`;
}

export interface ArticleBlock {
  items: readonly ArticleListItem[];
  total: number;
}

/** The dashboard: what waits for review, what is scheduled, the user's drafts, what went out. */
export function dashboard(p: { canCreate: boolean; review: ArticleBlock; scheduled: ArticleBlock; mine: ArticleBlock; published: ArticleBlock; extra?: SafeHtml | undefined }): SafeHtml {
  const block = (title: string, list: ArticleBlock, more: string) =>
    html`<section aria-labelledby="h-${more}"><h2 id="h-${more}">${title} (${list.total})</h2>${list.items.length ? articleTable(list.items) : html`<p class="muted">None.</p>`}${
      list.total > list.items.length ? html`<p><a href="/newsroom/articles?state=${more}">All ${list.total}</a></p>` : ''
    }</section>`;
  return html`${p.canCreate ? html`<p><a class="button primary" href="/newsroom/articles/new">New article</a></p>` : ''}
${p.extra ?? ''}
${block('In review', p.review, 'in_review')}
${block('Scheduled', p.scheduled, 'scheduled')}
${block('Your drafts', p.mine, 'draft')}
${block('Recently published', p.published, 'published')}`;
}
