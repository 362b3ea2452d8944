import { describe, expect, it } from 'vitest';
import { renderBody } from './body.js';
import { articleSummary, firstParagraphText, SUMMARY_MAX, trimAtWord } from './summary.js';

describe('firstParagraphText', () => {
  it('takes the first top-level paragraph as plain text, entities decoded, marks and links dropped', () => {
    const html = renderBody({
      version: 1,
      blocks: [
        { type: 'heading', text: 'Not this' },
        { type: 'quote', text: 'Nor this.', speaker: 'Ines Marlow' },
        { type: 'paragraph', html: 'The council <em>voted</em> 7&nbsp;to&nbsp;2, said <a href="/x">the chair</a>: <q>at last</q> &amp; done.' },
        { type: 'paragraph', html: 'Second paragraph.' },
      ],
    });
    expect(firstParagraphText(html)).toBe('The council voted 7\u00a0to\u00a02, said the chair: at last & done.');
  });

  it('skips empty paragraphs, reads a line break as a space and collapses white space', () => {
    expect(firstParagraphText('<p> </p><p>One<br>two\n   three</p>')).toBe('One two three');
  });

  it('is empty for a body without a paragraph', () => {
    expect(firstParagraphText('')).toBe('');
    expect(firstParagraphText('<figure class="quote"><blockquote><p>Quoted</p></blockquote></figure><ul><li>Item</li></ul>')).toBe('');
  });
});

describe('trimAtWord', () => {
  it('keeps a text that fits whole', () => {
    expect(trimAtWord('Short enough.', 20)).toBe('Short enough.');
    expect(trimAtWord('x'.repeat(SUMMARY_MAX))).toBe('x'.repeat(SUMMARY_MAX));
  });

  it('cuts at the last word boundary that fits and adds an ellipsis, without trailing punctuation', () => {
    expect(trimAtWord('The harbour council voted on Tuesday, after a year', 40)).toBe('The harbour council voted on Tuesday…');
    expect(trimAtWord('one two three four', 12)).toBe('one two…');
  });

  it('stays within the limit, ellipsis included, between about 160 and 200 characters for prose', () => {
    const words = 'Ministers from the five Caspian states met in Port Velmar on Tuesday to sign an agreement on shipping lanes, fishing quotas and the protection of the sturgeon, which has nearly vanished from the sea in the last twenty years.';
    const cut = trimAtWord(words);
    expect(cut.length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(cut.length).toBeGreaterThan(160);
    expect(cut.endsWith('…')).toBe(true);
    expect(words.startsWith(cut.slice(0, -1))).toBe(true);
    expect(words[cut.length - 1]).toBe(' '); // the cut fell between two words
  });

  it('cuts a single overlong word where it must', () => {
    expect(trimAtWord('https://example.org/' + 'a'.repeat(300), 50)).toHaveLength(50);
  });
});

describe('articleSummary', () => {
  const body = '<p>The council voted seven to two on Tuesday.</p><p>Work begins in spring.</p>';

  it('is the standfirst when there is one', () => {
    expect(articleSummary({ standfirst: ' The vote ends a year of argument. ', body_html: body })).toBe('The vote ends a year of argument.');
  });

  it('falls back to the opening paragraph, trimmed', () => {
    expect(articleSummary({ standfirst: '', body_html: body })).toBe('The council voted seven to two on Tuesday.');
    const long = `<p>${'word '.repeat(100)}</p>`;
    expect(articleSummary({ standfirst: '  ', body_html: long })).toBe(`${'word '.repeat(39)}word…`);
  });

  it('is empty when there is neither', () => {
    expect(articleSummary({ standfirst: '', body_html: '' })).toBe('');
  });
});
