import type { ArticleRow, ArticleStatus, EntityType, Role, SourceRole, TagType } from '../../db/schema.js';

/**
 * The Dateline archive (docs/export-format.md, decision 0018): a gzipped tar of JSON, with the
 * manifest first and one record a line (NDJSON) in every other list, so that a reader streams it
 * and a person can read it with `tar -xzf` and any text editor. Pure types and mappings here; the
 * export and import services do the I/O.
 */

export const ARCHIVE_FORMAT = 'dateline-archive';
export const ARCHIVE_VERSION = 1;

/** The files of an archive, in the order they are written (the manifest first). */
export const ARCHIVE_FILES = {
  manifest: 'manifest.json',
  editions: 'editions.ndjson',
  settings: 'settings.ndjson',
  users: 'users.ndjson',
  media: 'media.ndjson',
  authors: 'authors.ndjson',
  publications: 'publications.ndjson',
  /** Since decision 0032; optional: an archive written before has none (see OPTIONAL_LISTS). */
  entities: 'entities.ndjson',
  sections: 'sections.ndjson',
  tags: 'tags.ndjson',
  webhooks: 'webhooks.ndjson',
  articles: 'articles.ndjson',
} as const;

export type ListName = Exclude<keyof typeof ARCHIVE_FILES, 'manifest'>;
export const LIST_NAMES = Object.keys(ARCHIVE_FILES).filter((k) => k !== 'manifest') as ListName[];

/**
 * Lists added to version 1 of the format later: an archive without them is still version 1 and
 * reads as if they were empty, so that archives written before still import (decision 0032).
 */
export const OPTIONAL_LISTS: readonly ListName[] = ['entities'];

/** Media originals live under this folder, at `media/<storage key>/original.<ext>`. */
export const MEDIA_FOLDER = 'media';

export interface ManifestFile {
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  datelineVersion: string;
  /** ISO 8601 UTC, from the clock given to the export. */
  exportedAt: string;
  siteUrl: string;
  /** The editions exported: all of them, or the one of `--edition`. */
  editions: string[];
  counts: Record<ListName, number>;
  /** Every other member of the archive, by name, with its SHA-256 (hex) and size. */
  files: Record<string, ManifestFile>;
}

// ---- the records, one a line ----------------------------------------------------------------

export interface EditionRecord {
  code: string;
  name: string;
  locale: string;
  site_name: string;
  time_zone: string;
  is_default: boolean;
  position: number;
  footer_note: string;
  sign_off: string;
}

export interface SettingRecord {
  key: string;
  value: string;
}

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  role: Role;
  author: number | null;
  created_at: string;
  password_changed_at: string;
  disabled_at: string | null;
}

export interface MediaRecord {
  id: number;
  storage_key: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  created_at: string;
  created_by: number | null;
  /** The original's member name in the archive (`media/<storage key>/original.jpg`); null when the site had lost it. */
  file: string | null;
}

export interface AuthorRecord {
  id: number;
  slug: string;
  name: string;
  bio: string;
  photo: number | null;
  created_at: string;
  updated_at: string;
}

export interface PublicationRecord {
  id: number;
  slug: string;
  name: string;
  url: string | null;
  kind: string;
  created_at: string;
  updated_at: string;
}

export interface SectionRecord {
  id: number;
  edition: string;
  slug: string;
  name: string;
  description: string;
  position: number;
  /** Old slugs that answer 301 to this section. */
  redirects: string[];
  created_at: string;
  updated_at: string;
}

export interface TagRecord {
  id: number;
  edition: string;
  type: TagType;
  slug: string;
  name: string;
  description: string;
  redirects: string[];
  /** The entity (an id of entities.ndjson) the tag names across editions; absent in older archives. */
  entity?: number | null;
  created_at: string;
  updated_at: string;
}

