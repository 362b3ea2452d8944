/**
 * The pieces of a WordPress eXtended RSS (WXR) 1.2 file, as WordPress's own exporter writes them
 * (wp-admin/includes/export.php) and its importer reads them: pure string builders, so the
 * service can stream a file of any size one item at a time.
 */

/** Characters XML 1.0 does not allow at all (https://www.w3.org/TR/xml/#charsets): dropped. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const xmlSafe = (text: string): string => text.replace(NOT_XML, '');

/** Text content or an attribute value, escaped. */
export function xmlText(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/**
 * A CDATA section, as WordPress writes titles and content: `]]>` cannot stand inside one, so it is
 * split across two sections (`]]]]><![CDATA[>`), which a parser reads back as the same text.
 */
export function cdata(text: string): string {
  return `<![CDATA[${xmlSafe(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export const WXR_NAMESPACES =
  'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"';

/** RFC 822 dates of RSS `pubDate`: "Tue, 10 Mar 2026 08:15:00 +0000". */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString().replace('GMT', '+0000');
}

/** WordPress's "Y-m-d H:i:s" from the parts of a date. */
export const wpDate = (p: { year: string; month: string; day: string; hour: string; minute: string; second: string }): string =>
  `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;

export const wpGmt = (iso: string): string => iso.slice(0, 19).replace('T', ' ');

export interface WxrChannel {
  title: string;
  link: string;
  description: string;
  pubDate: string;
  language: string;
}

export function channelStart(c: WxrChannel): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<!-- A WordPress eXtended RSS (WXR 1.2) file written by Dateline. To import it into WordPress: Tools, Import, WordPress. -->',
    `<rss version="2.0" ${WXR_NAMESPACES}>`,
    '<channel>',
    `\t<title>${xmlText(c.title)}</title>`,
    `\t<link>${xmlText(c.link)}</link>`,
    `\t<description>${xmlText(c.description)}</description>`,
    `\t<pubDate>${xmlText(c.pubDate)}</pubDate>`,
    `\t<language>${xmlText(c.language)}</language>`,
    '\t<wp:wxr_version>1.2</wp:wxr_version>',
    `\t<wp:base_site_url>${xmlText(c.link)}</wp:base_site_url>`,
    `\t<wp:base_blog_url>${xmlText(c.link)}</wp:base_blog_url>`,
    '',
  ].join('\n');
}

export const channelEnd = (): string => '\t<generator>Dateline</generator>\n</channel>\n</rss>\n';

export function author(a: { id: number; login: string; email: string; name: string }): string {
  return [
    '\t<wp:author>',
    `\t\t<wp:author_id>${a.id}</wp:author_id>`,
    `\t\t<wp:author_login>${cdata(a.login)}</wp:author_login>`,
    `\t\t<wp:author_email>${cdata(a.email)}</wp:author_email>`,
    `\t\t<wp:author_display_name>${cdata(a.name)}</wp:author_display_name>`,
    '\t\t<wp:author_first_name><![CDATA[]]></wp:author_first_name>',
    '\t\t<wp:author_last_name><![CDATA[]]></wp:author_last_name>',
    '\t</wp:author>',
    '',
  ].join('\n');
}

export function category(c: { id: number; slug: string; name: string; description: string }): string {
  return [
    '\t<wp:category>',
    `\t\t<wp:term_id>${c.id}</wp:term_id>`,
    `\t\t<wp:category_nicename>${cdata(c.slug)}</wp:category_nicename>`,
    '\t\t<wp:category_parent><![CDATA[]]></wp:category_parent>',
    `\t\t<wp:cat_name>${cdata(c.name)}</wp:cat_name>`,
    `\t\t<wp:category_description>${cdata(c.description)}</wp:category_description>`,
    '\t</wp:category>',
    '',
  ].join('\n');
}

export function tag(t: { id: number; slug: string; name: string; description: string }): string {
  return [
    '\t<wp:tag>',
    `\t\t<wp:term_id>${t.id}</wp:term_id>`,
    `\t\t<wp:tag_slug>${cdata(t.slug)}</wp:tag_slug>`,
    `\t\t<wp:tag_name>${cdata(t.name)}</wp:tag_name>`,
    `\t\t<wp:tag_description>${cdata(t.description)}</wp:tag_description>`,
    '\t</wp:tag>',
    '',
  ].join('\n');
}

export type WxrStatus = 'publish' | 'draft' | 'future' | 'inherit';

export interface WxrItem {
  id: number;
  type: 'post' | 'attachment';
  title: string;
  link: string;
  guid: string;
  creator: string;
  /** ISO times; `date` null for an undated draft. */
  date: string | null;
  localDate: string;
  gmtDate: string;
  modified: string;
  modifiedGmt: string;
  content: string;
  excerpt: string;
  slug: string;
  status: WxrStatus;
  parent: number;
  sticky: boolean;
  attachmentUrl?: string;
  terms: { domain: 'category' | 'post_tag'; slug: string; name: string }[];
  meta: { key: string; value: string }[];
}

export function item(i: WxrItem): string {
  return [
    '\t<item>',
    `\t\t<title>${cdata(i.title)}</title>`,
    `\t\t<link>${xmlText(i.link)}</link>`,
    `\t\t<pubDate>${i.date ? rfc822(i.date) : ''}</pubDate>`,
    `\t\t<dc:creator>${cdata(i.creator)}</dc:creator>`,
    `\t\t<guid isPermaLink="false">${xmlText(i.guid)}</guid>`,
    '\t\t<description></description>',
    `\t\t<content:encoded>${cdata(i.content)}</content:encoded>`,
    `\t\t<excerpt:encoded>${cdata(i.excerpt)}</excerpt:encoded>`,
    `\t\t<wp:post_id>${i.id}</wp:post_id>`,
    `\t\t<wp:post_date>${cdata(i.localDate)}</wp:post_date>`,
    `\t\t<wp:post_date_gmt>${cdata(i.gmtDate)}</wp:post_date_gmt>`,
    `\t\t<wp:post_modified>${cdata(i.modified)}</wp:post_modified>`,
    `\t\t<wp:post_modified_gmt>${cdata(i.modifiedGmt)}</wp:post_modified_gmt>`,
    '\t\t<wp:comment_status><![CDATA[closed]]></wp:comment_status>',
    '\t\t<wp:ping_status><![CDATA[closed]]></wp:ping_status>',
    `\t\t<wp:post_name>${cdata(i.slug)}</wp:post_name>`,
    `\t\t<wp:status>${cdata(i.status)}</wp:status>`,
    `\t\t<wp:post_parent>${i.parent}</wp:post_parent>`,
    '\t\t<wp:menu_order>0</wp:menu_order>',
    `\t\t<wp:post_type>${cdata(i.type)}</wp:post_type>`,
    '\t\t<wp:post_password><![CDATA[]]></wp:post_password>',
    `\t\t<wp:is_sticky>${i.sticky ? 1 : 0}</wp:is_sticky>`,
    ...(i.attachmentUrl ? [`\t\t<wp:attachment_url>${cdata(i.attachmentUrl)}</wp:attachment_url>`] : []),
    ...i.terms.map((t) => `\t\t<category domain="${t.domain}" nicename="${xmlText(t.slug)}">${cdata(t.name)}</category>`),
    ...i.meta.map((m) => `\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata(m.key)}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata(m.value)}</wp:meta_value>\n\t\t</wp:postmeta>`),
    '\t</item>',
    '',
  ].join('\n');
}
