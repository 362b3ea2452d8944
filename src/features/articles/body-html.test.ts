import { parseDocument, ElementType } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { EN_ARTICLES } from '../../demo/content/en.js';
import { RU_ARTICLES } from '../../demo/content/ru.js';
import type { DemoBlock } from '../../demo/demo-content.js';
import { AppError } from '../../lib/errors.js';
import { BODY_LIMITS, bodyToEditorHtml, clauseToken, parseBodyHtml } from './body-html.js';
import { renderBody, type BodyBlock, type BodyDocument, type BodyMedia } from './body.js';

const blocks = (html: string) => parseBodyHtml(html).blocks;
const doc = (...list: BodyBlock[]): BodyDocument => ({ version: 1, blocks: list });

const MEDIA = new Map<number, BodyMedia>([
  [12, { storageKey: '2026-03/4f1c2a9e-0b7d-4c55-9e21-6a0f3d2b8c11', width: 1600, height: 1067, renditionWidths: [480, 800, 1200, 1600] }],
]);

// ---------------------------------------------------------------------------------------------
// Fixtures: what the clipboard holds after copying from Word (Windows), Google Docs and a website.
// All names and places are invented.

const WORD = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15">
<style><!--
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:12.0pt; font-family:"Calibri",sans-serif;}
--></style><!--[if gte mso 9]><xml>
 <o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--></head>
<body lang=EN-GB link="#0563C1" vlink="#954F72" style='tab-interval:36.0pt;word-wrap:break-word'>
<!--StartFragment-->
<h1 style='mso-margin-top-alt:auto'><span lang=EN-GB style='mso-fareast-font-family:"Times New Roman"'>Ferry strike <i>ends</i> after&nbsp;talks<o:p></o:p></span></h1>
<p class=MsoNormal><span lang=EN-GB style='font-size:12.0pt;mso-bidi-font-size:11.0pt'>Ferry crews in <st1:place w:st="on"><st1:City w:st="on">Port Velmar</st1:City></st1:place>
returned to work on Tuesday, the union said. The dispute had lasted
<b style='mso-bidi-font-weight:normal'>eleven days</b> and cost operators, by
their own estimate, <i style='mso-bidi-font-style:normal'>more than a million manat</i>.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal style='mso-margin-top-alt:auto'><span style='mso-spacerun:yes'>&nbsp;&nbsp; </span>The agreement, published on the
<a href="https://ministry.example.vd/transport/notices/2026-ferry">ministry’s website</a>, sets out:<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-fareast-font-family:Calibri'><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>a 6&nbsp;per&nbsp;cent pay rise from April;<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-fareast-font-family:Calibri'><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>a second engineer on <b>night crossings</b>;<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-fareast-font-family:Calibri'><span style='mso-list:Ignore'>3.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>a review in a year.<o:p></o:p></p>
<p class=MsoNormal>Reactions:<o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Passengers: relief<o:p></o:p></p>
<p class=MsoNormal><span style='display:none;mso-hide:all'>Hidden revision note<o:p></o:p></span></p>
<!--EndFragment-->
</body>
</html>`;

const GOOGLE_DOCS = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5b0e9a41-7fff-2c1d-83e0-1f4ad2c6e7b9"><h2 dir="ltr" style="line-height:1.38;margin-top:18pt;margin-bottom:6pt;"><span style="font-size:16pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Harbour dredging delayed</span></h2><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Work on the channel was </span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:700;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">postponed</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;"> until spring, said </span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:italic;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Orsava Marine</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">.</span></p><br><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><a href="https://www.orsava-marine.example/news/dredging" style="text-decoration:none;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#1155cc;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:underline;-webkit-text-decoration-skip:none;text-decoration-skip-ink:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">The company’s statement</span></a><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;"> lists three reasons:</span></p><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">low water</span></p></li><li dir="ltr" style="list-style-type:disc;font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">nesting seals</span></p></li><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:circle;" aria-level="2"><p dir="ltr" role="presentation"><span style="font-weight:400;">on the north spit</span></p></li></ul><li dir="ltr" style="list-style-type:disc;" aria-level="1"><p dir="ltr" role="presentation"><span style="font-weight:400;">a broken dredger</span></p></li></ul><br></b>`;

