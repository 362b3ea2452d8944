import { describe, expect, it } from 'vitest';
import { foldWord, htmlToText, MAX_TOKEN_LENGTH, tokenize, words } from './search-text.js';

describe('tokenize', () => {
  it('folds case and Latin diacritics', () => {
    expect(tokenize('Café Crème BRÛLÉE naïve Ångström')).toEqual(['cafe', 'creme', 'brulee', 'naive', 'angstrom']);
  });

  it('folds the Azerbaijani letters that are not decorated Latin ones, so "Aliyev" finds "Əliyev"', () => {
    expect(tokenize('Əliyev')).toEqual(tokenize('Aliyev'));
    expect(tokenize('İlham Əliyev Bakı Şəki Gəncə ağac')).toEqual(['ilham', 'aliyev', 'baki', 'saki', 'ganca', 'agac']);
    expect(tokenize('Məmmədov')).toEqual(['mammadov']);
  });

  it('folds other letters without a decomposition', () => {
    expect(tokenize('Straße Øresund Łódź Þór Æsir Œuvre')).toEqual(['strasse', 'oresund', 'lodz', 'thor', 'aesir', 'oeuvre']);
  });

  it('keeps Cyrillic as Cyrillic, folding only case and ё', () => {
    expect(tokenize('Ёлка ЁЖ Йошкар-Ола Київ')).toEqual(['елка', 'еж', 'йошкар', 'ола', 'київ']);
    // Stress marks are dropped; й stays й.
    expect(tokenize('за́мок')).toEqual(['замок']);
    expect(tokenize('й')).not.toEqual(tokenize('и'));
  });

  it('treats decomposed and composed text alike', () => {
    expect(tokenize('Cafe\u0301 е\u0308ж')).toEqual(tokenize('Café ёж'));
    expect(tokenize('Cafe\u0301')).toEqual(['cafe']);
  });

  it('splits at anything that is not a letter or digit', () => {
    expect(tokenize("e-mail O'Brien’s 3.5% co_op #tag @name https://x.example/a?b=c")).toEqual([
      'e', 'mail', 'o', 'brien', 's', '3', '5', 'co', 'op', 'tag', 'name', 'https', 'x', 'example', 'a', 'b', 'c',
    ]);
    expect(tokenize('  ...  — «»  ')).toEqual([]);
  });

  it('handles compatibility forms and Greek', () => {
    expect(tokenize('ﬁnance ½ ΟΔΟΣ οδός')).toEqual(['finance', '1', '2', 'οδοσ', 'οδοσ']);
  });

  it('keeps scripts without case as they are, and astral letters as letters', () => {
    expect(tokenize('東京 مرحبا 𝒜lpha')).toEqual(['東京', 'مرحبا', 'alpha']);
    expect(tokenize('a😀b')).toEqual(['a', 'b']);
  });

  it('cuts very long words', () => {
    const [token] = tokenize('x'.repeat(500));
    expect(token).toHaveLength(MAX_TOKEN_LENGTH);
    expect(tokenize('é'.repeat(500))[0]).toHaveLength(MAX_TOKEN_LENGTH);
  });

  it('gives the same tokens as the words of the text, for highlighting', () => {
    const text = 'İlham Əliyev’s “Straße” — Ёлка, e-mail ½ café\u0301 𝒜 ΟΔΟΣ';
    expect(words(text).flatMap((w) => w.tokens)).toEqual(tokenize(text));
    for (const w of words(text)) expect(foldWord(text.slice(w.start, w.end))).toEqual(w.tokens);
  });
});

describe('htmlToText', () => {
  it('keeps paragraphs apart, drops inline markup and decodes entities', () => {
    expect(htmlToText('<p>One <em>two</em></p>\n<p>Three&amp;four &lt;b&gt; &#233;t&#xE9; &quot;q&quot; &nbsp;x</p><ul><li>a</li><li>b</li></ul>')).toBe(
      'One two\nThree&four <b> été "q" \u00a0x\na\nb',
    );
  });

  it('does not join words split by a tag in the middle of a word', () => {
    expect(htmlToText('<p>pi<strong>er</strong></p>')).toBe('pier');
    expect(tokenize(htmlToText('<figure class="quote"><blockquote><p>End.</p></blockquote><figcaption>Next</figcaption></figure>'))).toEqual(['end', 'next']);
  });

  it('leaves unknown entities alone', () => {
    expect(htmlToText('&bogus; &#0; &#99999999;')).toBe('&bogus; &#0; &#99999999;');
  });
});
