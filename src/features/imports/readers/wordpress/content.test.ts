import { describe, expect, it } from 'vitest';
import { wpautop } from './autop.js';
import { convertContent, type AttachmentInfo, type ContentContext } from './content.js';
import { parseShortcodeAttributes } from './shortcodes.js';

const SITE = 'https://gazette.example';
const ATTACHMENTS = new Map<number, AttachmentInfo>([
  [5, { url: `${SITE}/wp-content/uploads/quay.jpg`, alt: 'Boats at the quay', caption: 'The quay at dawn' }],
  [6, { url: `${SITE}/wp-content/uploads/lighthouse.jpg`, alt: 'The lighthouse' }],
]);
const ctx: ContentContext = { siteUrl: SITE, attachment: (id) => ATTACHMENTS.get(id), childAttachments: () => [6, 5] };
const convert = (text: string, context: ContentContext = ctx) => convertContent(text, context);
const html = (text: string) => convert(text).html;

describe('wpautop', () => {
  it('makes paragraphs of blank lines and <br> of single line breaks', () => {
    expect(wpautop('One\ntwo\n\nThree')).toBe('<p>One<br />\ntwo</p>\n<p>Three</p>');
  });
  it('leaves block elements alone and puts no <br> around them', () => {
    expect(wpautop('<h2>Title</h2>\nText\n<ul>\n<li>a</li>\n</ul>')).toBe('<h2>Title</h2>\n<p>Text</p>\n<ul>\n<li>a</li>\n</ul>');
    expect(wpautop('<blockquote>Quoted\n\nTwice</blockquote>')).toBe('<blockquote><p>Quoted</p>\n<p>Twice</p></blockquote>');
  });
  it('keeps <pre> exactly as written, and tag attributes across lines', () => {
    expect(wpautop('<pre>a\n\nb</pre>')).toBe('<pre>a\n\nb</pre>');
    expect(wpautop('<a\nhref="x">link</a>')).toBe('<p><a href="x">link</a></p>');
  });
  it('gives nothing for blank text', () => {
    expect(wpautop(' \n\n ')).toBe('');
  });
});

describe('shortcode attributes', () => {
  it('reads double, single, bare and positional values, names lowercased', () => {
    expect(parseShortcodeAttributes(` ids="1,2" Align='left' width=300 https://x.example "quoted"`)).toEqual({
      ids: '1,2',
      align: 'left',
      width: '300',
      0: 'https://x.example',
      1: 'quoted',
    });
  });
});

