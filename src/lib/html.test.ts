import { describe, expect, it } from 'vitest';
import { html, jsonForScript, raw } from './html.js';

describe('html', () => {
  it('escapes interpolated text', () => {
    const name = '<script>alert("x")</script>&\'';
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>');
  });
  it('inserts nested templates and raw markup unescaped, arrays joined, empties skipped', () => {
    const items = ['a', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${raw('<hr>')}${0}`.value).toBe(
      '<ul><li>a</li><li>b</li></ul><hr>0',
    );
  });
  it('keeps JSON from closing its script element', () => {
    expect(jsonForScript({ a: '</script><b>' }).value).toBe('{"a":"\\u003c/script>\\u003cb>"}');
  });
});
