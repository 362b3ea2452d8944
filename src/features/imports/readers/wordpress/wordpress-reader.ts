import fs from 'node:fs';
import { ImportFileError, type ImportReader, type ImportRecord, type ReaderOptions } from '../../import-record.js';
import {
  categoryKey, creatorLogin, decodeSlug, itemOffset, itemTerms, mapAuthor, mapCategory, mapItem, mapTag, plainText, tagKey,
  type WxrIndex, type WxrSite,
} from './mapping.js';
import { childrenNamed, childText, readWxrUnits, type WxrNode } from './wxr-stream.js';

/**
 * The WordPress reader (WXR 1.0–1.2, the file of Tools → Export). Two passes over the file: the
 * first keeps small indexes (attachments for featured images and galleries, which an export may
 * list after the posts that use them; the terms and authors declared; the site's clock offset),
 * the second yields the records. Neither holds more than one item.
 */

interface WxrHeader {
  version: string;
  siteUrl: string | undefined;
  origin: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Reads up to the first author, term or item: enough to know the file and the site. */
async function readHeader(file: string): Promise<WxrHeader> {
  const fields = new Map<string, string>();
  let root: string | undefined;
  let channel = false;
  try {
    for await (const unit of readWxrUnits(file)) {
      if (unit.kind !== 'channel') break;
      if (unit.name === '#root') {
        root = unit.text;
        if (root !== 'rss') throw new ImportFileError(`not a WordPress export: the document is <${root}>, not an RSS document`);
      } else if (unit.name === '#channel') channel ||= unit.text === 'channel';
      else if (!fields.has(unit.name)) fields.set(unit.name, unit.text);
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    if (error.message.startsWith('not a WordPress export') || error.message.startsWith('entity declarations')) throw error;
    throw new ImportFileError(`not a WordPress export: ${error.message}`, error.where);
  }
  if (!root) throw new ImportFileError('not a WordPress export: the file holds no XML document');
  const version = fields.get('wp:wxr_version');
  if (!channel || version === undefined) throw new ImportFileError('not a WordPress export: an RSS document without wp:wxr_version (a feed, not an export)');
  if (!/^1\.\d+$/.test(version)) throw new ImportFileError(`not a WordPress export this reader knows: WXR version "${version}" (1.0 to 1.2 are read)`);
  const blog = fields.get('wp:base_blog_url') || fields.get('link') || fields.get('wp:base_site_url') || '';
  const siteUrl = /^https?:\/\//i.test(blog) ? trimSlash(blog) : undefined;
  const origin = siteUrl ? siteUrl.replace(/^https?:\/\//i, '').replace(/^[^/]+/, (host) => host.toLowerCase()) : plainText(fields.get('title') ?? '') || 'unknown';
  return { version, siteUrl, origin };
}

export async function openWordPress(file: string): Promise<ImportReader> {
  let size: number;
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch (error) {
    throw new ImportFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (size === 0) throw new ImportFileError('not a WordPress export: the file is empty');
  const header = await readHeader(file);
  return {
    format: 'wordpress',
    origin: () => header.origin,
    siteUrl: () => header.siteUrl,
    records: (options?: ReaderOptions) => readRecords(file, size, header, options ?? {}),
  };
}

interface FirstPass {
  index: WxrIndex;
  offsetMinutes: number | undefined;
  /** Authors, categories and tags used by posts but not declared in the channel, with a name. */
  missingAuthors: string[];
  missingCategories: Map<string, string>;
  missingTags: Map<string, string>;
}

function meta(item: WxrNode, key: string): string | undefined {
  for (const entry of childrenNamed(item, 'wp:postmeta')) if (childText(entry, 'wp:meta_key').trim() === key) return childText(entry, 'wp:meta_value');
  return undefined;
}

/** The first pass needs no post's text, nor its comments. */
const FIRST_PASS_SKIPS: ReadonlySet<string> = new Set(['content:encoded', 'wp:comment_content']);

async function firstPass(file: string, onBytes: (bytes: number) => void): Promise<FirstPass> {
  const index: WxrIndex = { attachments: new Map(), attachmentsOf: new Map(), duplicated: new Set() };
  const order = new Map<number, number>();
  const offsets = new Map<number, number>();
  const declared = { authors: new Set<string>(), categories: new Set<string>(), tags: new Set<string>() };
  const used = { authors: new Set<string>(), categories: new Map<string, string>(), tags: new Map<string, string>() };
  try {
    for await (const unit of readWxrUnits(file, { onBytes, skipText: FIRST_PASS_SKIPS })) {
      if (unit.kind === 'channel' || unit.oversized) continue;
      const node = unit.node;
      if (unit.kind === 'author') declared.authors.add(childText(node, 'wp:author_login').trim());
      else if (unit.kind === 'category') declared.categories.add(childText(node, 'wp:category_nicename').trim());
      else if (unit.kind === 'tag') declared.tags.add(childText(node, 'wp:tag_slug').trim());
      if (unit.kind !== 'item') continue;
      const id = Number(childText(node, 'wp:post_id').trim());
      const type = childText(node, 'wp:post_type').trim();
      if (type === 'attachment' && Number.isInteger(id)) {
        const url = childText(node, 'wp:attachment_url').trim() || childrenNamed(node, 'guid')[0]?.text.trim() || '';
        if (!url) continue;
        const alt = plainText(meta(node, '_wp_attachment_image_alt') ?? '');
        const caption = plainText(childText(node, 'excerpt:encoded'));
        const title = plainText(childrenNamed(node, 'title')[0]?.text ?? '');
        index.attachments.set(id, { url, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}), ...(title ? { title } : {}) });
        const parent = Number(childText(node, 'wp:post_parent').trim());
        if (Number.isInteger(parent) && parent > 0) {
          const list = index.attachmentsOf.get(parent) ?? [];
          list.push(id);
          index.attachmentsOf.set(parent, list);
          order.set(id, Number(childText(node, 'wp:menu_order').trim()) || 0);
        }
        continue;
      }
      const offset = itemOffset(node);
      if (offset !== undefined) offsets.set(offset, (offsets.get(offset) ?? 0) + 1);
      if (type !== 'post') continue;
      const creator = creatorLogin(node);
      if (creator) used.authors.add(creator);
      for (const term of itemTerms(node)) {
        if (term.domain === 'category' && !used.categories.has(term.nicename)) used.categories.set(term.nicename, term.name);
        if (term.domain === 'post_tag' && !used.tags.has(term.nicename)) used.tags.set(term.nicename, term.name);
      }
      const original = Number(meta(node, '_icl_lang_duplicate_of') ?? '');
      if (Number.isInteger(original) && original > 0) index.duplicated.add(original);
    }
  } catch (error) {
    // The second pass meets the same problem after yielding what came before it, and says so.
    if (!(error instanceof ImportFileError)) throw error;
  }
  for (const list of index.attachmentsOf.values()) list.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0) || a - b);
  let offsetMinutes: number | undefined;
  let best = 0;
  for (const [offset, count] of offsets) if (count > best) [offsetMinutes, best] = [offset, count];
  return {
    index,
    offsetMinutes,
    missingAuthors: [...used.authors].filter((login) => !declared.authors.has(login)),
    missingCategories: new Map([...used.categories].filter(([nicename]) => !declared.categories.has(nicename))),
    missingTags: new Map([...used.tags].filter(([slug]) => !declared.tags.has(slug))),
  };
}

