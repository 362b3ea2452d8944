import type { Edition } from '../../db/schema.js';
import { html, raw, type SafeHtml } from '../../lib/html.js';
import { articlePath } from '../../web/addresses.js';
import { checkbox, csrfField, errorSummary, textField, type Errors } from '../../web/newsroom/views/form.view.js';
import { formatTime } from '../../web/newsroom/time.js';
import type { ArticleCard } from '../articles/article.repository.js';
import { BREAKING_TEXT_MAX, BREAKING_URL_MAX, MAX_SLOTS, type BreakingValues } from './front.js';
import type { FrontOverview } from './front.service.js';

type EditionInfo = Pick<Edition, 'code' | 'name' | 'is_default' | 'time_zone'>;

const slotButton = (p: { csrf: string; edition: string; op: string; id: number; label: string; hidden: string; disabled?: boolean }) =>
  html`<form method="post" action="/newsroom/front/slots" class="inline-form">
${csrfField(p.csrf)}<input type="hidden" name="edition" value="${p.edition}"><input type="hidden" name="op" value="${p.op}"><input type="hidden" name="article_id" value="${p.id}">
<button type="submit" class="button secondary"${p.disabled ? raw(' disabled') : ''}>${p.label}<span class="visually-hidden">: ${p.hidden}</span></button>
</form>`;

/**
 * /newsroom/front: the top of an edition's front page, arranged with plain forms (every button
 * works by keyboard and without script), and the breaking-news strip.
 */
export function frontPage(p: {
  csrf: string;
  editions: readonly EditionInfo[];
  edition: EditionInfo;
  overview: FrontOverview;
  errors?: Errors | undefined;
  message?: string | undefined;
  /** The strip's fields as typed, after a refusal. */
  breaking?: BreakingValues | undefined;
}): SafeHtml {
  const { overview, edition } = p;
  const code = edition.code;
  const when = (item: ArticleCard) => formatTime(item.published_at, edition.time_zone);
  const breaking = p.breaking ?? overview.breaking;
  const full = overview.slots.length + overview.unpublishedSlots.length >= MAX_SLOTS;
  return html`${
    p.editions.length > 1
      ? html`<nav aria-label="Editions"><ul class="inline-list">${p.editions.map(
          (e) => html`<li><a href="/newsroom/front?edition=${e.code}"${e.code === code ? raw(' aria-current="page"') : ''}>${e.name}</a></li>`,
        )}</ul></nav>`
      : ''
  }
${errorSummary(p.errors, p.message)}
<section aria-labelledby="h-top">
<h2 id="h-top">Top of the ${edition.name} front page</h2>
<p class="hint">The first story is the lead, the next ${MAX_SLOTS - 1} are the secondary stories. Below them the page fills itself: a block per section, “Latest”, “Most read”. With no story chosen here, stories marked “Top story” lead, then the newest.</p>
${
  overview.slots.length || overview.unpublishedSlots.length
    ? html`<ol class="front-slots">
${overview.slots.map(
  (item, i) => html`<li id="slot-${item.id}">
<p><strong>${i === 0 ? 'Lead' : `Secondary ${i}`}:</strong> <a href="${articlePath(edition, item.section_slug, item.published_at, item.slug)}">${item.headline}</a> <span class="hint">${item.section_name}, ${when(item)}${item.media ? '' : ', no image'}</span></p>
<div class="actions">
${slotButton({ csrf: p.csrf, edition: code, op: 'up', id: item.id, label: 'Move up', hidden: item.headline, disabled: i === 0 })}
${slotButton({ csrf: p.csrf, edition: code, op: 'down', id: item.id, label: 'Move down', hidden: item.headline, disabled: i === overview.slots.length - 1 })}
${slotButton({ csrf: p.csrf, edition: code, op: 'remove', id: item.id, label: 'Remove', hidden: item.headline })}
</div>
</li>`,
)}
${overview.unpublishedSlots.map(
  (id) => html`<li id="slot-${id}"><p>A story no longer published (not shown to readers).</p><div class="actions">${slotButton({ csrf: p.csrf, edition: code, op: 'remove', id, label: 'Remove', hidden: `story ${id}` })}</div></li>`,
)}
</ol>`
    : html`<p>No story chosen yet.</p>`
}
${
  full
    ? html`<p>The top holds ${MAX_SLOTS} stories: remove one to add another.</p>`
    : overview.candidates.length
      ? html`<form method="post" action="/newsroom/front/slots" class="front-add">
${csrfField(p.csrf)}<input type="hidden" name="edition" value="${code}"><input type="hidden" name="op" value="add">
<div class="field${p.errors?.article_id ? ' has-error' : ''}">
<label for="f-article_id">Story to add</label>
${p.errors?.article_id ? html`<p class="field-error" id="f-article_id-error"><span class="visually-hidden">Error: </span>${p.errors.article_id}</p>` : ''}
<select id="f-article_id" name="article_id">
${overview.candidates.map((item) => html`<option value="${item.id}">${item.headline} (${item.section_name}, ${when(item)})</option>`)}
</select>
</div>
<fieldset class="field"><legend>Place it</legend>
<div class="checkbox"><input type="radio" id="f-at-end" name="at" value="end" checked><label for="f-at-end">After the others</label></div>
<div class="checkbox"><input type="radio" id="f-at-lead" name="at" value="lead"><label for="f-at-lead">As the lead</label></div>
</fieldset>
<button type="submit" class="button primary">Add to the front page</button>
</form>`
      : html`<p>No published story left to add.</p>`
}
</section>
<section aria-labelledby="h-breaking">
<h2 id="h-breaking">Breaking-news strip</h2>
<form method="post" action="/newsroom/front/breaking" novalidate>
${csrfField(p.csrf)}<input type="hidden" name="edition" value="${code}">
${checkbox({ name: 'active', label: 'Show the strip at the top of the front page', checked: breaking.active })}
${textField({ name: 'text', label: 'Line readers see', value: breaking.text, errors: p.errors, maxlength: BREAKING_TEXT_MAX, hint: `At most ${BREAKING_TEXT_MAX} characters.` })}
${textField({ name: 'url', label: 'Link', value: breaking.url, errors: p.errors, maxlength: BREAKING_URL_MAX, hint: 'An address on this site such as /world/2026/12/04/story, or a full https:// address.' })}
<button type="submit" class="button primary">Save the strip</button>
</form>
</section>`;
}
