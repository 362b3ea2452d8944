import { html, type SafeHtml } from '../../lib/html.js';
import { ENTITY_TYPE_LABELS } from './entity.js';
import type { Suggestions } from './suggestion.service.js';

/**
 * On a wire item's page (decision 0032): the people, places and organisations it mentions that
 * the site knows, its quotations with their speakers, and new names (English reports).
 */
export function wireMentions(s: Suggestions): SafeHtml {
  const quotes = s.quotes.filter((q) => q.speaker || q.entity);
  return html`<section aria-labelledby="h-mentions" class="wire-mentions"><h2 id="h-mentions">People, places and organisations</h2>
${
  s.entities.length
    ? html`<ul>${s.entities.map((e) => html`<li><a href="/newsroom/entities/${e.entityId}">${e.name}</a> (${ENTITY_TYPE_LABELS[e.type].toLowerCase()}${e.text === e.name ? '' : `, “${e.text}”`}${e.count > 1 ? `, ${e.count} times` : ''})</li>`)}</ul>`
    : html`<p>None the site knows.</p>`
}
${quotes.length ? html`<h3>Quotations</h3><ul>${quotes.map((q) => html`<li>“${q.text}” — ${q.entity ? html`<a href="/newsroom/entities/${q.entity.id}">${q.entity.name}</a>` : q.speaker}</li>`)}</ul>` : ''}
${s.newNames.length ? html`<h3>New names</h3><ul>${s.newNames.map((n) => html`<li>${n.text} (${ENTITY_TYPE_LABELS[n.type].toLowerCase()})</li>`)}</ul>` : ''}
</section>`;
}
