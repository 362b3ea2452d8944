import { describe, expect, it } from 'vitest';
import { renderBody, sanitizeBodyHtml } from './body.js';

describe('article body', () => {
  it('renders paragraphs, headings, lists and attributed quotations', () => {
    const html = renderBody({
      version: 1,
      blocks: [
        { type: 'heading', text: 'Terms & conditions' },
        { type: 'paragraph', html: 'She said <q>not yet</q> and <em>left</em>.' },
        { type: 'quote', text: 'We will <not> wait.', speaker: 'Anna Petrova', role: 'harbour master' },
        { type: 'list', ordered: false, items: ['one', '<strong>two</strong>'] },
      ],
    });
    expect(html).toContain('<h2>Terms &amp; conditions</h2>');
    expect(html).toContain('<p>She said <q>not yet</q> and <em>left</em>.</p>');
    expect(html).toContain(
      '<figure class="quote"><blockquote><p>We will &lt;not&gt; wait.</p></blockquote><figcaption>— <span class="speaker">Anna Petrova</span>, <span class="speaker-role">harbour master</span></figcaption></figure>',
    );
    expect(html).toContain('<ul><li>one</li><li><strong>two</strong></li></ul>');
  });

  it.each([
    ['<p onclick="x()">hi</p>', '<p>hi</p>'],
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="https://example.com" style="color:red">x</a>', '<a href="https://example.com">x</a>'],
    ['<img src=x onerror=alert(1)>', ''],
    ['<b>bold</b>', '<strong>bold</strong>'],
    ['<iframe src="https://evil.example"></iframe>', ''],
  ])('sanitises %s', (input, expected) => {
    expect(sanitizeBodyHtml(input)).toBe(expected);
  });
});
