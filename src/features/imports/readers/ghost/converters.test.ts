import { describe, expect, it } from 'vitest';
import { absoluteUrl, newBodyContext } from './body-output.js';
import { convertGhostHtml } from './ghost-html.js';
import { lexicalToHtml } from './lexical.js';
import { markdownToHtml } from './markdown.js';
import { mobiledocToHtml } from './mobiledoc.js';

/** Invented copy throughout: the places, people and sites are made up. */
const SITE = 'https://old.veloria.example/blog';
const ctx = () => newBodyContext(SITE);

const lexical = (...children: unknown[]) => JSON.stringify({ root: { type: 'root', children } });
const t = (text: string, format = 0) => ({ type: 'text', text, format });

describe('addresses', () => {
  it('makes __GHOST_URL__ and relative addresses absolute against the site, and refuses other schemes', () => {
    expect(absoluteUrl('__GHOST_URL__/content/images/a.jpg', { siteUrl: SITE })).toBe('https://old.veloria.example/blog/content/images/a.jpg');
    expect(absoluteUrl('/content/x.png', { siteUrl: SITE })).toBe('https://old.veloria.example/content/x.png');
    expect(absoluteUrl('img/x.png', { siteUrl: SITE })).toBe('https://old.veloria.example/blog/img/x.png');
    expect(absoluteUrl('https://cdn.example/a b.jpg', { siteUrl: SITE })).toBe('https://cdn.example/a%20b.jpg');
    expect(absoluteUrl('javascript:alert(1)', { siteUrl: SITE })).toBeUndefined();
    expect(absoluteUrl('__GHOST_URL__/a.jpg', { siteUrl: undefined })).toBeUndefined();
    expect(absoluteUrl('/a.jpg', { siteUrl: undefined })).toBeUndefined();
  });
});

describe('lexical', () => {
  it('converts text, formats, links, headings, lists and quotes', () => {
    const c = ctx();
    const out = lexicalToHtml(
      lexical(
        { type: 'paragraph', children: [t('Bold', 1), t(' and '), t('both', 3), { type: 'linebreak' }, { type: 'link', url: '__GHOST_URL__/a/', children: [t('here')] }] },
        { type: 'heading', tag: 'h1', children: [t('Top')] },
        { type: 'heading', tag: 'h4', children: [t('Deep')] },
        { type: 'list', listType: 'number', children: [{ type: 'listitem', children: [t('one'), { type: 'list', listType: 'bullet', children: [{ type: 'listitem', children: [t('inner')] }] }] }] },
        { type: 'aside', children: [t('Said <loudly>')] },
        { type: 'paragraph', children: [] },
      ),
      c,
    );
    expect(out).toBe(
      '<p><strong>Bold</strong> and <em><strong>both</strong></em><br><a href="https://old.veloria.example/blog/a/">here</a></p>' +
        '<h2>Top</h2><h3>Deep</h3><ol><li>one<ul><li>inner</li></ul></li></ol><blockquote><p>Said &lt;loudly&gt;</p></blockquote>',
    );
    expect(c.warnings).toEqual([]);
  });

  it('turns cards into figures and links, and names what it leaves out', () => {
    const c = ctx();
    const out = lexicalToHtml(
      lexical(
        { type: 'image', src: '__GHOST_URL__/content/images/f.jpg', altText: 'A "quay"', caption: 'The <i>old</i> quay' },
        { type: 'gallery', images: [{ src: '/g1.jpg', alt: 'One' }, { src: 'data:image/png;base64,AAA' }], caption: 'Two views' },
        { type: 'embed', url: 'https://video.example/v/1', html: '<iframe src="https://video.example/embed/1"></iframe>', metadata: { title: 'Launch' } },
        { type: 'bookmark', url: 'https://port.example/n', metadata: { title: 'Notice <14>' } },
        { type: 'horizontalrule' },
        { type: 'html', html: '<p>Raw <script>x()</script>kept</p>' },
        { type: 'markdown', markdown: 'Some *md*' },
        { type: 'codeblock', code: 'a < b', language: 'js' },
        { type: 'callout', calloutText: '<p>Note this</p>', calloutEmoji: '💡' },
        { type: 'toggle', heading: '<span>Q?</span>', content: '<p>A.</p>' },
        { type: 'button', buttonText: 'Subscribe', buttonUrl: '/subscribe/' },
        { type: 'paywall' },
        { type: 'product', productTitle: 'Mug' },
      ),
      c,
    );
    expect(out).toContain('<figure><img src="https://old.veloria.example/blog/content/images/f.jpg" alt="A &quot;quay&quot;"><figcaption>The old quay</figcaption></figure>');
    expect(out).toContain('<figure><img src="https://old.veloria.example/g1.jpg" alt="One"></figure>');
    expect(out).toContain('<p><a href="https://video.example/v/1">Launch</a></p>');
    expect(out).toContain('<p><a href="https://port.example/n">Notice &lt;14&gt;</a></p>');
    expect(out).toContain('<hr><p>Raw kept</p><p>Some <em>md</em></p><pre><code>a &lt; b</code></pre><p>Note this</p><h3>Q?</h3><p>A.</p>');
    expect(out).toContain('<p><a href="https://old.veloria.example/subscribe/">Subscribe</a></p>');
    expect(out).not.toMatch(/Mug|paywall|script|base64/);
    expect(c.warnings).toEqual([
      'a gallery image without a usable address was left out',
      'an embed was imported as a link',
      'a script in the post\'s HTML was left out',
      'a Ghost "paywall" card (for email or members only) was left out',
      'a Ghost "product" card was left out: Dateline has nothing like it',
    ]);
  });

  it('survives a broken document with a warning', () => {
    const c = ctx();
    expect(lexicalToHtml('{"root": ', c)).toBe('');
    expect(lexicalToHtml('{"nothing": 1}', c)).toBe('');
    expect(c.warnings).toHaveLength(2);
  });
});

