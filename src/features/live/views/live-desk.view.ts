import { html, raw, type SafeHtml } from '../../../lib/html.js';
import { actionButton, checkbox, csrfField, errorSummary, selectField, textArea, textField, type Errors } from '../../../web/newsroom/views/form.view.js';
import { timeIn } from '../../../web/newsroom/time.js';
import type { LiveCoverage, LiveEntry } from '../live.repository.js';
import { liveStreamPath, plainText } from './live.view.js';

/**
 * The live desk (newsroom): one compact form to publish an entry in one action (Ctrl+Enter), and
 * the entries below with edit, delete and "break out". Works without scripts (each action is a
 * form); with newsroom-live.js nothing reloads, and entries written by others appear by themselves.
 */

export interface EntryFormValues {
  headline: string;
  text: string;
  keyEvent: boolean;
  pinned: boolean;
  authorIds: number[];
}

export const emptyEntryForm = (authorIds: number[] = []): EntryFormValues => ({ headline: '', text: '', keyEvent: false, pinned: false, authorIds });

export interface DeskView {
  csrf: string;
  article: { id: number; headline: string; status: string };
  coverage: LiveCoverage | undefined;
  entries: LiveEntry[];
  authors: { id: number; name: string }[];
  zone: string;
  canManage: boolean;
  /** The live page's address when it is published. */
  pageUrl: string | undefined;
  values: EntryFormValues;
  errors?: Errors | undefined;
  message?: string | undefined;
  /** Editing this entry (the form posts to its address). */
  editing?: number | undefined;
}

const base = (articleId: number) => `/newsroom/articles/${articleId}/live`;

export function entryForm(v: DeskView): SafeHtml {
  const action = v.editing ? `${base(v.article.id)}/entries/${v.editing}` : `${base(v.article.id)}/entries`;
  return html`<form method="post" action="${action}" class="live-form" data-live-form novalidate>
${csrfField(v.csrf)}
${errorSummary(v.errors, v.message)}
${textField({ name: 'headline', label: 'Headline (optional)', value: v.values.headline, errors: v.errors, maxlength: 300 })}
${textArea({
  name: 'text',
  label: 'Text',
  value: v.values.text,
  errors: v.errors,
  rows: 7,
  hint: 'Blank lines separate paragraphs. "> words" then "— Speaker, role" is a quotation; a link alone on its line to YouTube, X, Telegram, Instagram, Facebook, TikTok or Vimeo becomes an embed; [image 12: caption] places image 12 of the library. Ctrl+Enter publishes.',
})}
<div class="live-form-row">
${checkbox({ name: 'keyEvent', label: 'Key event', checked: v.values.keyEvent })}
${checkbox({ name: 'pinned', label: 'Pin on top', checked: v.values.pinned })}
</div>
${selectField({ name: 'authors', label: 'By', options: v.authors.map((a) => ({ value: a.id, label: a.name })), multiple: true, selected: v.values.authorIds, hint: 'Ctrl or Shift to choose several; none for no byline.' })}
<p class="form-actions"><button type="submit" class="button primary" data-live-submit>${v.editing ? 'Save entry' : 'Publish entry'}</button>
${v.editing ? html`<a href="${base(v.article.id)}" class="button secondary" data-live-cancel>Cancel</a>` : ''}</p>
</form>`;
}