const WEBSITE = `<div class="article__body" data-track="body">
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({event: 'read'});</script>
  <style>.ad { display: none }</style>
  <p class="lede" style="font-family: Georgia">Lake Miren <span class="highlight">rose</span> by 12&nbsp;cm in a week, hydrologists said.</p>
  <figure class="wp-block-image"><img src="https://cdn.news.example/lake.jpg" alt="The lake" srcset="https://cdn.news.example/lake-2x.jpg 2x"><figcaption>Photo: Agency</figcaption></figure>
  <aside class="newsletter"><form action="/subscribe"><input type="email" placeholder="Your email"><button>Sign up</button></form></aside>
  <iframe src="https://video.example/embed/123" width="560" height="315"></iframe>
  <blockquote class="twitter-tweet"><p lang="en">The water is higher than anyone here remembers.</p></blockquote>
  <div>Local farmers were told to move livestock.<br><br>The ministry will meet on <u>Friday</u>.<br></div>
  <p><a href="/related/123">Read more</a> | <a href="mailto:desk@news.example">Email the desk</a></p>
  <h3 class="subhead"><a href="#section-2" id="section-2">What <strong>happens</strong> next</a></h3>
  <ol><li>Sandbags</li><li>Evacuation <em>plans</em></li><li>   </li></ol>
  Bare closing remark
</div>`;

// ---------------------------------------------------------------------------------------------

/**
 * Fails unless `html` holds only the body's elements and attributes, with links to http(s) and
 * mailto only and image URLs under /media/ only: checked on the parsed tree, not by string search.
 */
