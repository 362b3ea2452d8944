import { stat } from 'node:fs/promises';
import {
  type ImportArticle,
  ImportFileError,
  type ImportReader,
  type ImportRecord,
  type ImportStatus,
  type ReaderOptions,
} from '../../import-record.js';
import { absoluteUrl, htmlToText, newBodyContext } from './body-output.js';
import { convertGhostHtml } from './ghost-html.js';
import { lexicalToHtml } from './lexical.js';
import { markdownToHtml } from './markdown.js';
import { mobiledocToHtml } from './mobiledoc.js';
import { type JsonPath, scanJsonFile } from './json-scan.js';

/**
 * Ghost's JSON export (Labs → Export, Ghost 0.x to 5): `{ db: [ { meta, data: { posts, tags,
 * users, posts_tags, posts_authors, posts_meta, settings, ... } } ] }` (very old exports have
 * `{ meta, data }` at the top). Read in two passes of a streaming scan (json-scan.ts), so that
 * memory stays bounded by one post however large the file: `openGhost` reads everything but the
 * posts' bodies (tags, users, the links between them, posts_meta, a few settings, and each post's
 * type and authors) and checks that the file is a Ghost export; `records()` reads the posts one
 * at a time.
 *
 * Mapping (decided here, for the report):
 * - post statuses published/draft/scheduled keep their names; `sent` (emailed only, never on the
 *   site) becomes unpublished; `type: page` (or `page: true`) is skipped;
 * - `visibility` members/paid/tiers is imported with a warning: Dateline has no paywall;
 * - the first public tag of a post is its section (Ghost's primary tag), its other public tags are
 *   topic tags, internal `#tags` are skipped with a warning;
 * - authors from users through posts_authors, primary (sort_order 0) first; `author_id` on old posts;
 * - old addresses: `/{slug}/` (Ghost's default permalink, or the `permalinks` setting of Ghost 0.x)
 *   and `/p/{uuid}/` (the preview address), absolute when the site's address is known.
 */

export interface GhostOptions {
  /** The old site's address (`https://old.example` or with a subfolder); overrides anything in the file. */
  siteUrl?: string | undefined;
}

type Row = Record<string, unknown>;

/** The tables read in the first pass, whole. */
const SMALL_TABLES = new Set(['tags', 'users', 'posts_tags', 'posts_authors', 'posts_meta', 'settings']);
/** Settings worth keeping (the rest can be large: theme settings, navigation, code injection). */
const SETTINGS = new Set(['db_hash', 'title', 'url', 'locale', 'permalinks', 'lang']);
/** Post fields read in the first pass (small ones only). */
const POST_FIELDS = new Set(['id', 'type', 'page', 'author_id', 'status']);

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** Where the export's parts are: `db[0].data.posts[3]` (Ghost 1+) or `data.posts[3]` (0.x). */
function locate(path: JsonPath): { part: 'meta' | 'data' | 'table' | 'row' | 'field' | null; table?: string; field?: string } {
  let rest = path;
  if (rest[0] === 'db') {
    if (rest[1] !== 0) return { part: null };
    rest = rest.slice(2);
  }
  if (rest.length === 1 && rest[0] === 'meta') return { part: 'meta' };
  if (rest[0] !== 'data') return { part: null };
  if (rest.length === 1) return { part: 'data' };
  const table = str(rest[1]);
  if (rest.length === 2) return { part: 'table', table };
  if (rest.length === 3) return { part: 'row', table };
  if (rest.length === 4) return { part: 'field', table, field: str(rest[3]) };
  return { part: null };
}

interface PostFacts {
  isPage: boolean;
  authorId: string;
}

interface Catalogue {
  meta: Row;
  tables: Map<string, Row[]>;
  posts: Map<string, PostFacts>;
  postCount: number;
  sawPosts: boolean;
}

async function catalogue(file: string): Promise<Catalogue> {
  const result: Catalogue = { meta: {}, tables: new Map(), posts: new Map(), postCount: 0, sawPosts: false };
  // The post whose small fields are being read (set by `select` as the scan enters each post).
  const state: { post: (PostFacts & { id: string }) | null } = { post: null };
  const flush = () => {
    if (state.post?.id) result.posts.set(state.post.id, state.post);
  };
  const select = (path: JsonPath): boolean => {
    const where = locate(path);
    if (where.part === 'meta') return true;
    if (where.part === 'table' && where.table === 'posts') result.sawPosts = true;
    if (where.part === 'row' && where.table === 'posts') {
      flush();
      state.post = { id: '', isPage: false, authorId: '' };
      result.postCount++;
    }
    if (where.part === 'row' && SMALL_TABLES.has(where.table!)) return true;
    return where.part === 'field' && where.table === 'posts' && POST_FIELDS.has(where.field!);
  };
  for await (const { path, value } of scanJsonFile(file, select)) {
    const where = locate(path);
    if (where.part === 'meta') result.meta = value && typeof value === 'object' ? (value as Row) : {};
    else if (where.part === 'row') {
      if (!value || typeof value !== 'object') continue;
      const row = value as Row;
      if (where.table === 'settings' && !SETTINGS.has(str(row.key))) continue;
      const rows = result.tables.get(where.table!) ?? [];
      rows.push(row);
      result.tables.set(where.table!, rows);
    } else if (where.part === 'field' && state.post) {
      const facts = state.post;
      if (where.field === 'id') facts.id = str(value);
      else if (where.field === 'type') facts.isPage = facts.isPage || value === 'page';
      else if (where.field === 'page') facts.isPage = facts.isPage || value === true || value === 1;
      else if (where.field === 'author_id') facts.authorId = str(value);
    }
  }
  flush();
  return result;
}

