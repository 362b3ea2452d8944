import { formatTime } from '../../../web/newsroom/time.js';
import { TAG_TYPES, type ArticleRow, type TagType } from '../../../db/schema.js';
import { toLocalDateTime } from '../../../lib/dates.js';
import { html, raw, type SafeHtml } from '../../../lib/html.js';
import { workflowState } from '../../articles/article.desk.js';
import { SOURCE_KINDS } from '../../articles/attribution.js';
import { can, type Actor, type WorkflowState } from '../../users/policy.js';
import { SOURCE_ROLES, SOURCE_ROWS, type ArticleFormValues } from '../article-form.js';
import type { EditorChoices } from '../newsroom.repository.js';
import { checkbox, csrfField, errorSummary, selectField, textArea, textField, type Errors, type Option } from '../../../web/newsroom/views/form.view.js';

export interface EditorPage {
  actor: Actor;
  csrf: string;
  values: ArticleFormValues;
  errors?: Errors | undefined;
  message?: string | undefined;
  choices: EditorChoices;
  /** Absent for a new article. */
  article?: ArticleRow | undefined;
  lockHolder?: { name: string; since: string } | null | undefined;
  previewUrl?: string | undefined;
  editorScript?: string | undefined;
  /** A wire report the article was written from is under embargo until then (ISO). */
  embargoUntil?: string | null | undefined;
  /** Shown above the form (the wire desk's notice that a report this story is based on changed). */
  notice?: SafeHtml | undefined;
  /** Shown beside the editor (the reports the story is written from). */
  beside?: SafeHtml | undefined;
}

export const STATE_LABELS: Record<WorkflowState, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

const TAG_LABELS: Record<TagType, string> = { person: 'People', place: 'Places', organisation: 'Organisations', topic: 'Topics' };
const KIND_LABELS: Record<(typeof SOURCE_KINDS)[number], string> = { foreign_media: 'Foreign media', local_media: 'Local media', social_media: 'Social media' };
const ROLE_LABELS: Record<string, string> = { citing: 'Citing', reported_by: 'Reported by', contributed: 'Contributed' };

function sourcesFieldset(p: EditorPage): SafeHtml {
  const rows = [...p.values.sources];
  while (rows.length < Math.max(SOURCE_ROWS, p.values.sources.length + 1)) rows.push({ publicationId: '', kind: '', url: '', role: 'citing', guid: '' });
  const pubOptions: Option[] = p.choices.publications.map((pub) => ({ value: pub.id, label: pub.name }));
  return html`<fieldset id="f-sources">
<legend>Sources</legend>
<p class="hint">The media this story is based on: they make the attribution line ("… reports, citing Reuters"). Pick a publication, or say what kind of media it was when the publication is not known.</p>
${p.errors?.sources ? html`<p class="field-error"><span class="visually-hidden">Error: </span>${p.errors.sources}</p>` : ''}
${rows.map(
  (row, i) => html`<div class="source-row">
${selectField({ name: `source_publication_${i}`, label: `Source ${i + 1}: publication`, value: row.publicationId, options: pubOptions, empty: '—' })}
${selectField({ name: `source_role_${i}`, label: 'Role', value: row.role, options: SOURCE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] ?? r })) })}
${textField({ name: `source_url_${i}`, label: 'Original URL', type: 'url', value: row.url, maxlength: 2000 })}
${selectField({ name: `source_kind_${i}`, label: 'Or, when the publication is not known', value: row.kind, options: SOURCE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })), empty: '—' })}
${
  // The wire item the source came from: set by "write a story from this", shown, not typed.
  row.guid
    ? textField({ name: `source_guid_${i}`, label: 'Wire item', value: row.guid, maxlength: 1000, attrs: raw(' readonly'), hint: 'The exact report this source came from; it goes into the page’s structured data.' })
    : ''
}
</div>`,
)}
</fieldset>`;
}

