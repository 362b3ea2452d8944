import { DomUtils, parseDocument } from 'htmlparser2';
import type { ImportArticle, ImportAuthor, ImportImage, ImportRecord, ImportSection, ImportStatus, ImportTag } from '../../import-record.js';
import { convertContent, type AttachmentInfo } from './content.js';
import { childrenNamed, childText, detach, type WxrNode } from './wxr-stream.js';

/**
 * WXR units as import records: authors, categories (sections), tags, and items (posts become
 * articles; everything else is skipped with a reason). Pure: what the first pass learnt about the
 * whole file comes in through `WxrIndex`.
 */

export interface WxrIndex {
  attachments: Map<number, AttachmentInfo>;
  /** Attachment ids by the post they were uploaded to, in menu order. */
  attachmentsOf: Map<number, number[]>;
  /** Posts that WPML duplicates name as their original (`_icl_lang_duplicate_of`). */
  duplicated: Set<number>;
}

export interface WxrSite {
  /** The blog's address (`wp:base_blog_url`), without a trailing slash. */
  siteUrl: string | undefined;
  /** Minutes east of UTC of the site's clock, learnt from posts that carry both dates. */
  offsetMinutes: number | undefined;
}

/** Entities and tags out: WordPress stores term names and titles HTML-escaped ("Q&amp;A"). */
export function plainText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  return DomUtils.textContent(parseDocument(html, { decodeEntities: true })).replace(/\s+/g, ' ').trim();
}

/** WordPress stores non-Latin slugs percent-encoded (`%d0%bd%d0%be`): the slug as written. */
export function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug).toLowerCase();
  } catch {
    return slug.toLowerCase();
  }
}

const meta = (item: WxrNode): Map<string, string> => {
  const found = new Map<string, string>();
  for (const entry of childrenNamed(item, 'wp:postmeta')) {
    const key = childText(entry, 'wp:meta_key').trim();
    if (key && !found.has(key)) found.set(key, childText(entry, 'wp:meta_value'));
  }
  return found;
};

export function mapAuthor(node: WxrNode): ImportAuthor | undefined {
  const login = childText(node, 'wp:author_login').trim();
  if (!login) return undefined;
  const display = plainText(childText(node, 'wp:author_display_name'));
  const full = [childText(node, 'wp:author_first_name'), childText(node, 'wp:author_last_name')].map(plainText).filter(Boolean).join(' ');
  const slug = decodeSlug(login);
  return { kind: 'author', key: login, name: display || full || login, ...(/^[a-z0-9][a-z0-9-]*$/.test(slug) ? { slug } : {}) };
}

/**
 * The author login of an item (`dc:creator`), with what WordPress never allows in a login
 * removed: real exports carry stray characters there (">editor", "editor>").
 */
export const creatorLogin = (item: WxrNode): string =>
  childText(item, 'dc:creator')
    .trim()
    .replace(/[^\p{L}\p{N} _.@-]/gu, '')
    .trim();

export const categoryKey = (nicename: string) => `category:${nicename}`;
export const tagKey = (slug: string) => `tag:${slug}`;

export function mapCategory(node: WxrNode): ImportSection | undefined {
  const nicename = childText(node, 'wp:category_nicename').trim();
  if (!nicename) return undefined;
  const parent = childText(node, 'wp:category_parent').trim();
  const description = plainText(childText(node, 'wp:category_description'));
  return {
    kind: 'section',
    key: categoryKey(nicename),
    slug: decodeSlug(nicename),
    name: plainText(childText(node, 'wp:cat_name')) || decodeSlug(nicename),
    ...(description ? { description } : {}),
    ...(parent ? { parentKey: categoryKey(parent) } : {}),
  };
}

export function mapTag(node: WxrNode): ImportTag | undefined {
  const slug = childText(node, 'wp:tag_slug').trim();
  if (!slug) return undefined;
  const description = plainText(childText(node, 'wp:tag_description'));
  return { kind: 'tag', key: tagKey(slug), slug: decodeSlug(slug), name: plainText(childText(node, 'wp:tag_name')) || decodeSlug(slug), ...(description ? { description } : {}) };
}