export function entryList(v: Pick<DeskView, 'csrf' | 'article' | 'entries' | 'zone'>): SafeHtml {
  if (!v.entries.length) return html`<p>No entries yet.</p>`;
  return html`<ol class="live-desk-entries">${v.entries.map((e) => {
    const text = plainText(e.body_html);
    return html`<li data-entry-id="${e.id}">
<p class="live-desk-meta"><time datetime="${e.published_at}">${timeIn(e.published_at, v.zone)}</time>${e.pinned ? ' · Pinned' : ''}${e.key_event ? ' · Key event' : ''}${e.authors.length ? ` · ${e.authors.map((a) => a.name).join(', ')}` : ''}${e.breakout_article_id !== null ? html` · <a href="/newsroom/articles/${e.breakout_article_id}">broken out</a>` : ''}</p>
${e.headline ? html`<p class="live-desk-headline"><strong>${e.headline}</strong></p>` : ''}
<p class="live-desk-text">${text.length > 280 ? `${text.slice(0, 279)}…` : text}</p>
<div class="live-desk-actions">
<a class="button secondary" href="${base(v.article.id)}/entries/${e.id}" data-live-edit>Edit<span class="visually-hidden"> entry of ${timeIn(e.published_at, v.zone)}</span></a>
${actionButton({ action: `${base(v.article.id)}/entries/${e.id}/delete`, label: 'Delete', csrf: v.csrf, kind: 'danger', confirm: 'Delete this entry? Readers see it disappear.' })}
${e.breakout_article_id === null ? actionButton({ action: `${base(v.article.id)}/entries/${e.id}/breakout`, label: 'Break out', csrf: v.csrf, confirm: 'Make a draft article of this entry, linking back to the live page?' }) : ''}
</div>
</li>`;
  })}</ol>`;
}

export function liveDeskPage(v: DeskView): SafeHtml {
  const live = v.coverage && !v.coverage.ended_at;
  const stream = v.article.status === 'published' && live ? raw(` data-live-stream="${liveStreamPath(v.article.id)}"`) : '';
  return html`<p><a href="/newsroom/articles/${v.article.id}">← ${v.article.headline}</a>${v.pageUrl ? html` · <a href="${v.pageUrl}">Live page</a>` : ''}</p>
<div class="live-desk" data-live-desk data-fragment="${base(v.article.id)}/entries.html"${stream}>
<p class="live-desk-status" role="status" data-live-status>${
    !v.coverage ? 'This article is not live.' : live ? html`Live since ${timeIn(v.coverage.started_at, v.zone)}${v.article.status === 'published' ? '' : ' (readers see the entries once the article is published)'}.` : html`Coverage ended ${timeIn(v.coverage.ended_at as string, v.zone)}.`
  }</p>
${
  v.canManage
    ? !v.coverage || v.coverage.ended_at
      ? actionButton({ action: `${base(v.article.id)}/start`, label: v.coverage ? 'Resume live coverage' : 'Start live coverage', csrf: v.csrf, kind: 'primary' })
      : actionButton({ action: `${base(v.article.id)}/end`, label: 'End live coverage', csrf: v.csrf, confirm: 'End live coverage? Readers are told it has ended and the page stops updating.' })
    : ''
}
${live || v.editing ? html`<h2>${v.editing ? 'Edit entry' : 'New entry'}</h2>${entryForm(v)}` : ''}
<h2>Entries</h2>
<div data-live-list>${entryList(v)}</div>
</div>`;
}

export function liveListPage(v: { items: { id: number; headline: string; edition: string; status: string; started_at: string; ended_at: string | null }[]; zone: string }): SafeHtml {
  return html`<form method="get" action="/newsroom/live" class="live-open">
<div class="field"><label for="f-article">Article number</label><p class="hint" id="f-article-hint">The number in the article's newsroom address (/newsroom/articles/<strong>12</strong>); its live desk starts and ends coverage and takes entries.</p>
<input id="f-article" name="article" inputmode="numeric" pattern="[0-9]*" aria-describedby="f-article-hint"></div>
<p><button type="submit" class="button primary">Open the live desk</button></p>
</form>
${
  v.items.length
    ? html`<table class="data"><caption class="visually-hidden">Live coverage</caption><thead><tr><th scope="col">Article</th><th scope="col">Edition</th><th scope="col">Started</th><th scope="col">Ended</th></tr></thead><tbody>${v.items.map(
        (i) => html`<tr><td><a href="${base(i.id)}">${i.headline}</a>${i.status === 'published' ? '' : ` (${i.status})`}</td><td>${i.edition}</td><td>${timeIn(i.started_at, v.zone)}</td><td>${i.ended_at ? timeIn(i.ended_at, v.zone) : 'Live'}</td></tr>`,
      )}</tbody></table>`
    : html`<p>No live coverage yet.</p>`
}`;
}
