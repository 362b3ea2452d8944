import fs from 'node:fs';
import path from 'node:path';

/**
 * WordPress exports (WXR) of invented sites, for the WordPress reader's tests and the import's
 * end-to-end test: `wxrDocument(spec)` writes any site; `sampleSite()` is the awkward one (every
 * status, nested and non-Latin categories, featured images, galleries, captions, embeds, unknown
 * shortcodes, Gutenberg blocks, Polylang and WPML translations, a missing author, comments);
 * `truncatedWxr`, `WXR_BOMB`, `RSS_FEED` and `NOT_XML` are the bad files. All people, places and
 * text are made up.
 */

export interface WxrAuthorSpec {
  login: string;
  name: string;
  first?: string;
  last?: string;
}

export interface WxrCategorySpec {
  nicename: string;
  name: string;
  parent?: string;
  description?: string;
}

export interface WxrTagSpec {
  slug: string;
  name: string;
  description?: string;
}

export interface WxrItemSpec {
  id: number;
  title: string;
  content?: string;
  excerpt?: string;
  /** `wp:post_name`; the permalink is made from it and the date unless `link` is given. */
  slug?: string;
  status?: string;
  type?: string;
  /** Site-local `YYYY-MM-DD HH:MM:SS`. */
  date?: string;
  /** `0000-00-00 00:00:00` as WordPress writes for drafts; by default `date` minus the site's offset. */
  dateGmt?: string;
  modifiedGmt?: string;
  author?: string;
  categories?: string[];
  tags?: string[];
  /** Other taxonomies (Polylang's `language` and `post_translations`, `post_format`...). */
  terms?: Array<{ domain: string; nicename: string; name?: string }>;
  meta?: Record<string, string>;
  attachmentUrl?: string;
  parent?: number;
  menuOrder?: number;
  link?: string;
  guid?: string;
  password?: string;
  comments?: number;
}

export interface WxrSpec {
  siteUrl: string;
  title?: string;
  version?: '1.0' | '1.1' | '1.2';
  /** The site's clock, hours east of UTC (WordPress's gmt_offset). */
  offsetHours?: number;
  authors?: WxrAuthorSpec[];
  categories?: WxrCategorySpec[];
  tags?: WxrTagSpec[];
  /** Channel-level terms of other taxonomies (written as WordPress does; the reader needs none). */
  terms?: Array<{ taxonomy: string; slug: string; name: string; description?: string }>;
  items?: WxrItemSpec[];
}

