import { describe, expect, it } from 'vitest';
import { feedHtml, resolveUrl } from './feed-html.js';

const ARTICLE = 'https://news.example/world/2026/03/10/pier';

describe('feed HTML', () => {
  it('makes relative links absolute against the article', () => {
    const out = feedHtml(
      '<p><a href="/business">root</a> <a href="other">relative</a> <a href="#notes">fragment</a> <a href="?a=1&amp;b=2">query</a></p><figure class="quote"><blockquote cite="/sources/1"><p>q</p></blockquote></figure>',
      ARTICLE,
    );
    expect(out).toContain('<a href="https://news.example/business">root</a>');
    expect(out).toContain('<a href="https://news.example/world/2026/03/10/other">relative</a>');
    expect(out).toContain('<a href="https://news.example/world/2026/03/10/pier#notes">fragment</a>');
    expect(out).toContain('<a href="https://news.example/world/2026/03/10/pier?a=1&amp;b=2">query</a>');
    expect(out).toContain('<blockquote cite="https://news.example/sources/1">');
    expect(out).toContain('<figure class="quote">');
  });

  it('leaves absolute links as written', () => {
    expect(feedHtml('<p><a href="https://Example.com/A">a</a> <a href="mailto:desk@news.example">m</a></p>', ARTICLE)).toBe(
      '<p><a href="https://Example.com/A">a</a> <a href="mailto:desk@news.example">m</a></p>',
    );
  });

  it('rewrites attributes only, never running text or other attributes that mention a link', () => {
    const body = '<p title="see href=&quot;/x&quot;">write href="/x" or &lt;a href="/y"&gt; here</p><p><a title="t" href="/z">z</a></p>';
    expect(feedHtml(body, ARTICLE)).toBe(
      '<p title="see href=&quot;/x&quot;">write href="/x" or &lt;a href="/y"&gt; here</p><p><a title="t" href="https://news.example/z">z</a></p>',
    );
  });

  it('keeps escaped characters escaped and drops a value that is no URL', () => {
    expect(feedHtml('<a href="/q?a=1&amp;b=&quot;2&quot;">q</a>', ARTICLE)).toBe('<a href="https://news.example/q?a=1&amp;b=%222%22">q</a>');
    expect(feedHtml('<a href="https://e.example/?a=1&amp;b=2">e</a>', ARTICLE)).toBe('<a href="https://e.example/?a=1&amp;b=2">e</a>');
    expect(feedHtml('<a href="/x">x</a>', 'not a base')).toBe('<a>x</a>');
  });

  it('resolves URLs as a browser would, or gives up', () => {
    expect(resolveUrl(' /a b ', ARTICLE)).toBe('https://news.example/a%20b');
    expect(resolveUrl('//cdn.example/x', ARTICLE)).toBe('https://cdn.example/x');
    expect(resolveUrl('http://[bad', ARTICLE)).toBe('http://[bad');
    expect(resolveUrl('/x', 'not a base')).toBeUndefined();
  });
});