function tagsFieldset(p: EditorPage, edition: string): SafeHtml {
  return html`<fieldset id="f-tags">
<legend>Tags</legend>
<p class="hint">Names separated by commas; new names become new tags.</p>
${p.errors?.tags ? html`<p class="field-error"><span class="visually-hidden">Error: </span>${p.errors.tags}</p>` : ''}
${TAG_TYPES.map(
  (type) => html`${textField({
    name: `tags_${type}`,
    label: TAG_LABELS[type],
    value: p.values.tags[type],
    maxlength: 2000,
    autocomplete: 'off',
    attrs: raw(` list="tags-${type}-list" data-tag-type="${type}" data-edition="${edition}"`),
  })}<datalist id="tags-${type}-list"></datalist>`,
)}
</fieldset>`;
}

function authorsFieldset(p: EditorPage): SafeHtml {
  const chosen = new Set(p.values.authorIds);
  return html`<fieldset id="f-authorIds"${p.errors?.authorIds ? raw(' aria-describedby="authors-error"') : ''}>
<legend>Bylines</legend>
<p class="hint">None for agency copy: the page then shows no byline.</p>
${p.errors?.authorIds ? html`<p class="field-error" id="authors-error"><span class="visually-hidden">Error: </span>${p.errors.authorIds}</p>` : ''}
${p.choices.authors.map(
  (a) => html`<div class="field checkbox"><input type="checkbox" id="author-${a.id}" name="author_ids" value="${a.id}"${chosen.has(String(a.id)) ? raw(' checked') : ''}><label for="author-${a.id}">${a.name}</label></div>`,
)}
</fieldset>`;
}

/** The buttons of the main form, by state and role: each saves first, then acts. */
function intents(p: EditorPage, state: WorkflowState | null): SafeHtml {
  const facts = p.article ? { createdBy: p.article.created_by, state: state as WorkflowState } : undefined;
  const allowed = (action: Parameters<typeof can>[1]) => can(p.actor, action, facts ?? { createdBy: p.actor.userId, state: 'draft' });
  const button = (intent: string, label: string, kind = 'secondary') => html`<button type="submit" name="intent" value="${intent}" class="${kind}">${label}</button>`;
  const zone = p.choices.sections.find((s) => String(s.id) === p.values.sectionId)?.timeZone ?? p.choices.sections[0]?.timeZone ?? 'UTC';
  const canSchedule = state !== 'published' && allowed('article.schedule');
  return html`<div class="actions">
${button('save', state === 'published' ? 'Save changes' : 'Save draft', 'primary')}
${state !== 'published' && state !== 'in_review' && allowed('article.submit') && p.actor.role === 'writer' ? button('submit', 'Save and submit for review') : ''}
${state !== 'published' && allowed('article.publish') ? button('publish', 'Save and publish now') : ''}
</div>
${
  state !== 'published' && allowed('article.publish')
    ? textField({
        name: 'published_at',
        label: `Publish with the date (${zone} time)`,
        type: 'datetime-local',
        value: p.values.publishedAt,
        errors: p.errors,
        attrs: raw(' step="1"'),
        hint: 'Leave empty to publish now. A past date is for archives and late records of what ran; to publish later, schedule.',
      })
    : ''
}
${
  canSchedule
    ? html`<div class="panel">
<h2>Schedule</h2>
${textField({ name: 'publish_at', label: `Publish at (${zone} time)`, type: 'datetime-local', value: p.values.publishAt, errors: p.errors, attrs: raw(' step="1"'), hint: 'The article goes out on its own at this time; until then it is under embargo.' })}
${button('schedule', 'Save and schedule')}
</div>`
    : ''
}`;
}