export async function openGhost(file: string, options: GhostOptions = {}): Promise<ImportReader> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new ImportFileError(`cannot read ${file}: no such file`);
  }
  let cat: Catalogue;
  try {
    cat = await catalogue(file);
  } catch (error) {
    if (error instanceof ImportFileError) throw new ImportFileError(`not a Ghost export: ${error.message}`, error.where);
    throw error;
  }
  if (!cat.sawPosts) {
    throw new ImportFileError('not a Ghost export: a Ghost export (Settings → Labs → Export) is JSON with db[0].data.posts; this file has no posts table');
  }
  const settings = new Map((cat.tables.get('settings') ?? []).map((row) => [str(row.key), str(row.value)]));
  const siteUrl = normaliseSiteUrl(options.siteUrl) ?? normaliseSiteUrl(str(cat.meta.site_url) || str(cat.meta.url) || settings.get('url'));
  if (options.siteUrl && !normaliseSiteUrl(options.siteUrl)) throw new ImportFileError(`--site-url ${JSON.stringify(options.siteUrl)} is not an http(s) address`);
  const dbHash = settings.get('db_hash');
  const origin = dbHash ? `db-${dbHash}` : siteUrl ? new URL(siteUrl).host + new URL(siteUrl).pathname.replace(/\/$/, '') : `title-${settings.get('title') ?? 'unknown'}`;
  return {
    format: 'ghost',
    origin: () => origin,
    siteUrl: () => siteUrl,
    records: (readerOptions?: ReaderOptions) => records(file, size, cat, settings, siteUrl, readerOptions),
  };
}

export function normaliseSiteUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

async function* records(
  file: string,
  size: number,
  cat: Catalogue,
  settings: Map<string, string>,
  siteUrl: string | undefined,
  options: ReaderOptions = {},
): AsyncGenerator<ImportRecord> {
  const tags = new Map((cat.tables.get('tags') ?? []).map((t) => [str(t.id), t]));
  const users = new Map((cat.tables.get('users') ?? []).map((u) => [str(u.id), u]));
  const postsMeta = new Map((cat.tables.get('posts_meta') ?? []).map((m) => [str(m.post_id), m]));
  const tagsOf = groupSorted(cat.tables.get('posts_tags') ?? [], 'tag_id');
  const authorsOf = groupSorted(cat.tables.get('posts_authors') ?? [], 'author_id');
  const isPost = (postId: string) => cat.posts.has(postId) && !cat.posts.get(postId)!.isPage;
  const isPublic = (tagId: string) => {
    const tag = tags.get(tagId);
    return tag !== undefined && tag.visibility !== 'internal' && !str(tag.name).startsWith('#');
  };

  // Authors, sections and tags first, so every article's keys are known when it comes.
  const authorIds = new Set<string>();
  for (const [postId, facts] of cat.posts) {
    if (facts.isPage) continue;
    for (const id of authorsOf.get(postId) ?? (facts.authorId ? [facts.authorId] : [])) authorIds.add(id);
  }
  for (const id of authorIds) {
    const user = users.get(id);
    if (!user) continue;
    yield { kind: 'author', key: `user:${id}`, slug: str(user.slug) || undefined, name: str(user.name) || str(user.slug) || `Ghost user ${id}`, ...(str(user.bio) ? { bio: str(user.bio) } : {}) };
  }
  const sectionIds = new Set<string>();
  const tagIds = new Set<string>();
  const internalIds = new Set<string>();
  for (const [postId, ids] of tagsOf) {
    if (!isPost(postId)) continue;
    const publicIds = ids.filter(isPublic);
    if (publicIds[0]) sectionIds.add(publicIds[0]);
    for (const id of publicIds.slice(1)) tagIds.add(id);
    for (const id of ids) if (tags.has(id) && !isPublic(id)) internalIds.add(id);
  }
  for (const id of sectionIds) {
    const tag = tags.get(id)!;
    yield { kind: 'section', key: `section:${id}`, slug: str(tag.slug), name: str(tag.name) || str(tag.slug), ...(str(tag.description) ? { description: str(tag.description) } : {}) };
  }
  for (const id of tagIds) {
    const tag = tags.get(id)!;
    yield { kind: 'tag', key: `tag:${id}`, slug: str(tag.slug), name: str(tag.name) || str(tag.slug), ...(str(tag.description) ? { description: str(tag.description) } : {}) };
  }
  for (const id of internalIds) {
    yield { kind: 'skipped', key: `tag:${id}`, what: `Ghost internal tag ${str(tags.get(id)!.name)}`, reason: 'internal tags organise the old site and are not shown to readers' };
  }

  const language = normaliseLanguage(settings.get('locale') ?? settings.get('lang'));
  const permalink = settings.get('permalinks');
  const context = { siteUrl, tags, users, postsMeta, tagsOf, authorsOf, isPublic, language, permalink };
  const select = (path: JsonPath) => locate(path).part === 'row' && locate(path).table === 'posts';
  let index = 0;
  for await (const { value } of scanJsonFile(file, select, (bytes) => options.onProgress?.(bytes, size))) {
    index++;
    if (!value || typeof value !== 'object') {
      yield { kind: 'skipped', key: `post-row:${index}`, what: 'Ghost post', reason: 'the row is not an object' };
      continue;
    }
    yield postRecord(value as Row, index, context);
  }
}