describe('mobiledoc', () => {
  it('converts sections, markups, atoms, lists and cards', () => {
    const c = ctx();
    const doc = {
      version: '0.3.1',
      atoms: [['soft-return', '', {}], ['mention', '@ilse', {}]],
      markups: [['strong'], ['a', ['rel', 'x', 'href', '/pier/']], ['a', ['href', 'javascript:void(0)']], ['span']],
      cards: [['image', { src: '__GHOST_URL__/i.jpg', alt: 'Pier', caption: 'Pier <b>lights</b>' }], ['hr', {}], ['signup', {}]],
      sections: [
        [1, 'p', [[0, [0], 0, 'Strong '], [0, [1], 2, 'link'], [1, [], 0, 0], [0, [2, 3], 2, 'bad'], [1, [], 0, 1]]],
        [1, 'h1', [[0, [], 0, 'Title']]],
        [1, 'blockquote', [[0, [], 0, 'Quoted']]],
        [3, 'ol', [[[0, [], 0, 'first']], [[0, [0], 1, 'second']]]],
        [10, 0],
        [10, 1],
        [10, 2],
        [10, 9],
        [2, '/plain.png'],
        [7, 'x'],
      ],
    };
    const out = mobiledocToHtml(JSON.stringify(doc), c);
    expect(out).toBe(
      '<p><strong>Strong <a href="https://old.veloria.example/pier/">link</a></strong><br>bad@ilse</p><h2>Title</h2><blockquote><p>Quoted</p></blockquote>' +
        '<ol><li>first</li><li><strong>second</strong></li></ol>' +
        '<figure><img src="https://old.veloria.example/blog/i.jpg" alt="Pier"><figcaption>Pier lights</figcaption></figure><hr>' +
        '<figure><img src="https://old.veloria.example/plain.png" alt=""></figure>',
    );
    expect(c.warnings).toEqual([
      'a mobiledoc "mention" atom was kept as its text',
      'a Ghost "signup" card (for email or members only) was left out',
      'a mobiledoc card section points to no card',
      'a mobiledoc section of type 7 was left out',
    ]);
  });
});

