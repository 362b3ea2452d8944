import { describe, expect, it } from 'vitest';
import { parseBodyHtml } from '../articles/body-html.js';
import { renderBody } from '../articles/body.js';
import { inlineQuotations } from './entity-quotes.js';

describe('quotations in running text (decision 0032)', () => {
  it('keep <q data-speaker> only as an entity id, through the parser and the sanitiser', () => {
    const doc = parseBodyHtml('<p>It is <q data-speaker="12" onclick="x">a <em>fair</em> deal</q>, not <q data-speaker="12x">a gift</q>.</p>');
    expect(doc.blocks).toEqual([{ type: 'paragraph', html: 'It is <q data-speaker="12">a <em>fair</em> deal</q>, not <q>a gift</q>.' }]);
    expect(renderBody({ version: 1, blocks: [{ type: 'paragraph', html: '<q data-speaker="javascript:x">a</q><q data-speaker="7">b</q>' }] })).toBe('<p><q>a</q><q data-speaker="7">b</q></p>');
  });

  it('are read back from stored inline HTML with their speaker and plain text', () => {
    expect(inlineQuotations('He said <q data-speaker="3">ships &amp; <em>boats</em></q> and <q>nothing</q> and <q data-speaker="9">more<br>soon</q>.')).toEqual([
      { speaker: 3, text: 'ships & boats' },
      { speaker: 9, text: 'more soon' },
    ]);
  });
});