const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `YYYY-MM-DD HH:MM:SS` moved by `hours`. */
export function shiftDate(date: string, hours: number): string {
  const ms = Date.parse(`${date.replace(' ', 'T')}Z`) + hours * 3_600_000;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function wxrHeader(spec: WxrSpec): string {
  const version = spec.version ?? '1.2';
  const ns = `http://wordpress.org/export/${version}/`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<!-- generator="WordPress/6.4" created="2026-01-01 00:00" -->',
    `<rss version="2.0" xmlns:excerpt="${ns}excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="${ns}">`,
    '<channel>',
    `\t<title>${esc(spec.title ?? 'An invented site')}</title>`,
    `\t<link>${esc(spec.siteUrl)}</link>`,
    '\t<description>Invented for tests</description>',
    '\t<language>en-GB</language>',
    `\t<wp:wxr_version>${version}</wp:wxr_version>`,
    `\t<wp:base_site_url>${esc(spec.siteUrl)}</wp:base_site_url>`,
    `\t<wp:base_blog_url>${esc(spec.siteUrl)}</wp:base_blog_url>`,
  ];
  for (const [i, author] of (spec.authors ?? []).entries()) {
    lines.push(
      `\t<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(author.login)}</wp:author_login><wp:author_email>${cdata(`${author.login}@example.com`)}</wp:author_email>` +
        `<wp:author_display_name>${cdata(author.name)}</wp:author_display_name><wp:author_first_name>${cdata(author.first ?? '')}</wp:author_first_name><wp:author_last_name>${cdata(author.last ?? '')}</wp:author_last_name></wp:author>`,
    );
  }
  for (const [i, category] of (spec.categories ?? []).entries()) {
    lines.push(
      `\t<wp:category><wp:term_id>${i + 100}</wp:term_id><wp:category_nicename>${cdata(category.nicename)}</wp:category_nicename><wp:category_parent>${cdata(category.parent ?? '')}</wp:category_parent>` +
        `<wp:cat_name>${cdata(category.name)}</wp:cat_name>${category.description ? `<wp:category_description>${cdata(category.description)}</wp:category_description>` : ''}</wp:category>`,
    );
  }
  for (const [i, tag] of (spec.tags ?? []).entries()) {
    lines.push(
      `\t<wp:tag><wp:term_id>${i + 200}</wp:term_id><wp:tag_slug>${cdata(tag.slug)}</wp:tag_slug><wp:tag_name>${cdata(tag.name)}</wp:tag_name>${tag.description ? `<wp:tag_description>${cdata(tag.description)}</wp:tag_description>` : ''}</wp:tag>`,
    );
  }
  for (const [i, term] of (spec.terms ?? []).entries()) {
    lines.push(
      `\t<wp:term><wp:term_id>${i + 300}</wp:term_id><wp:term_taxonomy>${cdata(term.taxonomy)}</wp:term_taxonomy><wp:term_slug>${cdata(term.slug)}</wp:term_slug><wp:term_parent>${cdata('')}</wp:term_parent>` +
        `<wp:term_name>${cdata(term.name)}</wp:term_name>${term.description ? `<wp:term_description>${cdata(term.description)}</wp:term_description>` : ''}</wp:term>`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export const wxrFooter = '</channel>\n</rss>\n';

export function wxrItem(item: WxrItemSpec, spec: Pick<WxrSpec, 'siteUrl' | 'offsetHours'>): string {
  const type = item.type ?? 'post';
  const status = item.status ?? (type === 'attachment' ? 'inherit' : 'publish');
  const date = item.date ?? '2025-03-14 09:30:00';
  const gmt = item.dateGmt ?? shiftDate(date, -(spec.offsetHours ?? 0));
  const slug = item.slug ?? '';
  const day = date.slice(0, 10).replace(/-/g, '/');
  const link = item.link ?? (slug && status === 'publish' ? `${spec.siteUrl}/${day}/${slug}/` : `${spec.siteUrl}/?p=${item.id}`);
  const lines = [
    '\t<item>',
    `\t\t<title>${cdata(item.title)}</title>`,
    `\t\t<link>${esc(link)}</link>`,
    `\t\t<pubDate>Fri, 14 Mar 2025 09:30:00 +0000</pubDate>`,
    `\t\t<dc:creator>${cdata(item.author ?? '')}</dc:creator>`,
    `\t\t<guid isPermaLink="false">${esc(item.guid ?? (item.attachmentUrl || `${spec.siteUrl}/?p=${item.id}`))}</guid>`,
    '\t\t<description></description>',
    `\t\t<content:encoded>${cdata(item.content ?? '')}</content:encoded>`,
    `\t\t<excerpt:encoded>${cdata(item.excerpt ?? '')}</excerpt:encoded>`,
    `\t\t<wp:post_id>${item.id}</wp:post_id>`,
    `\t\t<wp:post_date>${cdata(date)}</wp:post_date>`,
    `\t\t<wp:post_date_gmt>${cdata(gmt)}</wp:post_date_gmt>`,
    ...(item.modifiedGmt ? [`\t\t<wp:post_modified>${cdata(shiftDate(item.modifiedGmt, spec.offsetHours ?? 0))}</wp:post_modified>`, `\t\t<wp:post_modified_gmt>${cdata(item.modifiedGmt)}</wp:post_modified_gmt>`] : []),
    '\t\t<wp:comment_status>open</wp:comment_status>',
    '\t\t<wp:ping_status>open</wp:ping_status>',
    `\t\t<wp:post_name>${cdata(slug)}</wp:post_name>`,
    `\t\t<wp:status>${cdata(status)}</wp:status>`,
    `\t\t<wp:post_parent>${item.parent ?? 0}</wp:post_parent>`,
    `\t\t<wp:menu_order>${item.menuOrder ?? 0}</wp:menu_order>`,
    `\t\t<wp:post_type>${cdata(type)}</wp:post_type>`,
    `\t\t<wp:post_password>${cdata(item.password ?? '')}</wp:post_password>`,
    '\t\t<wp:is_sticky>0</wp:is_sticky>',
  ];
  if (item.attachmentUrl) lines.push(`\t\t<wp:attachment_url>${cdata(item.attachmentUrl)}</wp:attachment_url>`);
  const names = new Map<string, string>();
  for (const nicename of item.categories ?? []) lines.push(`\t\t<category domain="category" nicename="${esc(nicename)}">${cdata(names.get(nicename) ?? nicename)}</category>`);
  for (const slugOfTag of item.tags ?? []) lines.push(`\t\t<category domain="post_tag" nicename="${esc(slugOfTag)}">${cdata(slugOfTag)}</category>`);
  for (const term of item.terms ?? []) lines.push(`\t\t<category domain="${esc(term.domain)}" nicename="${esc(term.nicename)}">${cdata(term.name ?? term.nicename)}</category>`);
  for (const [key, value] of Object.entries(item.meta ?? {})) {
    lines.push(`\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata(key)}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>`);
  }
  for (let i = 0; i < (item.comments ?? 0); i++) {
    lines.push(
      `\t\t<wp:comment><wp:comment_id>${item.id * 100 + i}</wp:comment_id><wp:comment_author>${cdata('A reader')}</wp:comment_author><wp:comment_date>${cdata(date)}</wp:comment_date>` +
        `<wp:comment_content>${cdata(`Invented comment ${i + 1}.`)}</wp:comment_content><wp:comment_approved>${cdata('1')}</wp:comment_approved></wp:comment>`,
    );
  }
  lines.push('\t</item>');
  return `${lines.join('\n')}\n`;
}

export function wxrDocument(spec: WxrSpec): string {
  return wxrHeader(spec) + (spec.items ?? []).map((item) => wxrItem(item, spec)).join('') + wxrFooter;
}

/** Writes `content` (a spec or text) to `dir/name` and returns the path. */
export function writeWxr(dir: string, name: string, content: WxrSpec | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : wxrDocument(content));
  return file;
}

/** The document cut inside the item whose title is `title` (its item and everything after lost). */
export function truncatedWxr(document: string, title: string): string {
  const at = document.indexOf(cdata(title));
  if (at === -1) throw new Error(`no item titled ${title}`);
  return document.slice(0, at + 20);
}

/** The "billion laughs": entities declared in the document type, each ten of the one before. */
export const WXR_BOMB = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE rss [',
  '  <!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ']>',
  '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>&lol9;</title></item></channel></rss>',
].join('\n');

/** An external entity that would read a local file. */
export const WXR_XXE =
  '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>&x;</title></item></channel></rss>';

/** A news feed: RSS, but not an export. */
export const RSS_FEED =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><link>https://feed.example</link><item><title>One</title></item></channel></rss>';

export const NOT_XML = '{"posts": [{"title": "A Ghost export, not WordPress"}]}';

export interface SampleOptions {
  siteUrl?: string;
  /** Where the images are served (a loopback server in the end-to-end test). */
  imageBase?: string;
}

/**
 * The awkward invented site, "The Saltmarsh Gazette". Post ids: 10 classic text with shortcodes,
 * 11 Gutenberg blocks, 12 draft (zero GMT date), 13 pending, 14 future, 15 private, 16 trash,
 * 17/18 Polylang en/fr, 19 page, 20 menu item, 21/22 WPML de/en, 23 missing author and an
 * undeclared category, 24 comments, 25 the same slug as 10, 26 a non-Latin slug, 27 auto-draft;
 * attachments 101–103 (103's file is missing on the image server).
 */
export function sampleSite(options: SampleOptions = {}): WxrSpec {
  const siteUrl = options.siteUrl ?? 'https://gazette.example';
  const images = options.imageBase ?? `${siteUrl}/wp-content/uploads/2025/03`;
  const pll = (lang: string, group: string) => [
    { domain: 'language', nicename: lang, name: lang === 'en' ? 'English' : 'Français' },
    { domain: 'post_translations', nicename: group },
  ];
  return {
    siteUrl,
    title: 'The Saltmarsh Gazette',
    offsetHours: 2,
    authors: [
      { login: 'mara', name: 'Mara Quillfeather', first: 'Mara', last: 'Quillfeather' },
      { login: 'tobin.ash', name: 'Tobin Ashgrove' },
    ],
    categories: [
      { nicename: 'news', name: 'News', description: 'What happened along the estuary' },
      { nicename: 'harbour', name: 'Harbour &amp; Ferries', parent: 'news' },
      { nicename: 'opinion', name: 'Opinion' },
      { nicename: '%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8', name: 'Новости' },
    ],
    tags: [
      { slug: 'ferries', name: 'Ferries' },
      { slug: 'tides', name: 'Tides', description: 'High water, low water' },
    ],
    terms: [
      { taxonomy: 'language', slug: 'en', name: 'English', description: 'a:3:{s:6:"locale";s:5:"en_GB";s:3:"rtl";i:0;s:9:"flag_code";s:2:"gb";}' },
      { taxonomy: 'post_translations', slug: 'pll_ferry', name: 'pll_ferry', description: 'a:2:{s:2:"en";i:17;s:2:"fr";i:18;}' },
    ],
    items: [
      { id: 101, title: 'Quay at dawn', type: 'attachment', attachmentUrl: `${images}/quay.jpg`, parent: 10, menuOrder: 2, excerpt: 'Boats at the quay before the tide', meta: { _wp_attachment_image_alt: 'Fishing boats moored at the quay' } },
      { id: 102, title: 'Lighthouse', type: 'attachment', attachmentUrl: `${images}/lighthouse.jpg`, parent: 10, menuOrder: 1, meta: { _wp_attachment_image_alt: 'The white lighthouse' } },
      { id: 103, title: 'Lost photo', type: 'attachment', attachmentUrl: `${images}/missing.jpg`, parent: 11, meta: { _wp_attachment_image_alt: 'A photo that is gone' } },
      {
        id: 10,
        title: 'Ferry timetable changes for the spring',
        slug: 'ferry-timetable-spring',
        author: 'mara',
        date: '2025-03-14 11:30:00',
        categories: ['harbour', 'news'],
        tags: ['ferries', 'tides'],
        excerpt: 'The <em>Saltmarsh</em> ferry sails earlier from Monday.',
        meta: { _thumbnail_id: '102', _yoast_wpseo_title: 'Spring ferry timetable', _yoast_wpseo_metadesc: '%%excerpt%%' },
        content: [
          'The first crossing now leaves at six.',
          'Passengers should arrive early.',
          '',
          '[caption id="attachment_101" align="alignnone" width="640"]<a href="/quay/"><img class="size-large wp-image-101" src="' + images + '/quay.jpg" alt="" width="640" height="480" /></a> Boats at the quay, <em>early</em>[/caption]',
          '',
          '[gallery ids="102,101,999"]',
          '',
          'Watch the crossing:',
          'https://video.example/watch/ferry-crossing',
          '',
          '[embed]https://maps.example/estuary[/embed]',
          '',
          '[video mp4="/wp-content/uploads/2025/03/crossing.mp4"][/video] [audio src="' + images + '/foghorn.mp3"]',
          '',
          '[pullquote_box style="big"]We were on time all winter,[/pullquote_box] said the skipper. [newsletter_signup /]',
          '',
          'Escaped text stays text: &lt;script&gt;alert(1)&lt;/script&gt; and [[gallery]] and a bracket [sic].',
          '',
          '<script>alert("from the old site")</script>',
        ].join('\n'),
      },
      {
        id: 11,
        title: 'Storm closes the causeway',
        slug: 'storm-causeway',
        author: 'tobin.ash',
        date: '2025-02-02 07:05:00',
        modifiedGmt: '2025-02-03 10:00:00',
        categories: ['news'],
        meta: { _thumbnail_id: '103' },
        content: [
          '<!-- wp:paragraph -->\n<p>The causeway was closed at <strong>dawn</strong>.</p>\n<!-- /wp:paragraph -->',
          '<!-- wp:heading -->\n<h2 class="wp-block-heading">What the council said</h2>\n<!-- /wp:heading -->',
          '<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>Use the ferry</li>\n<!-- /wp:list-item --><!-- wp:list-item -->\n<li>Check the tides</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->',
          '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>Stay off the sands.</p><cite>Harbour master</cite></blockquote>\n<!-- /wp:quote -->',
          '<!-- wp:image {"id":101,"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="' + images + '/quay.jpg" alt="" class="wp-image-101"/><figcaption class="wp-element-caption">Waves over the road</figcaption></figure>\n<!-- /wp:image -->',
          '<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery has-nested-images"><!-- wp:image {"id":102} -->\n<figure class="wp-block-image"><img src="' + images + '/lighthouse.jpg" alt="Lighthouse in spray" class="wp-image-102"/></figure>\n<!-- /wp:image --><!-- wp:image {"id":103} -->\n<figure class="wp-block-image"><img src="' + images + '/missing.jpg" alt="Flooded lane" class="wp-image-103"/></figure>\n<!-- /wp:image --></figure>\n<!-- /wp:gallery -->',
          '<!-- wp:embed {"url":"https://video.example/watch/storm","type":"video","providerNameSlug":"video-example"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://video.example/watch/storm\n</div></figure>\n<!-- /wp:embed -->',
          '<!-- wp:separator -->\n<hr class="wp-block-separator"/>\n<!-- /wp:separator -->',
          '<!-- wp:acme/tide-chart {"station":"Saltmarsh"} -->\n<div class="wp-block-acme-tide-chart"><p>High water 14:02</p></div>\n<!-- /wp:acme/tide-chart -->',
          '<!-- wp:latest-posts {"postsToShow":3} /-->',
          '<!-- wp:shortcode -->\n[gallery ids="101"]\n<!-- /wp:shortcode -->',
        ].join('\n\n'),
      },
      { id: 12, title: 'Draft: harbour dues', slug: '', status: 'draft', author: 'mara', date: '2025-03-20 16:00:00', dateGmt: '0000-00-00 00:00:00', categories: ['harbour'], content: 'Notes for later.' },
      { id: 13, title: 'Pending: the new pontoon', slug: 'new-pontoon', status: 'pending', author: 'mara', date: '2025-03-21 10:00:00', dateGmt: '0000-00-00 00:00:00', content: 'Awaiting review.' },
      { id: 14, title: 'Regatta next month', slug: 'regatta', status: 'future', author: 'tobin.ash', date: '2031-06-01 12:00:00', categories: ['news'], content: 'Sails up at noon.' },
      { id: 15, title: 'Private: staff rota', slug: 'staff-rota', status: 'private', author: 'mara', date: '2025-01-10 08:00:00', content: 'Only for the desk.' },
      { id: 16, title: 'Deleted story', slug: 'deleted-story', status: 'trash', author: 'mara', date: '2025-01-11 08:00:00', content: 'Gone.' },
      { id: 17, title: 'The ferry in English', slug: 'ferry-english', author: 'mara', date: '2025-03-01 09:00:00', categories: ['news'], terms: pll('en', 'pll_ferry'), content: 'Crossing in English.' },
      { id: 18, title: 'Le bac en français', slug: 'bac-francais', author: 'mara', date: '2025-03-01 09:05:00', categories: ['news'], terms: pll('fr', 'pll_ferry'), content: 'La traversée en français.' },
      { id: 19, title: 'About the Gazette', slug: 'about', type: 'page', author: 'mara', content: 'A page.' },
      { id: 20, title: 'Home', type: 'nav_menu_item', slug: '20', content: '' },
      { id: 21, title: 'Die Fähre', slug: 'die-faehre', author: 'tobin.ash', date: '2025-03-02 09:00:00', meta: { _wpml_import_language_code: 'de', _wpml_import_translation_group: '7' }, content: 'Auf Deutsch.' },
      { id: 22, title: 'The ferry (WPML)', slug: 'ferry-wpml', author: 'tobin.ash', date: '2025-03-02 09:00:00', meta: { _wpml_import_language_code: 'en', _wpml_import_translation_group: '7' }, content: 'In English.' },
      { id: 23, title: 'A letter from a former writer', slug: 'letter', author: 'gone.writer', date: '2024-12-24 18:00:00', categories: ['archive-2019'], content: 'Season’s greetings.' },
      { id: 24, title: 'Readers write in', slug: 'readers-write', author: 'mara', date: '2025-03-05 12:00:00', categories: ['opinion'], comments: 2, content: 'Letters page.' },
      { id: 25, title: 'Ferry timetable (again)', slug: 'ferry-timetable-spring', author: 'mara', date: '2025-03-15 12:00:00', categories: ['news'], content: 'Same slug as an earlier post.' },
      { id: 26, title: 'Новости порта', slug: '%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8-%d0%bf%d0%be%d1%80%d1%82%d0%b0', author: 'mara', date: '2025-03-06 12:00:00', categories: ['%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8'], content: 'Текст на русском.' },
      { id: 27, title: 'Auto Draft', status: 'auto-draft', date: '2025-03-22 12:00:00', dateGmt: '0000-00-00 00:00:00', content: '' },
    ],
  };
}