/** The categories of an item (`<category domain="…" nicename="…">Name</category>`). */
export function itemTerms(item: WxrNode): Array<{ domain: string; nicename: string; name: string }> {
  return childrenNamed(item, 'category')
    .map((node) => ({ domain: node.attrs.domain ?? '', nicename: (node.attrs.nicename ?? '').trim(), name: plainText(node.text) }))
    .filter((term) => term.nicename !== '');
}

/** Parts of `YYYY-MM-DD HH:MM:SS` as UTC milliseconds; undefined for WordPress's zero date. */
export function wpDateMs(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m || m[1] === '0000') return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? undefined : ms;
}

/** The site's clock offset shown by one item (local minus GMT, minutes), when it has both dates. */
export function itemOffset(item: WxrNode): number | undefined {
  const local = wpDateMs(childText(item, 'wp:post_date'));
  const gmt = wpDateMs(childText(item, 'wp:post_date_gmt'));
  if (local === undefined || gmt === undefined) return undefined;
  const minutes = Math.round((local - gmt) / 60_000 / 15) * 15;
  return Math.abs(minutes) <= 14 * 60 ? minutes : undefined;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A date from the GMT field, or the local one and the site's offset when WordPress wrote zeros. */
function itemDate(item: WxrNode, field: 'post_date' | 'post_modified', site: WxrSite, warn: (message: string) => void): string | undefined {
  const gmt = wpDateMs(childText(item, `wp:${field}_gmt`));
  if (gmt !== undefined) return iso(gmt);
  const local = wpDateMs(childText(item, `wp:${field}`));
  if (local === undefined) return undefined;
  if (site.offsetMinutes === undefined) warn(`the ${field === 'post_date' ? 'date' : 'modified date'} has no time zone in the export: read as UTC`);
  return iso(local - (site.offsetMinutes ?? 0) * 60_000);
}

/**
 * WordPress's statuses as Dateline's nearest. A private post was published but visible only to
 * the site's editors: "unpublished" keeps it out of readers' sight *and* keeps its publication
 * date, where "draft" would say it never went out.
 */
const STATUSES: Record<string, ImportStatus> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'draft',
  'auto-draft': 'draft',
  private: 'unpublished',
};

const SKIPPED_TYPES: Record<string, { what: string; reason: string }> = {
  page: { what: 'WordPress page', reason: 'pages are not articles; copy what is still needed by hand' },
  attachment: { what: 'media attachment', reason: 'imported only where a post uses it (featured image, gallery, image in the text)' },
  nav_menu_item: { what: 'navigation menu item', reason: 'menus are set up in Dateline itself' },
  revision: { what: 'revision', reason: 'only the latest version of each post is imported' },
  wp_block: { what: 'reusable block', reason: 'reusable blocks are not imported' },
  wp_navigation: { what: 'navigation menu', reason: 'menus are set up in Dateline itself' },
  wp_template: { what: 'theme template', reason: 'themes are not imported' },
  wp_template_part: { what: 'theme template part', reason: 'themes are not imported' },
  wp_global_styles: { what: 'theme styles', reason: 'themes are not imported' },
  custom_css: { what: 'custom CSS', reason: 'themes are not imported' },
  customize_changeset: { what: 'customizer changeset', reason: 'themes are not imported' },
  oembed_cache: { what: 'embed cache', reason: 'a cache of the old site' },
};

/** A language tag in BCP 47 form: `pt_BR`, `pt-br` → `pt-BR`. */
export function bcp47(code: string): string | undefined {
  const parts = code.trim().replace(/_/g, '-').split('-').filter(Boolean);
  if (parts.length === 0 || !/^[a-z]{2,3}$/i.test(parts[0] ?? '')) return undefined;
  return parts.map((part, i) => (i === 0 ? part.toLowerCase() : part.length === 2 ? part.toUpperCase() : part.length === 4 ? part[0]?.toUpperCase() + part.slice(1).toLowerCase() : part.toLowerCase())).join('-');
}

