import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.js';
import { attributionClause } from './attribution.js';
import { bodyToEditorHtml, clauseMarker, clauseToken, normalizeBodyDocument, parseBodyHtml } from './body-html.js';
import { hasAttributionClause, renderBody, rewordClause, type BodyDocument } from './body.js';

const token = clauseToken();
const en = translator('en');
const ru = translator('ru');

describe('the attribution clause in the body document', () => {
  it('is a node of the paragraph where the editor’s marker stood, with the text around it kept', () => {
    const doc = parseBodyHtml(`<p>“The port is a vital player on the global stage,” ${clauseMarker(token)}. Talks go on.</p><p>Second.</p>`, { clauseToken: token });
    expect(doc.blocks[0]).toEqual({
      type: 'paragraph',
      html: '“The port is a vital player on the global stage,”',
      attribution: { after: '. Talks go on.' },
    });
    expect(doc.blocks[1]).toEqual({ type: 'paragraph', html: 'Second.' });
    expect(hasAttributionClause(doc)).toBe(true);
    // The marker's label is never body text.
    expect(JSON.stringify(doc)).not.toContain('Attribution');
  });

  it('cannot be forged by HTML without the form’s token: pasted, imported or with another token', () => {
    const pasted = `<p>Before <span class="attribution-clause" data-attribution-clause="${token}">Attribution</span> after.</p>`;
    for (const doc of [parseBodyHtml(pasted), parseBodyHtml(pasted, { clauseToken: clauseToken() }), parseBodyHtml(pasted, { clauseToken: 'short' })]) {
      expect(doc.blocks).toEqual([{ type: 'paragraph', html: 'Before after.' }]);
      expect(hasAttributionClause(doc)).toBe(false);
    }
    // A short or odd token never counts, even when the marker carries the same one.
    const weak = parseBodyHtml('<p>a <span data-attribution-clause="x">Attribution</span> b</p>', { clauseToken: 'x' });
    expect(hasAttributionClause(weak)).toBe(false);
  });

  it('stands once per article, outside links and formatting, never in lists or headings', () => {
    const doc = parseBodyHtml(
      `<p><em>in ${clauseMarker(token)} it</em></p><p>again ${clauseMarker(token)}</p><ul><li>x ${clauseMarker(token)}</li></ul><h2>h ${clauseMarker(token)}</h2>`,
      { clauseToken: token },
    );
    expect(doc.blocks).toEqual([
      { type: 'paragraph', html: '<em>in</em>', attribution: { after: '<em>it</em>' } },
      { type: 'paragraph', html: 'again' },
      { type: 'list', ordered: false, items: ['x'] },
      { type: 'heading', text: 'h' },
    ]);
    const linked = parseBodyHtml(`<p><a href="https://example.org/">a ${clauseMarker(token)}</a></p>`, { clauseToken: token });
    expect(hasAttributionClause(linked)).toBe(false);
  });

  it('goes back into the editor as the marker with the new form’s token, and reads back the same', () => {
    const doc: BodyDocument = { version: 1, blocks: [{ type: 'paragraph', html: '“Words,”', attribution: { after: '.' } }] };
    const other = clauseToken();
    const editorHtml = bodyToEditorHtml(doc, undefined, other);
    expect(editorHtml).toContain(`data-attribution-clause="${other}"`);
    expect(parseBodyHtml(editorHtml, { clauseToken: other })).toEqual(doc);
    // Without a token the clause is left out but the paragraph's text stays.
    expect(bodyToEditorHtml(doc)).toBe('<p>“Words,” .</p>');
    expect(normalizeBodyDocument(doc)).toEqual(doc);
  });

  it('renders as a worded span where it stands, spaced by the punctuation around it, escaped', () => {
    const doc: BodyDocument = {
      version: 1,
      blocks: [
        { type: 'paragraph', html: '“The port matters,”', attribution: { after: '. It <em>will</em> grow.' } },
        { type: 'paragraph', html: '', attribution: { after: 'that ferries resume.' } },
      ],
    };
    const html = renderBody(doc, undefined, 'Caspian <Herald> reports, citing Reuters');
    expect(html).toContain('<p>“The port matters,” <span class="attribution-clause">Caspian &lt;Herald&gt; reports, citing Reuters</span>. It <em>will</em> grow.</p>');
    expect(html).toContain('<p><span class="attribution-clause">Caspian &lt;Herald&gt; reports, citing Reuters</span> that ferries resume.</p>');
    // Worded again later (a renamed source), escaped again.
    expect(rewordClause(html, 'Caspian Herald reports, citing <AFP>')).toContain('“The port matters,” <span class="attribution-clause">Caspian Herald reports, citing &lt;AFP&gt;</span>. It');
    expect(rewordClause('<p>No clause.</p>', 'x')).toBe('<p>No clause.</p>');
    // No wording (a wire item's body): the text, without the clause.
    expect(renderBody(doc)).toContain('<p>“The port matters,” . It <em>will</em> grow.</p>');
  });
});

describe('attributionClause', () => {
  it('words the clause without a full stop, in the edition’s language and word order', () => {
    expect(attributionClause('Caspian Herald', [{ name: 'Reuters' }, { name: 'AFP' }], en)).toBe('Caspian Herald reports, citing Reuters and AFP');
    expect(attributionClause('Caspian Herald', [{ kind: 'foreign_media' }], en)).toBe('Caspian Herald reports, citing foreign media');
    expect(attributionClause('Каспийский вестник', [{ name: 'Reuters' }, { kind: 'foreign_media' }], ru)).toBe('сообщает Каспийский вестник со ссылкой на Reuters и иностранные СМИ');
    expect(attributionClause('Caspian Herald', [], en)).toBe('Caspian Herald reports');
  });
});
