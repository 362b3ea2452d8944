import { describe, expect, it } from 'vitest';
import { renderBody, sanitizeBodyHtml, type BodyMedia } from './body.js';

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

  describe('images', () => {
    const key = '2026-03/4f1c2a9e-0b7d-4c55-9e21-6a0f3d2b8c11';
    const media = new Map<number, BodyMedia>([
      [12, { storageKey: key, width: 2400, height: 1600, renditionWidths: [1600, 480, 1200, 800] }],
      [13, { storageKey: '2026-03/small', width: 360, height: 270, renditionWidths: [360] }],
    ]);
    const image = { type: 'image', mediaId: 12, alt: 'Boats at "dawn"', caption: 'Port Velmar & Aldmoor', credit: 'Photo: Lev Orr' } as const;

    it('renders a responsive picture with caption and credit', () => {
      const set = (ext: string) => [480, 800, 1200, 1600].map((w) => `/media/${key}/${w}.${ext} ${w}w`).join(', ');
      const sizes = '(min-width: 48rem) 44rem, 100vw';
      expect(renderBody({ version: 1, blocks: [image] }, media)).toBe(
        '<figure class="image"><picture>' +
          `<source type="image/avif" srcset="${set('avif')}" sizes="${sizes}" />` +
          `<source type="image/webp" srcset="${set('webp')}" sizes="${sizes}" />` +
          `<img src="/media/${key}/1200.jpg" srcset="${set('jpg')}" sizes="${sizes}" width="1200" height="800" alt="Boats at &quot;dawn&quot;" loading="lazy" decoding="async" />` +
          '</picture><figcaption>Port Velmar &amp; Aldmoor <span class="credit">Photo: Lev Orr</span></figcaption></figure>',
      );
    });

    it('falls back to the smallest rendition when none is 1200 or less, and scales the height', () => {
      const html = renderBody({ version: 1, blocks: [{ ...image, mediaId: 13 }] }, media);
      expect(html).toContain('<img src="/media/2026-03/small/360.jpg" srcset="/media/2026-03/small/360.jpg 360w"');
      expect(html).toContain('width="360" height="270"');
    });

    it('writes the caption without credit, the credit without caption, and no figcaption for neither', () => {
      const render = (caption: string, credit: string) => renderBody({ version: 1, blocks: [{ ...image, caption, credit }] }, media);
      expect(render('Only caption', '')).toContain('</picture><figcaption>Only caption</figcaption></figure>');
      expect(render('', 'Only credit')).toContain('</picture><figcaption><span class="credit">Only credit</span></figcaption></figure>');
      expect(render('', '')).toMatch(/<\/picture><\/figure>$/);
    });

    it('renders nothing for an image whose media is unknown, or without a media map', () => {
      const doc = { version: 1 as const, blocks: [{ type: 'paragraph' as const, html: 'Before' }, { ...image, mediaId: 99 }, { type: 'paragraph' as const, html: 'After' }] };
      expect(renderBody(doc, media)).toBe('<p>Before</p>\n<p>After</p>');
      expect(renderBody(doc)).toBe('<p>Before</p>\n<p>After</p>');
    });
  });

  it.each([
    ['<img src="/media/2026-03/k/480.jpg" alt="" onerror="x()" style="a">', '<img src="/media/2026-03/k/480.jpg" alt="" />'],
    ['<img src="https://evil.example/x.jpg" alt="a">', ''],
    ['<img src="/media/../../admin" alt="a">', ''],
    ['<img src="/media//evil.example/x.jpg">', ''],
    ['<img src="/mediaevil/x.jpg">', ''],
    ['<img srcset="/media/k/1.jpg 1w">', ''],
    ['<img src="/media/k/1.jpg" srcset="/media/k/1.jpg 480w, https://evil.example/2.jpg 800w">', '<img src="/media/k/1.jpg" />'],
    ['<picture><source type="image/webp" srcset="javascript:alert(1)"><source srcset="/media/k/1.webp 480w" media="print"></picture>', '<picture><source srcset="/media/k/1.webp 480w" /></picture>'],
    ['<figure class="image wide" id="x"><figcaption>c <span class="credit other">d</span></figcaption></figure>', '<figure class="image"><figcaption>c <span class="credit">d</span></figcaption></figure>'],
    ['<video src="/media/k/v.mp4"></video><img src="data:image/png;base64,AAAA">', ''],
  ])('sanitises images: %s', (input, expected) => {
    expect(sanitizeBodyHtml(input)).toBe(expected);
  });
});

