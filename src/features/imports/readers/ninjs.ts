import fs from 'node:fs/promises';
import path from 'node:path';
import { slugify } from '../../../lib/slug.js';
import { parseWireDate } from '../../wires/formats/dates.js';
import { asArray, asRecord, asString, isRecord, lowerKeys, type JsonRecord } from '../../wires/formats/json.js';
import { parseNinjs, ninjsItems } from '../../wires/formats/ninjs.js';
import { WireFormatError } from '../../wires/wire-item.js';
import { ImportFileError, type ImportArticle, type ImportImage, type ImportReader, type ImportRecord, type ReaderOptions } from '../import-record.js';
import { nulFreeReviver } from '../../../lib/request-input.js';

/**
 * `dateline import ninjs FILE|DIR`: IPTC ninjs 1.x–3.x documents (one item, an array, or
 * `items`), or a folder of them read file by file. The wire desk's parser (wires/formats/ninjs.ts)
 * reads each item, so that the body, headline, language, subjects and place come out as they do
 * on the desk; this reader adds what an archive needs: dates, keywords, sources and the picture.
 *
 * ninjs `uri`s are meant to be globally unique, so every ninjs source shares one origin: the same
 * item found again, in another file or folder, is the same record.
 */

/** A ninjs document larger than this is refused (they are a few kilobytes each; a whole archive is a folder). */
export const NINJS_FILE_LIMIT = 100 * 1024 * 1024;

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export async function openNinjs(target: string): Promise<ImportReader> {
  const stat = await fs.stat(target).catch(() => {
    throw new ImportFileError(`${target} does not exist.`);
  });
  let files: string[];
  if (stat.isDirectory()) {
    const names = (await fs.readdir(target)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
    if (!names.length) throw new ImportFileError(`${target} holds no .json file.`);
    files = names.map((n) => path.join(target, n));
  } else {
    files = [target];
    // A single file is checked before anything is yielded: not JSON or not ninjs ends here.
    await readDocument(target);
  }
  const sizes = await Promise.all(files.map(async (f) => (await fs.stat(f)).size));
  const total = sizes.reduce((a, b) => a + b, 0);
  return {
    format: 'ninjs',
    origin: () => 'uri',
    siteUrl: () => undefined,
    records: (options?: ReaderOptions) => records(files, sizes, total, stat.isDirectory(), options),
  };
}

async function readDocument(file: string): Promise<unknown[]> {
  const size = (await fs.stat(file)).size;
  if (size > NINJS_FILE_LIMIT) throw new ImportFileError(`${path.basename(file)} is larger than ${NINJS_FILE_LIMIT / 1024 / 1024} MB; split it into several files in a folder.`);
  let document: unknown;
  try {
    document = JSON.parse(await fs.readFile(file, 'utf8'), nulFreeReviver);
  } catch (error) {
    throw new ImportFileError(`${path.basename(file)} is not JSON (${(error as Error).message}).`);
  }
  try {
    return ninjsItems(document);
  } catch (error) {
    if (error instanceof WireFormatError) throw new ImportFileError(`${path.basename(file)} is ${error.message}.`);
    throw error;
  }
}

async function* records(files: string[], sizes: number[], total: number, isFolder: boolean, options?: ReaderOptions): AsyncGenerator<ImportRecord> {
  const seen = new Set<string>();
  let done = 0;
  options?.onProgress?.(0, total);
  for (const [i, file] of files.entries()) {
    let items: unknown[];
    try {
      items = await readDocument(file);
    } catch (error) {
      // In a folder, one bad file is one skipped record; a single bad file is the whole import.
      if (!isFolder || !(error instanceof ImportFileError)) throw error;
      yield { kind: 'skipped', key: path.basename(file), what: 'file', reason: error.message };
      done += sizes[i] ?? 0;
      options?.onProgress?.(done, total);
      continue;
    }
    for (const [n, raw] of items.entries()) {
      const where = `${path.basename(file)}, item ${n + 1}`;
      const parsed = parseNinjs(raw, { feedLanguage: '' });
      const item = parsed.items[0];
      if (!item) {
        const problem = parsed.problems[0];
        const uri = asString(lowerKeys(raw).uri);
        yield { kind: 'skipped', key: uri || where, what: 'ninjs item', reason: problem?.message ?? 'not readable' };
        continue;
      }
      const fields = lowerKeys(raw);
      const article = toArticle(item.guid, fields, item);
      for (const record of companions(fields, article, item.byline)) {
        if (seen.has(`${record.kind}\n${record.key}`)) continue;
        seen.add(`${record.kind}\n${record.key}`);
        yield record;
      }
      if (seen.has(`article\n${article.key}`)) {
        yield { kind: 'skipped', key: article.key, what: 'ninjs item', reason: `the same uri again (${where}); the first one read is imported` };
        continue;
      }
      seen.add(`article\n${article.key}`);
      yield article;
    }
    done += sizes[i] ?? 0;
    options?.onProgress?.(done, total);
  }
}

type Parsed = ReturnType<typeof parseNinjs>['items'][number];

/** The author and tags an item names, as records of their own (each yielded once per run). */
function companions(fields: JsonRecord, article: ImportArticle, byline: string): ImportRecord[] {
  const out: ImportRecord[] = [];
  const name = byline.replace(/^by\s+/i, '').trim();
  if (name && slugify(name)) out.push({ kind: 'author', key: article.authorKeys[0] as string, name: name.slice(0, 120) });
  for (const tag of tagsOf(fields)) out.push({ kind: 'tag', key: tag.key, slug: slugify(tag.name), name: tag.name });
  return out;
}

/** `subject`/`subjects` (by code, else name) and `keywords`. */
function tagsOf(fields: JsonRecord): { key: string; name: string }[] {
  const tags = new Map<string, string>();
  for (const value of [...asArray(fields.subject), ...asArray(fields.subjects)]) {
    const subject = lowerKeys(value);
    const name = asString(subject.name).trim();
    if (!name || !slugify(name)) continue;
    const code = asString(subject.code) || asString(subject.uri) || asString(subject.literal);
    tags.set(`subject:${code || slugify(name)}`, name);
  }
  for (const value of asArray(fields.keywords)) {
    const name = asString(value).trim();
    if (name && slugify(name)) tags.set(`keyword:${slugify(name)}`, name);
  }
  return [...tags].map(([key, name]) => ({ key, name }));
}

function toArticle(uri: string, fields: JsonRecord, item: Parsed): ImportArticle {
  const warnings: string[] = [];
  const first = parseWireDate(asString(fields.firstcreated)) ?? undefined;
  const version = parseWireDate(asString(fields.versioncreated)) ?? undefined;
  const embargo = item.embargoUntil ?? undefined;
  const status = item.status === 'usable' ? (embargo ? 'scheduled' : 'published') : item.status === 'withheld' ? 'draft' : 'unpublished';
  if (item.status !== 'usable') warnings.push(`The item is ${item.status}; imported as ${status === 'draft' ? 'a draft' : 'unpublished'}.`);
  const publishedAt = embargo ?? first ?? version;
  const byline = item.byline.replace(/^by\s+/i, '').trim();
  return {
    kind: 'article',
    key: uri,
    sourceStatus: item.status,
    status,
    headline: item.headline,
    slug: asString(fields.slugline) || undefined,
    standfirst: summaryOf(fields),
    // HTML as sent (the engine sanitises it, keeping its figures to store their images); text and NITF as the desk rebuilt them.
    bodyHtml: htmlBodyOf(fields) ?? item.bodyHtml,
    ...(publishedAt ? { publishedAt } : {}),
    ...(version ? { modifiedAt: version } : {}),
    ...(first ? { createdAt: first } : {}),
    authorKeys: byline && slugify(byline) ? [`by:${slugify(byline)}`] : [],
    sectionKeys: [],
    tagKeys: tagsOf(fields).map((t) => t.key),
    ...pictureOf(fields, warnings),
    // A newsroom's own archive in ninjs names each story by its address: that address keeps working.
    oldUrls: /^https?:\/\//i.test(uri) ? [uri] : [],
    ...(item.languageDeclared && item.language ? { language: item.language } : {}),
    ...(item.place ? { datelinePlace: item.place } : {}),
    sourceNames: sourcesOf(fields),
    warnings,
  };
}

/** The item's HTML body as sent, when it has one (`body_html`, 1.x `body_xhtml`, or a `bodies` entry of HTML). */
function htmlBodyOf(fields: JsonRecord): string | undefined {
  if (asString(fields.body_html).trim()) return asString(fields.body_html);
  // ninjs 1.x: XHTML is HTML as far as the editor's parser is concerned.
  if (asString(fields.body_xhtml).trim()) return asString(fields.body_xhtml);
  const html = asArray(fields.bodies)
    .map(lowerKeys)
    .find((b) => asString(b.value).trim() && (/html/i.test(asString(b.contenttype)) || asString(b.role) === 'html'));
  return html ? asString(html.value) : undefined;
}

/** The summary: a description with role "summary" (else the first), or 1.x `description_text`. */
function summaryOf(fields: JsonRecord): string | undefined {
  const descriptions = asArray(fields.descriptions).map(lowerKeys);
  const entry = descriptions.find((d) => /summary|abstract/i.test(asString(d.role))) ?? descriptions.find((d) => !/html/i.test(asString(d.contenttype)));
  const text = asString(entry?.value) || asString(fields.description_text);
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim() || undefined;
}

/** `infosource`/`infosources` names, else the provider or copyright holder. */
function sourcesOf(fields: JsonRecord): string[] {
  const names = [...asArray(fields.infosource), ...asArray(fields.infosources)].map((s) => (isRecord(s) ? asString(lowerKeys(s).name) : asString(s))).filter(Boolean);
  if (!names.length) {
    const provider = isRecord(fields.provider) ? asString(lowerKeys(fields.provider).name) : asString(fields.provider);
    if (provider) names.push(provider);
  }
  return [...new Set(names.map((n) => n.trim()).filter(Boolean))];
}

/** The first associated picture with an http(s) rendition: the largest one not over the image limit. */
function pictureOf(fields: JsonRecord, warnings: string[]): { featuredImage?: ImportImage } {
  const associations = Array.isArray(fields.associations) ? fields.associations : Object.values(asRecord(fields.associations));
  for (const value of associations) {
    const picture = lowerKeys(value);
    if (!/picture|graphic/i.test(asString(picture.type))) continue;
    const renditions = (Array.isArray(picture.renditions) ? picture.renditions : Object.values(asRecord(picture.renditions))).map(lowerKeys);
    const usable = renditions
      .filter((r) => /^https?:\/\//i.test(asString(r.href)) && !/thumb|watermark/i.test(`${asString(r.name)} ${asString(r.title)} ${asString(r.href)}`))
      .filter((r) => !(Number(r.sizeinbytes) > MAX_IMAGE_BYTES))
      .sort((a, b) => (Number(b.width) || 0) - (Number(a.width) || 0));
    const chosen = usable[0];
    if (!chosen) {
      warnings.push('The associated picture has no rendition to fetch (http or https, at most 20 MB); imported without it.');
      continue;
    }
    const description = asArray(picture.descriptions).map(lowerKeys).find((d) => asString(d.value));
    const caption = (asString(description?.value) || asString(picture.description_text) || asString(picture.body_text)).replace(/\s+/g, ' ').trim();
    const alt = (asString(picture.headline) || caption).slice(0, 300);
    const credit = (asString(picture.by) || asString(picture.byline) || asString(picture.copyrightholder)).trim();
    return { featuredImage: { url: asString(chosen.href), ...(alt ? { alt } : {}), ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) } };
  }
  return {};
}