describe('convertContent: classic text', () => {
  it('gives paragraphs and line breaks', () => {
    expect(html('First line\nsecond line\n\nSecond paragraph')).toBe('<p>First line<br>\nsecond line</p>\n<p>Second paragraph</p>');
  });
  it('never turns escaped text into markup', () => {
    const out = html('Write &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(out).toBe('<p>Write &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>');
    expect(out).not.toContain('<script');
  });
  it('passes real scripts and iframes on for the sanitiser (escaped inside, never run here)', () => {
    const out = html('<iframe src="https://x.example"></iframe>');
    expect(out).toContain('<iframe src="https://x.example"></iframe>');
  });
  it('drops the <!--more--> marker', () => {
    expect(html('Intro\n\n<!--more-->\n\nRest')).toBe('<p>Intro</p>\n<p>Rest</p>');
  });
});

describe('convertContent: images', () => {
  it('writes an image as a figure with an absolute URL, lifted out of its paragraph and link', () => {
    expect(html('Before <a href="/big.jpg"><img src="/wp-content/uploads/a.jpg" alt="A &amp; B"></a> after')).toBe(
      '<p>Before </p>\n<figure><img src="https://gazette.example/wp-content/uploads/a.jpg" alt="A &amp; B"></figure>\n<p> after</p>',
    );
  });
  it('takes the alt text of the attachment named by its wp-image class when the image has none', () => {
    expect(html('<img class="wp-image-5" src="q.jpg" alt="">')).toBe('<figure><img src="https://gazette.example/q.jpg" alt="Boats at the quay"></figure>');
  });
  it('leaves out an image without a usable address and says so', () => {
    const result = convert('<img src="data:image/png;base64,AAAA"> <img src="javascript:alert(1)">');
    expect(result.html).toBe('');
    expect(result.warnings).toEqual(['an image embedded in the text (data: URL) was left out', 'an image without a usable address (javascript:alert(1)) was left out']);
  });
  it('resolves relative URLs against a site in a folder', () => {
    expect(convert('<img src="uploads/a.jpg" alt="">', { ...ctx, siteUrl: 'https://x.example/blog' }).html).toContain('src="https://x.example/blog/uploads/a.jpg"');
  });
});

describe('convertContent: shortcodes', () => {
  it('turns [caption] into a figure with its caption as text', () => {
    const out = html('[caption id="attachment_5" width="300"]<a href="/q"><img class="wp-image-5" src="/q.jpg" alt="Quay" /></a> The <em>quay</em> &amp; boats[/caption]');
    expect(out).toBe('<figure><img src="https://gazette.example/q.jpg" alt="Quay"><figcaption>The quay &amp; boats</figcaption></figure>');
  });
  it('reads the old caption attribute', () => {
    expect(html('[caption caption="Old style"]<img src="/q.jpg" alt="" />[/caption]')).toContain('<figcaption>Old style</figcaption>');
  });
  it('turns [gallery ids] into one figure per attachment, in the listed order, and names missing ones', () => {
    const result = convert('[gallery ids="6,5,99" columns="3"]');
    expect(result.html).toBe(
      '<figure><img src="https://gazette.example/wp-content/uploads/lighthouse.jpg" alt="The lighthouse"></figure>\n' +
        '<figure><img src="https://gazette.example/wp-content/uploads/quay.jpg" alt="Boats at the quay"><figcaption>The quay at dawn</figcaption></figure>',
    );
    expect(result.warnings).toEqual(['[gallery]: image 99 is not in the export and was left out']);
  });
  it('shows the post’s own attachments for a [gallery] without ids', () => {
    expect(html('[gallery]').match(/<img src="[^"]+"/g)).toEqual(['<img src="https://gazette.example/wp-content/uploads/lighthouse.jpg"', '<img src="https://gazette.example/wp-content/uploads/quay.jpg"']);
    expect(convert('[gallery]', { ...ctx, childAttachments: () => [] }).warnings).toEqual(['[gallery] with no images in the export was left out']);
  });
  it('turns [embed], bare URLs on their own line, [video] and [audio] into links', () => {
    const out = html('Watch:\nhttps://video.example/watch/1\n\n[embed width="500"]https://maps.example/a?b=1&amp;c=2[/embed]\n\n[video mp4="/v/clip.mp4"][/video]\n\n[audio https://a.example/horn.mp3]');
    expect(out).toBe(
      [
        '<p>Watch:</p>',
        '<p><a href="https://video.example/watch/1">https://video.example/watch/1</a></p>',
        '<p><a href="https://maps.example/a?b=1&amp;c=2">https://maps.example/a?b=1&amp;c=2</a></p>',
        '<p><a href="https://gazette.example/v/clip.mp4">https://gazette.example/v/clip.mp4</a></p>',
        '<p><a href="https://a.example/horn.mp3">https://a.example/horn.mp3</a></p>',
      ].join('\n'),
    );
  });
  it('does not take a URL inside a sentence for an embed', () => {
    expect(html('See https://x.example/a for more')).toBe('<p>See https://x.example/a for more</p>');
  });
  it('removes shortcodes it does not understand, keeping enclosed text, and names each', () => {
    const result = convert('[box style="big"]Kept [b]inner[/b] text[/box] and [signup /] and [counter id=3] end');
    expect(result.html).toBe('<p>Kept inner text and  and  end</p>');
    expect(result.warnings).toEqual([
      'shortcode [box] is not understood and was removed (its text was kept)',
      'shortcode [b] is not understood and was removed (its text was kept)',
      'shortcode [signup] is not understood and was removed',
      'shortcode [counter] is not understood and was removed',
    ]);
  });
  it('handles nested shortcodes inside a caption', () => {
    const result = convert('[caption]<img src="/a.jpg" alt="" /> Photo [credit]Ana Reed[/credit][/caption]');
    expect(result.html).toBe('<figure><img src="https://gazette.example/a.jpg" alt=""><figcaption>Photo Ana Reed</figcaption></figure>');
    expect(result.warnings).toEqual(['shortcode [credit] is not understood and was removed (its text was kept)']);
  });
  it('prints escaped [[shortcodes]] as text and leaves editorial brackets alone', () => {
    const result = convert('Type [[gallery]] to show photos. He said [sic] it was [1] fine [Updated at noon] on a [simple boat].');
    expect(result.html).toBe('<p>Type [gallery] to show photos. He said [sic] it was [1] fine [Updated at noon] on a [simple boat].</p>');
    expect(result.warnings).toEqual([]);
  });
  it('removes a stray closing tag', () => {
    expect(convert('text[/column] more').html).toBe('<p>text more</p>');
  });
});

describe('convertContent: Gutenberg blocks', () => {
  it('keeps the blocks’ HTML, drops the comments, and gives classic text between blocks its paragraphs', () => {
    const out = html('<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\nLoose\ntext\n\n<!-- wp:heading {"level":3} -->\n<h3>Head</h3>\n<!-- /wp:heading -->');
    expect(out).toBe('<p>One</p>\n<p>Loose<br>\ntext</p>\n<h3>Head</h3>');
  });
  it('turns image and gallery blocks into figures, with captions', () => {
    const out = html(
      '<!-- wp:image {"id":5} -->\n<figure class="wp-block-image"><img src="/q.jpg" alt="" class="wp-image-5"/><figcaption class="wp-element-caption">At <b>dawn</b></figcaption></figure>\n<!-- /wp:image -->\n' +
        '<!-- wp:gallery -->\n<figure class="wp-block-gallery"><ul class="blocks-gallery-grid"><li><figure><img src="/a.jpg" alt="A"/><figcaption>First</figcaption></figure></li><li><figure><img src="/b.jpg" alt="B"/></figure></li></ul><figcaption>The set</figcaption></figure>\n<!-- /wp:gallery -->',
    );
    expect(out).toBe(
      [
        '<figure><img src="https://gazette.example/q.jpg" alt="Boats at the quay"><figcaption>At dawn</figcaption></figure>',
        '<figure><img src="https://gazette.example/a.jpg" alt="A"><figcaption>First</figcaption></figure>',
        '<figure><img src="https://gazette.example/b.jpg" alt="B"></figure>',
        '<p>The set</p>',
      ].join('\n'),
    );
  });
  it('turns embed, video and audio blocks into links', () => {
    const out = html(
      '<!-- wp:embed {"url":"https://video.example/v/1","type":"video"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://video.example/v/1\n</div></figure>\n<!-- /wp:embed -->\n' +
        '<!-- wp:core-embed/twitter {"url":"https://social.example/s/2"} -->\n<figure><div>\nhttps://social.example/s/2\n</div></figure>\n<!-- /wp:core-embed/twitter -->\n' +
        '<!-- wp:video {"id":9} -->\n<figure class="wp-block-video"><video controls src="/clip.mp4"></video></figure>\n<!-- /wp:video -->\n' +
        '<!-- wp:audio -->\n<figure class="wp-block-audio"><audio controls><source src="https://a.example/x.mp3"></audio></figure>\n<!-- /wp:audio -->',
    );
    expect(out).toBe(
      [
        '<p><a href="https://video.example/v/1">https://video.example/v/1</a></p>',
        '<p><a href="https://social.example/s/2">https://social.example/s/2</a></p>',
        '<p><a href="https://gazette.example/clip.mp4">https://gazette.example/clip.mp4</a></p>',
        '<p><a href="https://a.example/x.mp3">https://a.example/x.mp3</a></p>',
      ].join('\n'),
    );
  });
  it('keeps quotes, lists and pull quotes; drops more and separators’ comments', () => {
    const out = html(
      '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>Said</p><cite>Someone</cite></blockquote>\n<!-- /wp:quote -->\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n' +
        '<!-- wp:pullquote -->\n<figure class="wp-block-pullquote"><blockquote><p>Pulled</p></blockquote></figure>\n<!-- /wp:pullquote -->\n<!-- wp:list -->\n<ul><li>a</li></ul>\n<!-- /wp:list -->',
    );
    expect(out).toBe('<blockquote class="wp-block-quote"><p>Said</p><cite>Someone</cite></blockquote>\n<blockquote><p>Pulled</p></blockquote>\n<ul><li>a</li></ul>');
  });
  it('names unknown and dynamic blocks, keeping an unknown block’s HTML', () => {
    const result = convert('<!-- wp:acme/chart {"a":"}"} -->\n<div><p>Kept</p></div>\n<!-- /wp:acme/chart -->\n<!-- wp:latest-posts {"n":3} /-->\n<!-- wp:block {"ref":44} /-->');
    expect(result.html).toBe('<div><p>Kept</p></div>');
    expect(result.warnings).toEqual([
      'block "acme/chart" is not known: its HTML was kept',
      'block "latest-posts" is built by WordPress on each page view and was left out',
      'reusable block 44 is kept elsewhere in WordPress and was left out',
    ]);
  });
  it('runs shortcodes inside a shortcode block', () => {
    expect(html('<!-- wp:shortcode -->\n[gallery ids="6"]\n<!-- /wp:shortcode -->')).toBe('<figure><img src="https://gazette.example/wp-content/uploads/lighthouse.jpg" alt="The lighthouse"></figure>');
  });
});