function expectSafe(html: string, extra: Record<string, string[]> = {}) {
  const allowed: Record<string, string[]> = {
    p: [], h2: [], h3: [], ul: [], ol: [], li: [], br: [], em: [], strong: [], q: ['cite'], blockquote: ['cite'],
    a: ['href', 'title'], figure: ['class'], figcaption: [], span: ['class', 'lang'], picture: [],
    source: ['type', 'srcset', 'sizes'], img: ['src', 'srcset', 'sizes', 'width', 'height', 'alt', 'loading', 'decoding'],
    ...extra,
  };
  const visit = (nodes: ReturnType<typeof parseDocument>['children']) => {
    for (const node of nodes) {
      expect(node.type, `node ${node.type} in ${html}`).toSatisfy((t) => t === ElementType.Text || t === ElementType.Tag);
      if (node.type !== ElementType.Tag) continue;
      expect(Object.keys(allowed), html).toContain(node.name);
      for (const [name, value] of Object.entries(node.attribs)) {
        expect(allowed[node.name], `${node.name}[${name}] in ${html}`).toContain(name);
        if (name === 'href') expect(value).toMatch(/^(?:https?:\/\/|mailto:)/);
        if (name === 'src') expect(value).toMatch(/^\/media\//);
        if (name === 'srcset') for (const c of value.split(',')) expect(c.trim()).toMatch(/^\/media\//);
      }
      visit(node.children);
    }
  };
  visit(parseDocument(html).children);
}

describe('parseBodyHtml: pasted documents', () => {
  it('reads Word HTML: styles, <o:p>, conditional comments and hidden text gone, lists made of list paragraphs', () => {
    expect(blocks(WORD)).toEqual([
      { type: 'heading', text: 'Ferry strike ends after talks' },
      {
        type: 'paragraph',
        html: 'Ferry crews in Port Velmar returned to work on Tuesday, the union said. The dispute had lasted <strong>eleven days</strong> and cost operators, by their own estimate, <em>more than a million manat</em>.',
      },
      {
        type: 'paragraph',
        html: 'The agreement, published on the <a href="https://ministry.example.vd/transport/notices/2026-ferry">ministry’s website</a>, sets out:',
      },
      { type: 'list', ordered: true, items: ['a 6 per cent pay rise from April;', 'a second engineer on <strong>night crossings</strong>;', 'a review in a year.'] },
      { type: 'paragraph', html: 'Reactions:' },
      { type: 'list', ordered: false, items: ['Passengers: relief'] },
    ]);
  });

  it('reads Google Docs HTML: the normal-weight <b> wrapper is not bold, bold and italic spans are', () => {
    expect(blocks(GOOGLE_DOCS)).toEqual([
      { type: 'heading', text: 'Harbour dredging delayed' },
      { type: 'paragraph', html: 'Work on the channel was <strong>postponed</strong> until spring, said <em>Orsava Marine</em>.' },
      { type: 'paragraph', html: '<a href="https://www.orsava-marine.example/news/dredging">The company’s statement</a> lists three reasons:' },
      { type: 'list', ordered: false, items: ['low water', 'nesting seals', 'on the north spit', 'a broken dredger'] },
    ]);
  });

  it('reads a web page: scripts, styles, forms, embeds and foreign images gone, relative links unwrapped', () => {
    expect(blocks(WEBSITE)).toEqual([
      { type: 'paragraph', html: 'Lake Miren rose by 12 cm in a week, hydrologists said.' },
      { type: 'quote', text: 'The water is higher than anyone here remembers.' },
      { type: 'paragraph', html: 'Local farmers were told to move livestock.' },
      { type: 'paragraph', html: 'The ministry will meet on Friday.' },
      { type: 'paragraph', html: 'Read more | <a href="mailto:desk@news.example">Email the desk</a>' },
      { type: 'heading', text: 'What happens next' },
      { type: 'list', ordered: true, items: ['Sandbags', 'Evacuation <em>plans</em>'] },
      { type: 'paragraph', html: 'Bare closing remark' },
    ]);
  });

  it('renders every fixture to HTML with nothing but the allowed subset', () => {
    for (const fixture of [WORD, GOOGLE_DOCS, WEBSITE]) expectSafe(renderBody(parseBodyHtml(fixture)));
  });
});

describe('parseBodyHtml: structure', () => {
  it('turns bare text into a paragraph and drops empty paragraphs', () => {
    expect(blocks('Just a line')).toEqual([{ type: 'paragraph', html: 'Just a line' }]);
    expect(blocks('<p></p><p> </p><p>&nbsp;</p><p><br></p><div><span>  </span></div><p><em> </em></p>')).toEqual([]);
    expect(blocks('')).toEqual([]);
  });

  it('splits a div at <br><br> and keeps single line breaks', () => {
    expect(blocks('<div>First line<br>second line<br><br><br>Next paragraph<br></div>')).toEqual([
      { type: 'paragraph', html: 'First line<br>second line' },
      { type: 'paragraph', html: 'Next paragraph' },
    ]);
  });

  it('normalises whitespace, no-break spaces included, across element boundaries', () => {
    expect(blocks('<p>\n  Nadia   <em> Orlov </em>&nbsp;&nbsp;said \t so.  </p>')).toEqual([{ type: 'paragraph', html: 'Nadia <em>Orlov</em> said so.' }]);
    expect(blocks('<p><strong>One</strong> <strong>two</strong><strong>three</strong></p>')).toEqual([{ type: 'paragraph', html: '<strong>One twothree</strong>' }]);
  });

  it('keeps only a, em, strong, q and br inline, mapping b and i', () => {
    expect(
      blocks('<p><b>B</b> <i>I</i> <q>Q</q> <u>U</u> <sup>2</sup> <code>C</code> <mark>M</mark> <font color=red>F</font> <span class="x" lang="en">S</span><b><b>BB</b></b></p>'),
    ).toEqual([{ type: 'paragraph', html: '<strong>B</strong> <em>I</em> <q>Q</q> U 2 C M F S<strong>BB</strong>' }]);
  });

  it('keeps http, https and mailto links and unwraps others', () => {
    expect(
      blocks(
        '<p><a href="http://a.example/x">a</a> <a href="https://b.example">b</a> <a href="mailto:desk@c.example">c</a> <a href="/relative">d</a> <a href="#top">e</a> <a href="ftp://f.example/">f</a> <a>g</a> <a href="https://h.example/"></a></p>',
      ),
    ).toEqual([
      {
        type: 'paragraph',
        html: '<a href="http://a.example/x">a</a> <a href="https://b.example/">b</a> <a href="mailto:desk@c.example">c</a> d e f g',
      },
    ]);
  });

  it('turns h1–h6 into headings of plain text', () => {
    expect(blocks('<h1>One</h1><h4>Four <em>and</em> <a href="https://x.example/">more</a></h4><h6> </h6>')).toEqual([
      { type: 'heading', text: 'One' },
      { type: 'heading', text: 'Four and more' },
    ]);
  });

  it('flattens nested lists and keeps item formatting', () => {
    expect(blocks('<ol><li>Top <strong>one</strong><ol><li>Inner <em>a</em></li><li>Inner b<ul><li>Deep</li></ul></li></ol></li><li>Top two</li></ol>')).toEqual([
      { type: 'list', ordered: true, items: ['Top <strong>one</strong>', 'Inner <em>a</em>', 'Inner b', 'Deep', 'Top two'] },
    ]);
  });

  it('drops script, style, iframe, object and template content entirely', () => {
    expect(
      blocks(
        '<p>Keep<script>document.write("no")</script><style>p{}</style><iframe>frame text</iframe><object>obj</object><template><p>tpl</p></template></p>',
      ),
    ).toEqual([{ type: 'paragraph', html: 'Keep' }]);
  });
});

describe('parseBodyHtml: quotations', () => {
  it('reads the editor’s figure.quote with speaker and role', () => {
    expect(blocks('<figure class="quote"><blockquote><p>We will not wait for the spring.</p></blockquote><figcaption>— Anna Petrova, harbour master</figcaption></figure>')).toEqual([
      { type: 'quote', text: 'We will not wait for the spring.', speaker: 'Anna Petrova', role: 'harbour master' },
    ]);
  });

  it('accepts a speaker alone, an en dash or hyphen, and a role with commas of its own', () => {
    expect(
      blocks(
        '<figure class="quote"><blockquote>Enough.</blockquote><figcaption>—Ilya Marsh</figcaption></figure>' +
          '<figure class="quote"><blockquote><p>Not yet.</p></blockquote><figcaption>– Rosa Kell, mayor of Aldmoor, since 2024</figcaption></figure>' +
          '<figure class="quote"><blockquote><p>Maybe.</p></blockquote><figcaption>- Tomas Veer</figcaption></figure>' +
          '<figure class="quote"><blockquote><p>Soon.</p></blockquote><figcaption> </figcaption></figure>',
      ),
    ).toEqual([
      { type: 'quote', text: 'Enough.', speaker: 'Ilya Marsh' },
      { type: 'quote', text: 'Not yet.', speaker: 'Rosa Kell', role: 'mayor of Aldmoor, since 2024' },
      { type: 'quote', text: 'Maybe.', speaker: 'Tomas Veer' },
      { type: 'quote', text: 'Soon.' },
    ]);
  });

  it('reads the spans of the rendered site HTML, so a quotation copied from an article comes back whole', () => {
    const original: BodyBlock = { type: 'quote', text: 'The sea does not stop at our borders.', speaker: 'Lena Dorn, Jr.', role: 'oceanographer' };
    expect(blocks(renderBody(doc(original)))).toEqual([original]);
  });

  it('makes a bare blockquote a quotation without speaker, its paragraphs joined', () => {
    expect(blocks('<blockquote><p>First part.</p><p>Second <em>part</em>.</p></blockquote><blockquote> </blockquote>')).toEqual([
      { type: 'quote', text: 'First part. Second part.' },
    ]);
  });
});

describe('parseBodyHtml: images', () => {
  it('reads figure[data-media-id] with alt, caption and credit', () => {
    expect(
      blocks(
        '<figure class="image" data-media-id="12" contenteditable="false"><img src="/media/2026-03/x/480.jpg" alt="Fishing boats  at dawn"><figcaption contenteditable="true">Boats leave  Port Velmar <span class="credit">Photo: Lev Orr</span></figcaption></figure>',
      ),
    ).toEqual([{ type: 'image', mediaId: 12, alt: 'Fishing boats at dawn', caption: 'Boats leave Port Velmar', credit: 'Photo: Lev Orr' }]);
  });

  it('takes the id from an element inside the figure, and defaults a missing caption to empty', () => {
    expect(blocks('<figure><img data-media-id="7" alt="Dunes"></figure>')).toEqual([{ type: 'image', mediaId: 7, alt: 'Dunes', caption: '', credit: '' }]);
  });

  it('ignores figures whose media id is not a positive whole number, and foreign images', () => {
    for (const id of ['', 'abc', '0', '-3', '1e3', '2.5', '12 onerror=alert(1)', '99999999999999999999']) {
      expect(blocks(`<figure class="image" data-media-id="${id}"><img src="https://x.example/a.jpg" alt="a"><figcaption>c</figcaption></figure>`)).toEqual([]);
    }
    expect(blocks('<p>Text <img src="https://x.example/a.jpg" alt="alt text"> more</p>')).toEqual([{ type: 'paragraph', html: 'Text more' }]);
  });
});

describe('parseBodyHtml: hostile input', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<p>a<script src="https://evil.example/x.js"></script></p>',
    '<img src=x onerror=alert(1)>',
    '<p><img src="x" onerror="alert(1)">caption</p>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">spaced</a>',
    '<a href="&#x20;javascript:alert(1)">entity space</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="jav&#x0A;ascript:alert(1)">newline</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">entities</a>',
    '<a href="JaVaScRiPt:alert(1)">case</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="//evil.example/">protocol-relative</a>',
    '<a href="https://ok.example/" onclick="alert(1)" style="color:red" target="_blank">ok</a>',
    '<svg onload=alert(1)><circle r="10"/></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>svg link</text></a></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<p style="background:url(javascript:alert(1))" onmouseover="alert(1)">styled</p>',
    '<details open ontoggle=alert(1)><summary>s</summary>d</details>',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="javascript:/">',
    '<!--<img src=x onerror=alert(1)>--><![CDATA[<img src=x onerror=alert(1)>]]>',
    '<figure class="image" data-media-id="3"><img src="javascript:alert(1)" alt=\'" onerror="alert(1)\'><figcaption><img src=x onerror=alert(1)>c <span class="credit" onclick="x">d</span></figcaption></figure>',
    '<figure class="quote"><blockquote><script>alert(1)</script>q</blockquote><figcaption>— <img src=x onerror=alert(1)>Speaker, <b onclick=x>role</b></figcaption></figure>',
    '<h2 onclick="alert(1)">Head<script>alert(1)</script></h2>',
    '<ul><li onclick="x"><a href="javascript:alert(1)">item</a></li></ul>',
    '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
  ];

  const expectHarmless = (attack: string) => {
    const parsed = parseBodyHtml(attack);
    expectSafe(renderBody(parsed, MEDIA));
    expectSafe(bodyToEditorHtml(parsed, MEDIA), { figure: ['class', 'data-media-id'] });
    // The document's own markup (paragraphs, list items) holds nothing of the attack either;
    // plain-text fields may, as text, and are escaped wherever they are written.
    const markup = parsed.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.html] : b.type === 'list' ? b.items : []));
    for (const html of markup) expect(html).not.toMatch(/javascript:|vbscript:|data:text|onerror|onload|onclick|<script|<img|<svg/i);
  };

  it.each(attacks)('leaves nothing dangerous after parse and render: %s', expectHarmless);

  it('leaves nothing dangerous in content nested thousands deep', () => {
    expectHarmless('<div>' + '<span>'.repeat(3000) + '<img src=x onerror=alert(1)><script>alert(1)</script>deep' + '</span>'.repeat(3000) + '</div>');
  });

  it('keeps escaped markup as text', () => {
    expect(blocks('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>')).toEqual([{ type: 'paragraph', html: '&lt;script&gt;alert(1)&lt;/script&gt; &amp; more' }]);
  });

  it('reads content nested deeper than it recurses as plain text', () => {
    const deep = '<p>' + '<span><b>'.repeat(5000) + 'at the bottom' + '</b></span>'.repeat(5000) + '</p>';
    expect(blocks(deep)).toEqual([{ type: 'paragraph', html: '<strong>at the bottom</strong>' }]);
  });
});