export function articleEditor(p: EditorPage): SafeHtml {
  const v = p.values;
  const a = p.article;
  const state = a ? workflowState(a) : null;
  const edition = p.choices.sections.find((s) => String(s.id) === v.sectionId)?.edition ?? p.choices.sections[0]?.edition ?? '';
  const zone = p.choices.sections.find((s) => s.edition === edition)?.timeZone ?? 'UTC';
  const action = a ? `/newsroom/articles/${a.id}` : '/newsroom/articles';
  const sectionOptions: Option[] = p.choices.sections.map((s) => ({ value: s.id, label: s.name, group: s.editionName }));
  const mediaOptions: Option[] = p.choices.media.map((m) => ({ value: m.id, label: `${m.alt} (#${m.id})` }));
  const published = state === 'published';
  const editor = editorBody(p, { v, a, state, zone, action, sectionOptions, mediaOptions, published, edition });
  return p.beside && p.beside.value ? html`${p.notice ?? ''}<div class="editor-with-beside"><div>${editor}</div>${p.beside}</div>` : html`${p.notice ?? ''}${editor}`;
}

function editorBody(
  p: EditorPage,
  { v, a, state, zone, action, sectionOptions, mediaOptions, published, edition }: { v: ArticleFormValues; a: ArticleRow | undefined; state: WorkflowState | null; zone: string; action: string; sectionOptions: Option[]; mediaOptions: Option[]; published: boolean; edition: string },
): SafeHtml {
  return html`${
    p.lockHolder
      ? html`<div class="lock-warning" role="alert"><p><strong>${p.lockHolder.name}</strong> has been editing this article since ${formatTime(p.lockHolder.since, zone)}. Saving is refused while they have it open.</p>
<form method="post" action="${action}/lock">${csrfField(p.csrf)}<input type="hidden" name="take_over" value="1"><button type="submit" class="danger">Take over editing</button></form></div>`
      : ''
  }
${a ? html`<p><span class="status">${STATE_LABELS[state as WorkflowState]}</span>${a.status === 'scheduled' && a.published_at ? html` — embargoed until <strong>${formatTime(a.published_at, zone)}</strong>` : ''}${
    a.published_at && a.status === 'published' ? html` — published ${formatTime(a.published_at, zone)}` : ''
  }</p>` : ''}
${
  p.embargoUntil && a && a.status !== 'published'
    ? html`<p class="lock-warning" role="note">A wire report this article was written from is under embargo until <strong>${formatTime(p.embargoUntil, zone)}</strong>: it cannot be published or scheduled before then.</p>`
    : ''
}
${errorSummary(p.errors, p.message)}
<form method="post" action="${action}" data-dirty-warn${a && a.status === 'draft' ? raw(` data-autosave-url="${action}/autosave"`) : ''}${a ? raw(` data-lock-url="${action}/lock" data-unlock-url="${action}/unlock"`) : ''} novalidate>
${csrfField(p.csrf)}
<input type="hidden" name="base_modified_at" value="${v.baseModifiedAt}">
<input type="hidden" name="clause_token" value="${v.clauseToken}">
<p class="autosave-status" data-autosave-status aria-live="polite"></p>
<div class="editor-grid">
<div>
${textField({ name: 'headline', label: 'Headline', value: v.headline, errors: p.errors, required: true, maxlength: 300 })}
${textArea({ name: 'standfirst', label: 'Standfirst', value: v.standfirst, errors: p.errors, rows: 3, maxlength: 1000, hint: 'The one-paragraph summary under the headline.' })}
${textArea({
  name: 'body',
  id: 'body',
  label: 'Body',
  value: v.body,
  errors: p.errors,
  rows: 18,
  hint: 'Attribution (Alt+Shift+A) places “… reports, citing …”, worded from the sources, at the caret; the line at the end of the story is then left out.',
  attrs: html` data-rich-editor data-clause-token="${v.clauseToken}"`,
})}
${
  published
    ? html`<fieldset><legend>Update</legend>
${checkbox({ name: 'substantive', label: 'Substantive update', checked: v.substantive, hint: 'Shows "Updated …" with the time on the article. Leave unticked for small fixes (typos, links).' })}
${can(p.actor, 'article.correct') ? textArea({ name: 'correction', label: 'Correction note', value: v.correction, errors: p.errors, rows: 3, maxlength: 2000, hint: 'Published with today’s date under the article. Say what was wrong and what is right.' }) : ''}
</fieldset>`
    : ''
}
${intents(p, state)}
</div>
<div>
${selectField({ name: 'section_id', label: 'Section (and edition)', value: v.sectionId, options: sectionOptions, errors: p.errors, empty: 'Choose a section', required: true })}
${authorsFieldset(p)}
${textField({ name: 'dateline_place', label: 'Dateline place', value: v.datelinePlace, errors: p.errors, maxlength: 100, hint: 'Where the story was filed from, e.g. Port Velmar.' })}
${selectField({ name: 'lead_media_id', label: 'Lead image', value: v.leadMediaId, options: mediaOptions, errors: p.errors, empty: 'No lead image', hint: 'Upload images in Media.' })}
${tagsFieldset(p, edition)}
${textField({ name: 'slug', label: 'Slug', value: v.slug, errors: p.errors, maxlength: 120, hint: 'The last part of the address; made from the headline when empty. Changing it on a published article keeps the old address working.' })}
${textField({ name: 'seo_title', label: 'SEO title', value: v.seoTitle, errors: p.errors, maxlength: 120, hint: 'For search engines and sharing; the headline when empty.' })}
${textArea({ name: 'seo_description', label: 'SEO description', value: v.seoDescription, errors: p.errors, rows: 2, maxlength: 300 })}
${can(p.actor, 'article.publish') ? checkbox({ name: 'is_top', label: 'Top story on the home page', checked: v.isTop }) : ''}
</div>
</div>
${sourcesFieldset(p)}
</form>
${a ? articleSideActions(p, a, state as WorkflowState) : ''}`;
}