/** Link rows grouped by post, in their sort order. */
function groupSorted(rows: Row[], field: string): Map<string, string[]> {
  const grouped = new Map<string, { id: string; order: number; at: number }[]>();
  rows.forEach((row, at) => {
    const list = grouped.get(str(row.post_id)) ?? [];
    list.push({ id: str(row[field]), order: Number(row.sort_order) || 0, at });
    grouped.set(str(row.post_id), list);
  });
  return new Map([...grouped].map(([post, list]) => [post, list.sort((a, b) => a.order - b.order || a.at - b.at).map((l) => l.id)]));
}

interface PostContext {
  siteUrl: string | undefined;
  tags: Map<string, Row>;
  users: Map<string, Row>;
  postsMeta: Map<string, Row>;
  tagsOf: Map<string, string[]>;
  authorsOf: Map<string, string[]>;
  isPublic: (tagId: string) => boolean;
  language: string | undefined;
  permalink: string | undefined;
}

const STATUSES: Record<string, ImportStatus> = { published: 'published', draft: 'draft', scheduled: 'scheduled', sent: 'unpublished' };

function postRecord(post: Row, index: number, ctx: PostContext): ImportRecord {
  const id = str(post.id) || `row-${index}`;
  const title = str(post.title).trim();
  if (post.type === 'page' || post.page === true || post.page === 1) {
    return { kind: 'skipped', key: `post:${id}`, what: `Ghost page "${title || str(post.slug)}"`, reason: 'pages are not articles; recreate them by hand if needed' };
  }
  const body = newBodyContext(ctx.siteUrl);
  const warnings = body.warnings;
  const sourceStatus = str(post.status) || 'draft';
  let status = STATUSES[sourceStatus];
  if (!status) {
    warnings.push(`Ghost status "${sourceStatus}" is not known: imported as a draft`);
    status = 'draft';
  }
  if (sourceStatus === 'sent') warnings.push('the post was sent by email only, never shown on the site: imported as unpublished');
  const visibility = str(post.visibility) || 'public';
  if (visibility !== 'public') warnings.push(`the post was for ${visibility === 'members' ? 'members' : 'paying members'} only on Ghost ("${visibility}"): Dateline has no paywall, so it is public once published`);

  let bodyHtml = '';
  if (str(post.lexical).trim()) bodyHtml = lexicalToHtml(str(post.lexical), body);
  else if (str(post.mobiledoc).trim()) bodyHtml = mobiledocToHtml(str(post.mobiledoc), body);
  else if (str(post.html).trim()) bodyHtml = convertGhostHtml(str(post.html), body);
  else if (str(post.markdown).trim()) bodyHtml = markdownToHtml(str(post.markdown), body);
  else if (str(post.plaintext).trim()) bodyHtml = markdownToHtml(str(post.plaintext).replace(/[\\`*_[\]#<>!-]/g, '\\$&'), body);

  const publishedAt = isoDate(post.published_at);
  const createdAt = isoDate(post.created_at);
  const modifiedAt = isoDate(post.updated_at);
  let published = publishedAt;
  if ((status === 'published' || status === 'scheduled') && !published) {
    published = createdAt ?? modifiedAt;
    if (published) warnings.push('the post has no publication date: its creation date was used');
    else {
      warnings.push(`the post is ${status} but has no date at all: imported as a draft`);
      status = 'draft';
    }
  }

  // Authors: posts_authors in order, or the old single author_id.
  const authorIds = ctx.authorsOf.get(id) ?? (str(post.author_id) ? [str(post.author_id)] : []);
  const authorKeys: string[] = [];
  for (const authorId of authorIds) {
    if (ctx.users.has(authorId)) authorKeys.push(`user:${authorId}`);
    else warnings.push(`author ${authorId} is not among the export's users`);
  }
  // Tags: the first public one is the section; internal ones are left out.
  const sectionKeys: string[] = [];
  const tagKeys: string[] = [];
  for (const tagId of ctx.tagsOf.get(id) ?? []) {
    const tag = ctx.tags.get(tagId);
    if (!tag) warnings.push(`tag ${tagId} is not among the export's tags`);
    else if (!ctx.isPublic(tagId)) warnings.push(`internal tag ${str(tag.name)} was not imported`);
    else if (sectionKeys.length === 0) sectionKeys.push(`section:${tagId}`);
    else tagKeys.push(`tag:${tagId}`);
  }

  const meta = ctx.postsMeta.get(id) ?? {};
  const slug = str(post.slug) || undefined;
  const featureImage = str(post.feature_image) || str(post.image);
  let featuredImage: ImportArticle['featuredImage'];
  if (featureImage) {
    const url = absoluteUrl(featureImage, ctx);
    if (url) {
      const alt = str(meta.feature_image_alt) || str(post.feature_image_alt);
      const caption = htmlToText(str(meta.feature_image_caption) || str(post.feature_image_caption));
      featuredImage = { url, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) };
    } else warnings.push(`the feature image ${JSON.stringify(featureImage)} cannot be made absolute (give --site-url)`);
  }
  const standfirst = htmlToText(str(post.custom_excerpt)) || undefined;
  const seoTitle = str(meta.meta_title) || str(post.meta_title) || undefined;
  const seoDescription = str(meta.meta_description) || str(post.meta_description) || undefined;
  const language = normaliseLanguage(str(post.locale) || str(post.language)) ?? ctx.language;
  const oldUrls = slug || post.uuid ? oldAddresses(slug, str(post.uuid), published, ctx) : [];

  const article: ImportArticle = {
    kind: 'article',
    key: `post:${id}`,
    sourceStatus,
    status,
    headline: title || '(untitled)',
    ...(slug ? { slug } : {}),
    ...(standfirst ? { standfirst } : {}),
    bodyHtml,
    ...(published ? { publishedAt: published } : {}),
    ...(modifiedAt ? { modifiedAt } : {}),
    ...(createdAt ? { createdAt } : {}),
    authorKeys,
    sectionKeys,
    tagKeys,
    ...(featuredImage ? { featuredImage } : {}),
    oldUrls,
    ...(language ? { language } : {}),
    ...(seoTitle ? { seoTitle } : {}),
    ...(seoDescription ? { seoDescription } : {}),
    warnings,
  };
  if (!title) warnings.push('the post has no title: "(untitled)" was used');
  return article;
}

/** `/{slug}/` (or the 0.x `permalinks` setting's pattern) and `/p/{uuid}/`, absolute when the site is known. */
function oldAddresses(slug: string | undefined, uuid: string, published: string | undefined, ctx: PostContext): string[] {
  const paths: string[] = [];
  if (slug) {
    let path = `/${slug}/`;
    if (ctx.permalink && ctx.permalink.includes(':slug') && published) {
      const d = new Date(published);
      const pad = (n: number) => String(n).padStart(2, '0');
      path = ctx.permalink
        .replace(':year', String(d.getUTCFullYear()))
        .replace(':month', pad(d.getUTCMonth() + 1))
        .replace(':day', pad(d.getUTCDate()))
        .replace(':slug', slug);
    }
    paths.push(path);
  }
  if (uuid) paths.push(`/p/${uuid}/`);
  return paths.map((path) => (ctx.siteUrl ? ctx.siteUrl + path : path));
}

/**
 * Ghost's dates: ISO strings (`2024-03-01T09:30:00.000Z`), SQL-style UTC strings in older
 * exports (`2019-06-12 08:00:00`), or epoch milliseconds (0.x).
 */
export function isoDate(value: unknown): string | undefined {
  let date: Date;
  if (typeof value === 'number' && Number.isFinite(value)) date = new Date(value);
  else if (typeof value === 'string' && value.trim()) {
    const text = value.trim();
    const sql = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(text);
    date = new Date(sql ? `${sql[1]}T${sql[2]}Z` : /^\d{10,}$/.test(text) ? Number(text) : text);
  } else return undefined;
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** `en_US` (Ghost's old form) → `en-US`; anything not a plausible BCP 47 tag → undefined. */
function normaliseLanguage(value: string | undefined): string | undefined {
  const tag = (value ?? '').trim().replace(/_/g, '-');
  return /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(tag) ? tag : undefined;
}