describe('parseBodyHtml: limits', () => {
  it(`accepts ${BODY_LIMITS.maxBlocks} blocks and refuses one more`, () => {
    expect(blocks('<p>x</p>'.repeat(BODY_LIMITS.maxBlocks))).toHaveLength(BODY_LIMITS.maxBlocks);
    const error = (() => {
      try {
        parseBodyHtml('<p>x</p>'.repeat(BODY_LIMITS.maxBlocks + 1));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, code: 'body_too_long', message: expect.stringMatching(/2,000 blocks/) });
  });

  it(`refuses more than ${BODY_LIMITS.maxChars.toLocaleString('en')} characters before parsing`, () => {
    const atLimit = `<p>${'a'.repeat(BODY_LIMITS.maxChars - 7)}</p>`;
    expect(atLimit).toHaveLength(BODY_LIMITS.maxChars);
    expect(blocks(atLimit)).toHaveLength(1);
    expect(() => parseBodyHtml(atLimit + ' ')).toThrowError(expect.objectContaining({ status: 400, code: 'body_too_long', message: expect.stringMatching(/1,000,001 characters/) }));
  });
});

describe('bodyToEditorHtml', () => {
  const image: BodyBlock = { type: 'image', mediaId: 12, alt: 'Boats at "dawn"', caption: 'Boats leave Port Velmar & Aldmoor', credit: 'Photo: Lev Orr' };

  it('writes the editor’s markup for every kind of block', () => {
    expect(
      bodyToEditorHtml(
        doc(
          { type: 'heading', text: 'Tides & currents' },
          { type: 'paragraph', html: 'She said <q>not yet</q>.' },
          { type: 'list', ordered: false, items: ['one', '<em>two</em>'] },
          { type: 'quote', text: 'We wait.', speaker: 'Anna Petrova', role: 'harbour master' },
          image,
        ),
        MEDIA,
      ),
    ).toBe(
      [
        '<h2>Tides &amp; currents</h2>',
        '<p>She said <q>not yet</q>.</p>',
        '<ul><li>one</li><li><em>two</em></li></ul>',
        '<figure class="quote"><blockquote><p>We wait.</p></blockquote><figcaption>— Anna Petrova, harbour master</figcaption></figure>',
        '<figure class="image" data-media-id="12"><img src="/media/2026-03/4f1c2a9e-0b7d-4c55-9e21-6a0f3d2b8c11/800.jpg" alt="Boats at &quot;dawn&quot;"><figcaption>Boats leave Port Velmar &amp; Aldmoor <span class="credit">Photo: Lev Orr</span></figcaption></figure>',
      ].join('\n'),
    );
  });

  it('leaves the src out without media, keeping the block in place', () => {
    expect(bodyToEditorHtml(doc(image))).toBe(
      '<figure class="image" data-media-id="12"><img alt="Boats at &quot;dawn&quot;"><figcaption>Boats leave Port Velmar &amp; Aldmoor <span class="credit">Photo: Lev Orr</span></figcaption></figure>',
    );
  });

  it('cleans stored inline HTML before the editor sees it', () => {
    const stored = doc(
      { type: 'paragraph', html: 'Hi <img src=x onerror=alert(1)><a href="javascript:alert(1)">there</a> <b onclick="x">you</b>' },
      { type: 'list', ordered: true, items: ['<script>alert(1)</script>', 'ok'] },
    );
    expect(bodyToEditorHtml(stored)).toBe('<p>Hi there <strong>you</strong></p>\n<ol><li>ok</li></ol>');
  });
});

describe('round trip: parseBodyHtml(bodyToEditorHtml(doc)) is doc', () => {
  const documents: [string, BodyDocument][] = [
    ['empty', doc()],
    [
      'every block type',
      doc(
        { type: 'paragraph', html: 'Ferries <strong>resumed</strong> on <em>Tuesday</em>, <a href="https://ferries.example.vd/timetable?route=4&amp;day=2">timetable</a>.' },
        { type: 'heading', text: 'What the union <wanted> & got' },
        { type: 'list', ordered: true, items: ['pay', 'a <q>second</q> engineer', '<a href="mailto:union@crews.example">write to us</a>'] },
        { type: 'list', ordered: false, items: ['one'] },
        { type: 'quote', text: 'We were heard, at last.', speaker: 'Mirza Talen', role: 'union secretary, Port Velmar branch' },
        { type: 'quote', text: 'No comment.' },
        { type: 'quote', text: 'Later.', speaker: 'Oskar Bell' },
        { type: 'image', mediaId: 12, alt: 'A ferry docking', caption: 'The Aldmoor ferry', credit: 'Photo: Dina Sarr' },
        { type: 'image', mediaId: 40, alt: '', caption: '', credit: '' },
        { type: 'image', mediaId: 41, alt: 'Map', caption: '', credit: 'Graphic: Desk' },
        { type: 'paragraph', html: 'Line one<br>line two, <strong>bold <em>and italic</em></strong> <q>“quoted”</q>' },
      ),
    ],
    [
      'tricky text',
      doc(
        { type: 'paragraph', html: 'Fish &amp; chips &lt;b&gt; are not bold; 5 &gt; 3; it\'s "fine"' },
        { type: 'quote', text: 'A "quoted" <tag> & ampersand', speaker: 'Ruth Amar, Jr.', role: 'chair, board' },
        { type: 'heading', text: 'Кириллица и ёлки' },
        { type: 'image', mediaId: 9, alt: 'Alt with "quotes" & <angles>', caption: '— dash first, then, commas', credit: '© Agency <X>' },
      ),
    ],
    ['the Word fixture', parseBodyHtml(WORD)],
    ['the Google Docs fixture', parseBodyHtml(GOOGLE_DOCS)],
    ['the web page fixture', parseBodyHtml(WEBSITE)],
  ];

  it.each(documents)('%s', (_name, original) => {
    expect(parseBodyHtml(bodyToEditorHtml(original))).toStrictEqual(original);
    expect(parseBodyHtml(bodyToEditorHtml(original, MEDIA))).toStrictEqual(original);
  });

  it('holds for every demo article', () => {
    const toBlock = (block: DemoBlock): BodyBlock =>
      'before' in block
        ? { type: 'paragraph', html: block.before, attribution: { after: block.after } }
        : 'p' in block
        ? { type: 'paragraph', html: block.p }
        : 'h2' in block
          ? { type: 'heading', text: block.h2 }
          : { type: 'quote', text: block.quote, speaker: block.speaker, ...(block.role ? { role: block.role } : {}) };
    const articles = [...EN_ARTICLES, ...RU_ARTICLES];
    expect(articles.length).toBeGreaterThan(10);
    for (const article of articles) {
      const original = doc(...article.body.map(toBlock));
      // The clause goes through the editor with a form's token.
      const token = clauseToken();
      expect(parseBodyHtml(bodyToEditorHtml(original, undefined, token), { clauseToken: token }), article.slug).toStrictEqual(original);
    }
  });
});