async function* readRecords(file: string, size: number, header: WxrHeader, options: ReaderOptions): AsyncGenerator<ImportRecord> {
  // Both passes share one progress bar: the first fills its first half.
  const half = size / 2;
  const progress = (done: number) => options.onProgress?.(Math.min(size, Math.round(done)), size);
  const first = await firstPass(file, (bytes) => progress(bytes / 2));
  const site: WxrSite = { siteUrl: header.siteUrl, offsetMinutes: first.offsetMinutes };
  let itemsStarted = false;
  for await (const unit of readWxrUnits(file, { onBytes: (bytes) => progress(half + bytes / 2) })) {
    if (unit.kind === 'channel') continue;
    if (unit.kind === 'author') {
      const author = mapAuthor(unit.node);
      if (author) yield author;
    } else if (unit.kind === 'category') {
      const section = mapCategory(unit.node);
      if (section) yield section;
    } else if (unit.kind === 'tag') {
      const tag = mapTag(unit.node);
      if (tag) yield tag;
    } else if (unit.kind === 'item') {
      if (!itemsStarted) {
        itemsStarted = true;
        // What posts use without the export declaring it (a partial export, a deleted author).
        for (const login of first.missingAuthors) yield { kind: 'author', key: login, name: login };
        for (const [nicename, name] of first.missingCategories) yield { kind: 'section', key: categoryKey(nicename), slug: decodeSlug(nicename), name: name || decodeSlug(nicename) };
        for (const [slug, name] of first.missingTags) yield { kind: 'tag', key: tagKey(slug), slug: decodeSlug(slug), name: name || decodeSlug(slug) };
      }
      let records: ImportRecord[];
      try {
        records = mapItem(unit.node, first.index, site, unit.oversized);
      } catch (error) {
        const id = childText(unit.node, 'wp:post_id').trim();
        records = [{ kind: 'skipped', key: `post:${id || `line-${unit.line}`}`, what: `WordPress item at line ${unit.line}`, reason: `it could not be read (${(error as Error).message})` }];
      }
      yield* records;
    }
  }
  progress(size);
}