/**
 * A person, place or organisation across editions (decision 0027). Its tags name it (TagRecord's
 * `entity`); quotations link to it in the articles' bodies (`speakerEntity` on a quote block,
 * `<q data-speaker>` in running text), by this id, which an import maps to the restored entity's.
 */
export interface EntityRecord {
  id: number;
  type: EntityType;
  slug: string;
  name: string;
  aliases: string[];
  description: string;
  role: string;
  /** "Q…", as an editor typed it. */
  wikidata: string | null;
  /** An id of media.ndjson, or null. */
  photo: number | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookRecord {
  id: number;
  url: string;
  events: string[];
  description: string;
  created_by: number | null;
  created_at: string;
  disabled_at: string | null;
}

export interface SourceRecord {
  publication: number | null;
  kind: string | null;
  role: SourceRole;
  url: string | null;
  guid: string | null;
}

export interface RevisionRecord {
  created_at: string;
  author_name: string | null;
  user: number | null;
  note: string;
  /** Every field of the article at that save, as the site stored it (ids are the exporting site's). */
  snapshot: unknown;
}

export interface WireProvenance {
  feed: string;
  guid: string;
  url: string | null;
  seen_version: number;
  seen_status: string;
  changed_at: string | null;
}

/**
 * What ninjs has no field for, or not exactly enough to restore the article from. The headline,
 * standfirst, HTML body and SEO title and description are read back from the ninjs fields
 * (`headlines`, `descriptions`, `bodies`, by role), so they are not repeated here.
 */
export interface DatelineExtension {
  id: number;
  edition: string;
  section: number;
  slug: string;
  status: ArticleStatus;
  /** The body document (blocks), from which `bodies[0]` was rendered. */
  body: unknown;
  dateline_place: string | null;
  lead_media: number | null;
  translation_group: string | null;
  is_top: boolean;
  created_at: string;
  modified_at: string;
  published_at: string | null;
  updated_at: string | null;
  created_by: number | null;
  submitted_at: string | null;
  submitted_by: number | null;
  authors: number[];
  tags: number[];
  sources: SourceRecord[];
  /** The attribution sentence as the site worded it at export, for readers of the archive. */
  attribution: string | null;
  corrections: { created_at: string; text: string }[];
  revisions: RevisionRecord[];
  /** Old paths of the article that answer 301 to it. */
  redirects: { from_path: string; created_at: string }[];
  /** The wire reports the article was written from (restored only where the report exists). */
  wire: WireProvenance[];
  /** Only on an article that is or was covered live (decision 0022): its coverage and entries. */
  live?: LiveRecord;
}

/** A live article's coverage and every entry, oldest id first (so a restore keeps their order). */
export interface LiveRecord {
  started_at: string;
  ended_at: string | null;
  entries: LiveEntryRecord[];
}

export interface LiveEntryRecord {
  id: number;
  published_at: string;
  headline: string;
  /** The entry's body document (blocks), as an article's. */
  body: unknown;
  key_event: boolean;
  pinned: boolean;
  /** The article the entry was broken out into (an article id of the archive), or null. */
  breakout_article: number | null;
  /** Author ids in byline order. */
  authors: number[];
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** An article: an IPTC ninjs 3.0 document with Dateline's extension under `dateline`. */
export interface ArticleDocument {
  uri: string;
  standard: { name: 'ninjs'; version: '3.0'; schema: string };
  type: 'text';
  representationtype: 'complete';
  language: string;
  pubstatus: 'usable' | 'withheld';
  firstcreated: string;
  versioncreated: string;
  contentcreated?: string;
  embargoed?: string;
  headlines: { role: string; value: string }[];
  descriptions: { role: string; contenttype: string; value: string }[];
  bodies: { role: string; contenttype: string; value: string }[];
  bylines: { byline: string; uri: string }[];
  located?: string;
  subjects: { name: string; uri: string }[];
  people: { name: string; uri: string }[];
  places: { name: string; uri: string }[];
  organisations: { name: string; uri: string }[];
  infosources: { name: string; role: string; uri?: string }[];
  associations: { name: string; type: string; uri: string; mimetype: string; headlines: { value: string }[]; descriptions: { role: string; value: string }[] }[];
  uri_web?: string;
  dateline: DatelineExtension;
}

// ---- the mapping of an article ---------------------------------------------------------------

export interface NinjsContext {
  siteUrl: string;
  locale: string;
  /** The article's public address when it is published (absolute). */
  publicUrl: string | null;
  authors: Map<number, { slug: string; name: string }>;
  tags: Map<number, { type: TagType; slug: string; name: string; uri: string }>;
  publications: Map<number, { name: string; url: string | null }>;
  media: Map<number, { storage_key: string; mime: string; alt: string; caption: string; uri: string }>;
  attribution: string | null;
}

export function articleUri(siteUrl: string, id: number): string {
  return `${siteUrl.replace(/\/$/, '')}/api/v1/articles/${id}`;
}

/** Builds the ninjs document of an article and its children (`ext` minus the ninjs-only fields). */
export function toNinjs(row: ArticleRow, ext: Omit<DatelineExtension, 'attribution'>, ctx: NinjsContext): ArticleDocument {
  const pick = <T extends { uri: string; name: string }>(type: TagType) =>
    ext.tags.flatMap((id) => {
      const tag = ctx.tags.get(id);
      return tag && tag.type === type ? [{ name: tag.name, uri: tag.uri } as T] : [];
    });
  const lead = row.lead_media_id === null ? undefined : ctx.media.get(row.lead_media_id);
  const doc: ArticleDocument = {
    uri: articleUri(ctx.siteUrl, row.id),
    standard: { name: 'ninjs', version: '3.0', schema: 'https://www.iptc.org/std/ninjs/ninjs-schema_3.0.json' },
    type: 'text',
    representationtype: 'complete',
    language: ctx.locale,
    pubstatus: row.status === 'published' ? 'usable' : 'withheld',
    firstcreated: row.created_at,
    versioncreated: row.modified_at,
    ...(row.published_at ? { contentcreated: row.published_at } : {}),
    ...(row.status === 'scheduled' && row.published_at ? { embargoed: row.published_at } : {}),
    headlines: [{ role: 'main', value: row.headline }, ...(row.seo_title ? [{ role: 'seo', value: row.seo_title }] : [])],
    descriptions: [
      { role: 'summary', contenttype: 'text/plain', value: row.standfirst },
      ...(row.seo_description ? [{ role: 'seo', contenttype: 'text/plain', value: row.seo_description }] : []),
    ],
    bodies: [{ role: 'main', contenttype: 'text/html', value: row.body_html }],
    bylines: ext.authors.flatMap((id) => {
      const author = ctx.authors.get(id);
      return author ? [{ byline: author.name, uri: `${ctx.siteUrl.replace(/\/$/, '')}/authors/${author.slug}` }] : [];
    }),
    ...(row.dateline_place ? { located: row.dateline_place } : {}),
    subjects: pick('topic'),
    people: pick('person'),
    places: pick('place'),
    organisations: pick('organisation'),
    infosources: ext.sources.map((s) => {
      const publication = s.publication === null ? undefined : ctx.publications.get(s.publication);
      const uri = s.url ?? publication?.url ?? undefined;
      return { name: publication?.name ?? s.kind ?? '', role: s.role, ...(uri ? { uri } : {}) };
    }),
    associations: lead
      ? [{ name: 'leadimage', type: 'picture', uri: lead.uri, mimetype: lead.mime, headlines: [{ value: lead.alt }], descriptions: [{ role: 'caption', value: lead.caption }] }]
      : [],
    ...(ctx.publicUrl ? { uri_web: ctx.publicUrl } : {}),
    dateline: { ...ext, attribution: ctx.attribution },
  };
  return doc;
}