function articleSideActions(p: EditorPage, a: ArticleRow, state: WorkflowState): SafeHtml {
  const base = `/newsroom/articles/${a.id}`;
  const facts = { createdBy: a.created_by, state };
  const form = (path: string, label: string, kind: string, confirm?: string) =>
    html`<form method="post" action="${base}/${path}" class="inline-form"${confirm ? raw(` data-confirm="${confirm}"`) : ''}>${csrfField(p.csrf)}<button type="submit" class="${kind}">${label}</button></form>`;
  return html`<div class="panel">
<h2>More</h2>
<div class="actions">
<a class="button" href="${base}/preview">Preview</a>
<a class="button" href="${base}/history">History</a>
${can(p.actor, 'live.write') ? html`<a class="button" href="${base}/live">Live</a>` : ''}
${state === 'in_review' && can(p.actor, 'article.withdraw', facts) ? form('withdraw', 'Back to draft', 'secondary') : ''}
${state === 'scheduled' && can(p.actor, 'article.schedule', facts) ? form('unschedule', 'Cancel schedule', 'secondary') : ''}
${state === 'published' && can(p.actor, 'article.unpublish', facts) ? form('unpublish', 'Unpublish', 'danger', 'Unpublish this article? Readers will no longer find it.') : ''}
${state === 'unpublished' && can(p.actor, 'article.publish', facts) ? form('publish', 'Publish again', 'secondary') : ''}
${can(p.actor, 'article.delete', facts) ? form('delete', 'Delete', 'danger', 'Delete this article and all its revisions? This cannot be undone.') : ''}
</div>
${
  p.previewUrl
    ? html`<label for="preview-link">Secret preview link (anyone with it can read this version)</label>
<div class="actions"><input type="text" id="preview-link" readonly value="${p.previewUrl}"><button type="button" data-copy="preview-link">Copy</button></div>`
    : form('preview-link', 'Make a secret preview link', 'secondary')
}
</div>`;
}

export const localDateTime = toLocalDateTime;