/** Every address the post had: its permalink, `/?p=ID`, and its guid when that is on the same site. */
function oldUrls(item: WxrNode, id: number, site: WxrSite): string[] {
  const found = new Map<string, string>();
  let base: URL | undefined;
  try {
    base = site.siteUrl ? new URL(site.siteUrl) : undefined;
  } catch {
    base = undefined;
  }
  const basePath = base ? base.pathname.replace(/\/$/, '') : '';
  const add = (url: string, keyOf: string) => {
    if (!found.has(keyOf)) found.set(keyOf, url);
  };
  const pathOf = (value: string): string | undefined => {
    try {
      const url = new URL(value);
      if (base && url.hostname.replace(/^www\./, '') !== base.hostname.replace(/^www\./, '')) return undefined;
      return `${url.pathname}${url.search}`;
    } catch {
      return undefined;
    }
  };
  const link = childText(item, 'link').trim();
  const linkPath = link ? pathOf(link) : undefined;
  if (link && linkPath !== undefined) add(link, linkPath);
  add(`${basePath}/?p=${id}`, `${basePath}/?p=${id}`);
  const guid = childrenNamed(item, 'guid')[0]?.text.trim() ?? '';
  const guidPath = guid ? pathOf(guid) : undefined;
  // The guid names the site it was written on: it is an old address only when that is this site,
  // and not when it is the `?p=` address of another post (a post copied from elsewhere).
  const guidId = guidPath ? /[?&]p=(\d+)/.exec(guidPath)?.[1] : undefined;
  if (guidPath !== undefined && base && (guidId === undefined || Number(guidId) === id)) add(guidPath, guidPath);
  return [...found.values()];
}

/** Plain text of an SEO plugin's field, unless it is a template ("%%title%% %%sep%%"). */
const seoText = (value: string | undefined) => {
  const text = value ? plainText(value) : '';
  return text && !/%%?\w+%%?/.test(text) ? text : undefined;
};

/** The records for one item: an article or a skipped thing, and its comments when it has some. */
export function mapItem(item: WxrNode, index: WxrIndex, site: WxrSite, oversized = false): ImportRecord[] {
  const id = Number(childText(item, 'wp:post_id').trim());
  const type = childText(item, 'wp:post_type').trim() || 'post';
  const title = plainText(childrenNamed(item, 'title')[0]?.text ?? '');
  if (!Number.isInteger(id) || id <= 0) {
    return [{ kind: 'skipped', key: `item:${title || 'untitled'}`, what: `WordPress ${type}`, reason: 'it has no post id in the export' }];
  }
  const key = `post:${id}`;
  if (oversized) return [{ kind: 'skipped', key, what: `WordPress ${type} "${title}"`, reason: 'it is too large to import (more than 32 MB of text)' }];
  const records: ImportRecord[] = [];
  const comments = childrenNamed(item, 'wp:comment').length;
  const status = childText(item, 'wp:status').trim();
  if (type !== 'post') {
    const skip = SKIPPED_TYPES[type] ?? { what: `custom post type "${type}"`, reason: 'only posts are imported' };
    records.push({ kind: 'skipped', key, what: skip.what, reason: skip.reason });
  } else if (status === 'trash') {
    records.push({ kind: 'skipped', key, what: 'post in the trash', reason: 'it was deleted on the old site' });
  } else records.push(mapPost(item, id, status, title, index, site));
  if (comments > 0) {
    records.push({ kind: 'skipped', key: `comments:${key}`, what: `comment${comments === 1 ? '' : 's'}`, reason: `${comments} comment${comments === 1 ? '' : 's'} on ${type} ${id}: Dateline has no reader comments` });
  }
  return records;
}

