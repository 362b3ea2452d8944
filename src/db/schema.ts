import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The database as Kysely sees it. Times are ISO 8601 UTC strings in code on both dialects
 * (`text` in SQLite, `timestamptz` in PostgreSQL, parsed back to ISO strings by the pg driver);
 * flags are integers 0/1 because SQLite has no boolean type.
 */
export interface Database {
  editions: EditionTable;
  sections: SectionTable;
  authors: AuthorTable;
  media: MediaTable;
  articles: ArticleTable;
  article_authors: ArticleAuthorTable;
  publications: PublicationTable;
  sources: SourceTable;
  tags: TagTable;
  article_tags: ArticleTagTable;
  corrections: CorrectionTable;
  revisions: RevisionTable;
  redirects: RedirectTable;
  settings: SettingTable;
  search_documents: SearchDocumentTable;
}

export interface EditionTable {
  code: string;
  name: string;
  locale: string;
  site_name: string;
  time_zone: string;
  is_default: number;
  position: number;
}

export interface SectionTable {
  id: Generated<number>;
  edition: string;
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface AuthorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
}

export interface MediaTable {
  id: Generated<number>;
  /** Folder under DATA_DIR/media holding the original and the renditions. */
  storage_key: string;
  mime: string;
  width: number;
  height: number;
  /** JSON array of rendition widths, each stored as .jpg, .webp and .avif. */
  rendition_widths: string;
  alt: string;
  caption: string;
  credit: string;
  created_at: string;
}

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'unpublished';

export interface ArticleTable {
  id: Generated<number>;
  edition: string;
  section_id: number;
  slug: string;
  status: ArticleStatus;
  headline: string;
  standfirst: string;
  /** The body as a structured document (JSON); `body_html` is its sanitised rendering. */
  body_doc: string;
  body_html: string;
  dateline_place: string | null;
  seo_title: string | null;
  seo_description: string | null;
  lead_media_id: number | null;
  translation_group: string | null;
  is_top: number;
  created_at: string;
  /** Any change, for caching and sitemaps. */
  modified_at: string;
  published_at: string | null;
  /** The last substantive update, shown as "Updated …". */
  updated_at: string | null;
}

export interface ArticleAuthorTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface PublicationTable {
  id: Generated<number>;
  slug: string;
  name: string;
  url: string | null;
  kind: string;
}

export type SourceRole = 'citing' | 'reported_by' | 'contributed';

export interface SourceTable {
  id: Generated<number>;
  article_id: number;
  /** Null when the source is known only as a kind ("foreign media"). */
  publication_id: number | null;
  kind: string | null;
  role: SourceRole;
  url: string | null;
  position: number;
}

export type TagType = 'person' | 'place' | 'organisation' | 'topic';

export interface TagTable {
  id: Generated<number>;
  edition: string;
  type: TagType;
  slug: string;
  name: string;
  description: string;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
}

export interface CorrectionTable {
  id: Generated<number>;
  article_id: number;
  created_at: string;
  text: string;
}

export interface RevisionTable {
  id: Generated<number>;
  article_id: number;
  created_at: string;
  author_name: string | null;
  /** Every field of the article at this save, as JSON. */
  snapshot: string;
}

export interface RedirectTable {
  id: Generated<number>;
  edition: string;
  from_path: string;
  article_id: number;
  created_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
}

/**
 * One row per published article in the search index (src/features/search). The text itself lives
 * in the FTS5 table `search_fts` on SQLite and in a `vector` tsvector column on PostgreSQL; both
 * are dialect-specific and reached through raw SQL, so neither is declared here.
 */
export interface SearchDocumentTable {
  article_id: number;
  edition: string;
  section_id: number;
  /** Publication time in whole seconds since 1970. */
  published_s: number;
  /** Folded tokens of the headline, separated by spaces. */
  headline_tokens: string;
  /** Folded tokens of the standfirst and tag names, separated by spaces. */
  mid_tokens: string;
}

export type Edition = Selectable<EditionTable>;
export type Section = Selectable<SectionTable>;
export type Author = Selectable<AuthorTable>;
export type Media = Selectable<MediaTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type NewArticle = Insertable<ArticleTable>;
export type Tag = Selectable<TagTable>;
export type Publication = Selectable<PublicationTable>;