describe('markdown', () => {
  it('converts paragraphs, headings, emphasis, links, lists, quotes, code and images safely', () => {
    const c = ctx();
    const out = markdownToHtml(
      [
        '# Big',
        '### Small',
        '',
        'Text with **bold**, *it*, _under_, `co*de*` and a [link](/x/ "t") and <https://a.example/>.',
        'Same paragraph  ',
        'after a break <b>raw</b> & more.',
        '',
        '- one',
        '- two with [bad](javascript:alert(1))',
        '',
        '1. first',
        '2. second',
        '',
        '> quoted *words*',
        '',
        '```',
        '<script>x</script>',
        '```',
        '',
        '![An alt](/img/a.png)',
        '',
        '---',
        '<div class="kg-card kg-product-card">Buy</div>',
      ].join('\n'),
      c,
    );
    expect(out).toBe(
      '<h2>Big</h2><h3>Small</h3>' +
        '<p>Text with <strong>bold</strong>, <em>it</em>, <em>under</em>, <code>co*de*</code> and a <a href="https://old.veloria.example/x/">link</a> and ' +
        '<a href="https://a.example/">https://a.example/</a>. Same paragraph<br>after a break &lt;b&gt;raw&lt;/b&gt; &amp; more.</p>' +
        '<ul><li>one</li><li>two with bad</li></ul><ol><li>first</li><li>second</li></ol>' +
        '<blockquote><p>quoted <em>words</em></p></blockquote><pre><code>&lt;script&gt;x&lt;/script&gt;</code></pre>' +
        '<figure><img src="https://old.veloria.example/img/a.png" alt="An alt"></figure><hr>',
    );
    expect(c.warnings).toEqual(['HTML inside Markdown text was kept as text', 'a Ghost "product" card was left out: Dateline has nothing like it']);
  });
});

describe("Ghost's HTML", () => {
  it('keeps the subset, converts cards, drops scripts and unknown cards with warnings', () => {
    const c = ctx();
    const out = convertGhostHtml(
      '<!--kg-card-begin: html--><p class="x" onclick="y()">Hi <b>there</b> <a href="/a/" target="_blank">a</a> <a href="javascript:z()">z</a></p>' +
        '<figure class="kg-card kg-gallery-card"><div class="kg-gallery-row"><div class="kg-gallery-image"><img src="/1.jpg" alt="1"></div><div class="kg-gallery-image"><img src="/2.jpg"></div></div><figcaption>Both</figcaption></figure>' +
        '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="https://b.example/"><div class="kg-bookmark-title">B title</div><div class="kg-bookmark-description">long text</div></a></figure>' +
        '<figure class="kg-card kg-embed-card"><iframe src="https://v.example/e/1"></iframe><figcaption>Clip</figcaption></figure>' +
        '<div class="kg-card kg-callout-card kg-callout-card-grey"><div class="kg-callout-emoji">💡</div><div class="kg-callout-text">Call <em>out</em></div></div>' +
        '<div class="kg-card kg-file-card"><a href="/f.pdf">File</a></div>' +
        '<style>p{}</style><img src="relative.png" alt="Rel"><!--kg-card-end: html-->',
      c,
    );
    expect(out).toBe(
      '<p>Hi <strong>there</strong> <a href="https://old.veloria.example/a/">a</a> z</p>' +
        '<figure><img src="https://old.veloria.example/1.jpg" alt="1"></figure><figure><img src="https://old.veloria.example/2.jpg" alt=""><figcaption>Both</figcaption></figure>' +
        '<p><a href="https://b.example/">B title</a></p><p><a href="https://v.example/e/1">https://v.example/e/1</a> — Clip</p><p>Call <em>out</em></p>' +
        '<figure><img src="https://old.veloria.example/blog/relative.png" alt="Rel"></figure>',
    );
    expect(c.warnings).toEqual([
      'an embed was imported as a link',
      'a Ghost "file" card was left out: Dateline has nothing like it',
      'a style sheet in the post\'s HTML was left out',
    ]);
  });

  it('without the site address, leaves relative images out and says how to fix it', () => {
    const c = newBodyContext(undefined);
    expect(convertGhostHtml('<p><a href="/x/">x</a></p><img src="__GHOST_URL__/a.jpg">', c)).toBe('<p>x</p>');
    expect(c.warnings.join('\n')).toMatch(/--site-url[\s\S]*--site-url/);
  });
});
