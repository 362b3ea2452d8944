import { englishText, localeCoverage } from '../../../../i18n/i18n.js';
import { html, type SafeHtml } from '../../../../lib/html.js';

/** "Complete" or "12 of 98 in English", for the editions table. */
export function wordingSummary(locale: string): string {
  const c = localeCoverage(locale);
  if (!c.missing.length) return 'Complete';
  return c.hasFile ? `${c.missing.length} of ${c.total} strings in English` : `No translation file: all ${c.total} strings in English`;
}

/**
 * Which strings of the reader site an edition shows in English because its language's file
 * (`locales/<language>.json`) lacks them or does not exist, so that the gap is seen and filled
 * rather than readers meeting two languages on one page (decision 0026).
 */
export function localeGap(locale: string): SafeHtml {
  if (!locale.trim()) return html``;
  const c = localeCoverage(locale);
  if (!c.missing.length) return html`<section class="locale-gap" aria-labelledby="h-wording"><h2 id="h-wording">Wording</h2><p>Every string of the reader site has its ${c.language} text in <code>locales/${c.language}.json</code>.</p></section>`;
  return html`<section class="locale-gap" aria-labelledby="h-wording">
<h2 id="h-wording">Wording: ${c.missing.length} of ${c.total} strings fall back to English</h2>
<p role="status">${
    c.hasFile
      ? html`<code>locales/${c.language}.json</code> has no text for the strings below: readers of this edition see them in English.`
      : html`There is no translation file for “${c.language}” (<code>locales/${c.language}.json</code>): readers of this edition see every string of the site in English.`
  } Add the file (a copy of <code>locales/en.json</code> with each text translated) to fill the gap.</p>
<details><summary>The ${c.missing.length} strings in English</summary>
<table><thead><tr><th scope="col">Key</th><th scope="col">English text shown</th></tr></thead>
<tbody>${c.missing.map((key) => html`<tr><td><code>${key}</code></td><td lang="en">${englishText(key)}</td></tr>`)}</tbody></table>
</details>
</section>`;
}
