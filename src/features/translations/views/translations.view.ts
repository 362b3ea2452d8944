import { html, type SafeHtml } from '../../../lib/html.js';
import { csrfField, errorSummary } from '../../../web/newsroom/views/form.view.js';
import type { WorkflowState } from '../../users/policy.js';
import type { StoryVersions } from '../translation.service.js';

const STATE: Record<WorkflowState, string> = { draft: 'Draft', in_review: 'In review', scheduled: 'Scheduled', published: 'Published', unpublished: 'Unpublished' };
const TAG_TYPE: Record<string, string> = { person: 'Person', place: 'Place', organisation: 'Organisation', topic: 'Topic' };

const stateOf = (v: { status: string; submitted_at: string | null }): WorkflowState => (v.status === 'draft' && v.submitted_at ? 'in_review' : (v.status as WorkflowState));

/**
 * The article page's "Editions" panel: each edition of the site with this story's version there
 * and its status, "Translate into…" (a section of that edition) where it has none, linking an
 * existing article by its number, and unlinking this one. Plain forms: it works by keyboard and
 * without the editor's script.
 */
export function translationsPanel(p: { versions: StoryVersions; csrf: string; canTranslate: boolean; canLink: boolean }): SafeHtml {
  const { article, editions, tagsWithoutCounterpart } = p.versions;
  const linked = editions.filter((e) => e.version).length > 1;
  return html`<aside class="panel translations-panel" aria-labelledby="h-editions">
<h2 id="h-editions">Editions</h2>
<table class="versions">
<caption class="visually-hidden">This story in each edition</caption>
<thead><tr><th scope="col">Edition</th><th scope="col">Version</th><th scope="col">Status</th></tr></thead>
<tbody>${editions.map(
    ({ ed, version }) => html`<tr${version?.id === article.id ? html` aria-current="true"` : ''}><th scope="row" lang="${ed.edition.locale}">${ed.edition.name}</th>${
      version
        ? html`<td>${version.id === article.id ? html`${version.headline} <span class="muted">(this article)</span>` : html`<a href="/newsroom/articles/${version.id}" lang="${ed.edition.locale}">${version.headline}</a>`}</td><td>${STATE[stateOf(version)]}</td>`
        : html`<td colspan="2" class="muted">None yet</td>`
    }</tr>`,
  )}</tbody>
</table>
${
  tagsWithoutCounterpart.length
    ? html`<p class="hint">Tags of the other versions with no counterpart here (add them in this edition’s words): ${tagsWithoutCounterpart.map((t, i) => html`${i ? '; ' : ''}${TAG_TYPE[t.type] ?? t.type}: ${t.name}`)}.</p>`
    : ''
}
${editions
  .filter((e) => !e.version && p.canTranslate && e.ed.sections.length)
  .map(
    ({ ed }) => html`<form method="post" action="/newsroom/articles/${article.id}/translate" class="translate-form">${csrfField(p.csrf)}
<input type="hidden" name="edition" value="${ed.edition.code}">
<label for="tr-section-${ed.edition.code}">Translate into ${ed.edition.name}: section</label>
<select id="tr-section-${ed.edition.code}" name="section">${ed.sections.map((s) => html`<option value="${s.id}">${s.name}</option>`)}</select>
<button type="submit" class="button secondary">Translate into ${ed.edition.name}</button>
</form>`,
  )}
${
  p.canLink
    ? html`<form method="post" action="/newsroom/articles/${article.id}/link" class="link-form">${csrfField(p.csrf)}
<label for="tr-link">Link an existing article in another edition (its number)</label>
<input type="text" id="tr-link" name="article" inputmode="numeric" pattern="[0-9]*" maxlength="9" size="8" required>
<button type="submit" class="button secondary">Link as a translation</button>
</form>
${linked ? html`<form method="post" action="/newsroom/articles/${article.id}/unlink" class="link-form">${csrfField(p.csrf)}<button type="submit" class="button secondary">Unlink this article from its translations</button></form>` : ''}`
    : ''
}
</aside>`;
}

/** A refused translate, link or unlink: what was wrong, and the way back. */
export function refusedPage(p: { articleId: number; errors: Record<string, string>; message?: string | undefined }): SafeHtml {
  return html`${errorSummary(p.errors, p.message)}<p><a href="/newsroom/articles/${p.articleId}">Back to the article</a></p>`;
}