function mapPost(item: WxrNode, id: number, status: string, title: string, index: WxrIndex, site: WxrSite): ImportArticle {
  const warnings = new Set<string>();
  const warn = (message: string) => void warnings.add(message);
  const fields = meta(item);
  const content = convertContent(childText(item, 'content:encoded'), {
    siteUrl: site.siteUrl,
    attachment: (attachmentId) => index.attachments.get(attachmentId),
    childAttachments: () => index.attachmentsOf.get(id) ?? [],
  });
  content.warnings.forEach(warn);

  let mapped = STATUSES[status];
  if (!mapped) {
    warn(`unknown WordPress status "${status}": imported as a draft`);
    mapped = 'draft';
  }
  if (childText(item, 'wp:post_password') !== '' && mapped === 'published') {
    warn('the post was password-protected on the old site: imported unpublished');
    mapped = 'unpublished';
  }
  const date = itemDate(item, 'post_date', site, warn);
  const modified = itemDate(item, 'post_modified', site, warn);
  const headline = title || plainText(childText(item, 'excerpt:encoded')).slice(0, 120) || `Untitled (WordPress post ${id})`;
  if (!title) warn('the post has no title: one was made up for it');
  if ((mapped === 'published' || mapped === 'scheduled') && !date) {
    warn(`the ${mapped} post has no date in the export: imported as a draft`);
    mapped = 'draft';
  }

  const terms = itemTerms(item);
  const sectionKeys = terms.filter((term) => term.domain === 'category').map((term) => categoryKey(term.nicename));
  const tagKeys = terms.filter((term) => term.domain === 'post_tag').map((term) => tagKey(term.nicename));
  const creator = creatorLogin(item);
  if (creator !== childText(item, 'dc:creator').trim()) warn(`the author "${childText(item, 'dc:creator').trim()}" was read as "${creator}"`);

  let featuredImage: ImportImage | undefined;
  const thumbnail = fields.get('_thumbnail_id');
  if (thumbnail && thumbnail.trim() !== '' && thumbnail.trim() !== '0') {
    const image = index.attachments.get(Number(thumbnail.trim()));
    if (image) featuredImage = { url: image.url, ...(image.alt ? { alt: image.alt } : {}), ...(image.caption ? { caption: image.caption } : {}) };
    else warn(`the featured image (attachment ${thumbnail.trim()}) is not in the export`);
  }

  // Polylang keeps languages and translation groups as taxonomies; WPML (with its Export and
  // Import add-on) as post metadata, and duplicates point at their original.
  const polylangLanguage = terms.find((term) => term.domain === 'language')?.nicename;
  const polylangGroup = terms.find((term) => term.domain === 'post_translations')?.nicename;
  const wpmlLanguage = fields.get('_wpml_import_language_code') ?? fields.get('wpml_language') ?? fields.get('_wpml_language') ?? terms.find((term) => term.domain === 'wpml_language')?.nicename;
  const wpmlGroup = fields.get('_wpml_import_translation_group')?.trim();
  const duplicateOf = Number(fields.get('_icl_lang_duplicate_of') ?? '');
  const language = bcp47(polylangLanguage ?? wpmlLanguage ?? '');
  let translationKey: string | undefined;
  if (polylangGroup) translationKey = `polylang:${polylangGroup}`;
  else if (wpmlGroup) translationKey = `wpml:${wpmlGroup}`;
  else if (Number.isInteger(duplicateOf) && duplicateOf > 0) translationKey = `wpml:post:${duplicateOf}`;
  else if (index.duplicated.has(id)) translationKey = `wpml:post:${id}`;

  const slug = childText(item, 'wp:post_name').trim();
  const standfirst = plainText(childText(item, 'excerpt:encoded'));
  const seoTitle = seoText(fields.get('_yoast_wpseo_title') ?? fields.get('rank_math_title'));
  const seoDescription = seoText(fields.get('_yoast_wpseo_metadesc') ?? fields.get('rank_math_description'));
  return {
    kind: 'article',
    key: `post:${id}`,
    sourceStatus: status,
    status: mapped,
    headline,
    ...(slug ? { slug: decodeSlug(slug) } : {}),
    ...(standfirst ? { standfirst } : {}),
    bodyHtml: content.html,
    ...(date && mapped !== 'draft' ? { publishedAt: date } : {}),
    ...(date ? { createdAt: date } : {}),
    ...(modified ? { modifiedAt: modified } : {}),
    authorKeys: creator ? [creator] : [],
    sectionKeys,
    tagKeys,
    ...(featuredImage ? { featuredImage } : {}),
    oldUrls: oldUrls(item, id, site),
    ...(language ? { language } : {}),
    ...(translationKey ? { translationKey } : {}),
    ...(seoTitle ? { seoTitle } : {}),
    ...(seoDescription ? { seoDescription } : {}),
    // A warning names what it quotes (a shortcode's name) by a slice of the post's text: detached,
    // so that an engine keeping the warnings for its report does not keep every post's text.
    warnings: [...warnings].map(detach),
  };
}
