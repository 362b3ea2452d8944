import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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
  entities: EntityTable;
  article_tags: ArticleTagTable;
  corrections: CorrectionTable;
  revisions: RevisionTable;
  redirects: RedirectTable;
  settings: SettingTable;
  search_documents: SearchDocumentTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  api_keys: ApiKeyTable;
  jobs: JobTable;
  tag_redirects: TagRedirectTable;
  section_redirects: SectionRedirectTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  wire_feeds: WireFeedTable;
  wire_groups: WireGroupTable;
  wire_items: WireItemTable;
  wire_item_versions: WireItemVersionTable;
  wire_bands: WireBandTable;
  article_wire_items: ArticleWireItemTable;
  wire_alerts: WireAlertTable;
  wire_feed_log: WireFeedLogTable;
  changes: ChangeTable;
  import_records: ImportRecordTable;
  live_coverage: LiveCoverageTable;
  live_entries: LiveEntryTable;
  live_entry_authors: LiveEntryAuthorTable;
  front_slots: FrontSlotTable;
  front_breaking: FrontBreakingTable;
  article_views: ArticleViewTable;
  leases: LeaseTable;
  suggestion_rejections: SuggestionRejectionTable;
}

export interface EditionTable {
  code: string;
  name: string;
  locale: string;
  site_name: string;
  time_zone: string;
  is_default: number;
  position: number;
  /** Plain text under every reader page of the edition; "" for none. */
  footer_note: Generated<string>;
  /** The line under every article; "" for the default "© <year> <site>. All rights reserved." */
  sign_off: Generated<string>;
}

export interface SectionTable {
  id: Generated<number>;
  edition: string;
  slug: string;
  name: string;
  description: string;
  position: number;
  /** When it was made (migration 20261204T1710; rows older than that: their first article's time). */
  created_at: ColumnType<string, string, never>;
  /** Its last change, by any write path (newsroom, admin API, tag merges, the demo): what updatedSince filters on. */
  updated_at: string;
}

export interface AuthorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  photo_media_id: number | null;
  /** When it was made (migration 20261204T1710; rows older than that: their first article's time). */
  created_at: ColumnType<string, string, never>;
  /** Its last change, by any write path (newsroom, admin API, tag merges, the demo): what updatedSince filters on. */
  updated_at: string;
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
  /** The user who uploaded it (optional on insert: the demo and integration keys have none). */
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
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
  /** The user who created it (null for imports and the demo). */
  created_by: number | null;
  /** The integration key that created it through the admin API (optional on insert). */
  created_by_key: ColumnType<number | null, number | null | undefined, number | null>;
  /** Set while a draft waits for an editor: "in review". */
  submitted_at: string | null;
  submitted_by: number | null;
  /** Who has the article open in the editor, and since when (refreshed while open). */
  locked_by: number | null;
  locked_at: string | null;
  /** The secret of a shareable preview link; null when none was made. */
  preview_token: string | null;
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
  /** When it was made (migration 20261204T1710; rows older than that: their first article's time). */
  created_at: ColumnType<string, string, never>;
  /** Its last change, by any write path (newsroom, admin API, tag merges, the demo): what updatedSince filters on. */
  updated_at: string;
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
  /** The guid of the wire item this source came from (migration 20261204T0500), when it came from one. */
  guid: string | null;
  position: number;
}

export type TagType = 'person' | 'place' | 'organisation' | 'topic';

/** Every tag type, in the order pages and forms list them. */
export const TAG_TYPES: readonly TagType[] = ['person', 'place', 'organisation', 'topic'];

export interface TagTable {
  id: Generated<number>;
  edition: string;
  type: TagType;
  slug: string;
  name: string;
  description: string;
  /** When it was made (migration 20261204T1710; rows older than that: their first article's time). */
  created_at: ColumnType<string, string, never>;
  /** Its last change, by any write path (newsroom, admin API, tag merges, the demo): what updatedSince filters on. */
  updated_at: string;
  /** The person, place or organisation this tag names, linked across editions (migration 20261205T0500). */
  entity_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export type EntityType = 'person' | 'place' | 'organisation';
export const ENTITY_TYPES: readonly EntityType[] = ['person', 'place', 'organisation'];

/** A person, place or organisation across editions (decision 0027). */
export interface EntityTable {
  id: Generated<number>;
  type: EntityType;
  slug: string;
  name: string;
  /** Other names in every script, one per line. */
  aliases: string;
  description: string;
  role: string;
  /** "Q123": typed by an editor, never fetched. */
  wikidata: string | null;
  photo_media_id: number | null;
  created_at: string;
  updated_at: string;
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
  user_id: number | null;
  /** What the save was: "Published", "Autosave", "Restored revision 12"... */
  note: string;
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

export type Role = 'admin' | 'editor' | 'writer';

export interface UserTable {
  id: Generated<number>;
  /** Stored lower-case. */
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  /** The author whose byline this user writes under. */
  author_id: number | null;
  created_at: string;
  password_changed_at: string;
  disabled_at: string | null;
}

export interface SessionTable {
  /** SHA-256 (hex) of the cookie's token. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  address: string;
  user_agent: string;
}

export interface LoginFailureTable {
  id: Generated<number>;
  /** "account:<email>" or "address:<ip>". */
  key: string;
  at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  /** Who did it, as shown: a user's name or "Integration key …". */
  actor: string;
  action: string;
  /** What it was done to, e.g. "article 12" or "user 3". */
  subject: string;
  detail: string;
}

export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  /** The public part of the key, shown in lists and used to find it. */
  prefix: string;
  /** SHA-256 (hex) of the whole key. */
  key_hash: string;
  role: Role;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  run_at: string;
  attempts: number;
  /** A worker holds the job until then; a crashed worker's job is taken again after it. */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
}

export interface TagRedirectTable {
  id: Generated<number>;
  edition: string;
  type: string;
  from_slug: string;
  tag_id: number;
}

/** An old slug of a section: "/<from_slug>" and its feeds answer 301 to the section's current slug. */
export interface SectionRedirectTable {
  id: Generated<number>;
  edition: string;
  from_slug: string;
  section_id: number;
}

export interface WebhookTable {
  id: Generated<number>;
  /** Where deliveries are POSTed (http or https). */
  url: string;
  /** JSON array of the article events it receives, e.g. ["article.published"]. */
  events: string;
  /** Signs every delivery (HMAC-SHA256); shown to admins, replaced by "rotate secret". */
  secret: string;
  description: string;
  created_by: number | null;
  created_at: string;
  /** A disabled webhook receives nothing, and its pending deliveries are dropped. */
  disabled_at: string | null;
}

/** One attempt to deliver one event to one webhook, with what the receiver answered. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: number;
  /** The job the attempt ran in (gone once old jobs are purged). */
  job_id: number | null;
  event: string;
  article_id: number | null;
  /** 1 for the first attempt of the job, 2 for its first retry... */
  attempt: number;
  /** Null when no response came (network error, timeout, refused address). */
  status_code: number | null;
  /** The first 2 KB of the response body. */
  response_excerpt: string;
  error: string | null;
  duration_ms: number;
  at: string;
}

export type User = Selectable<UserTable>;
export type Edition = Selectable<EditionTable>;
export type Section = Selectable<SectionTable>;
export type Author = Selectable<AuthorTable>;
export type Media = Selectable<MediaTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type NewArticle = Insertable<ArticleTable>;
export type Tag = Selectable<TagTable>;
export type Entity = Selectable<EntityTable>;
export type Publication = Selectable<PublicationTable>;

// ---- the wire desk (migration 20261204T0300-wires) ----

/** How a feed's documents arrive: polled over HTTP(S), dropped in a folder, or pushed to the admin API. */
export type WireTransport = 'http' | 'folder' | 'push';
/** The format of a feed's documents; 'auto' recognises each document. */
export type WireFormat = 'auto' | 'rss' | 'atom' | 'jsonfeed' | 'ninjs' | 'newsml';
/** IPTC's pubstatus: usable, withheld (held back for now) or canceled (killed). */
export type WireItemStatus = 'usable' | 'withheld' | 'canceled';

export interface WireFeedTable {
  id: Generated<number>;
  slug: string;
  name: string;
  publication_id: number;
  transport: WireTransport;
  format: Generated<WireFormat>;
  /** The address polled (http only). */
  url: string | null;
  /** Language assumed for items that declare none and cannot be detected; '' for none. */
  language: Generated<string>;
  /** Seconds between polls: 30 to 86,400 (300 by default). */
  interval_s: Generated<number>;
  enabled: Generated<number>;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  /** Failures in a row (backoff grows with it); 0 after a success. */
  failures: Generated<number>;
  next_poll_at: string | null;
  /** When the newest item arrived: the "silent for longer than usual" warning reads it. */
  last_item_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Items that report the same event, from one or several media. */
export interface WireGroupTable {
  id: Generated<number>;
  created_at: string;
  /** The newest item's arrival: groups are listed by it, newest first. */
  updated_at: string;
  item_count: Generated<number>;
  lead_item_id: number | null;
}

export interface WireItemTable {
  id: Generated<number>;
  feed_id: number;
  /** The item's id in its feed (guid, ninjs uri, NewsML guid); a second sending is a new version. */
  guid: string;
  version: Generated<number>;
  headline: string;
  byline: Generated<string>;
  /** Dateline's body document (JSON), its sanitised HTML, and its plain text. */
  body_doc: string;
  body_html: string;
  body_text: string;
  /** BCP 47 language tag; '' when unknown. */
  language: Generated<string>;
  /** 1 when the document declared the language, 0 when it was detected or assumed. */
  language_declared: Generated<number>;
  /** IPTC urgency, 1 (flash) to 9; null when not given. */
  urgency: number | null;
  /** JSON array of `{ code?: string; name: string }`. */
  subjects: Generated<string>;
  place: Generated<string>;
  embargo_until: string | null;
  status: Generated<WireItemStatus>;
  /** The report's own address at its publisher. */
  url: string | null;
  sent_at: string | null;
  received_at: string;
  /** When the current version arrived. */
  updated_at: string;
  /** The document the item came in, cut to a size limit, and its format. */
  raw: Generated<string>;
  raw_format: Generated<string>;
  /** SHA-256 (hex) of the folded text: exact copies share it. */
  content_hash: string;
  /** MinHash signature (hex) of the story fingerprint (names, figures, rare words of the headline and lead). */
  signature: Generated<string>;
  group_id: number | null;
  /** The item this one is an exact copy of (listed under it, not on its own). */
  duplicate_of: number | null;
}

/** Every version of an item, the current one included. */
export interface WireItemVersionTable {
  id: Generated<number>;
  item_id: number;
  version: number;
  headline: string;
  byline: Generated<string>;
  body_doc: string;
  body_text: string;
  status: WireItemStatus;
  embargo_until: string | null;
  sent_at: string | null;
  received_at: string;
  raw: Generated<string>;
}

/** One MinHash band key of an item: items sharing a key are candidates for the same story. */
export interface WireBandTable {
  band: string;
  item_id: number;
}

/** An item an article was written from, and what the writer saw of it. */
export interface ArticleWireItemTable {
  article_id: number;
  item_id: number;
  seen_version: number;
  seen_status: WireItemStatus;
  /** Set when the item was updated or killed after that; null once dealt with. */
  changed_at: string | null;
  position: Generated<number>;
}

/** A user's saved keyword alert over incoming items. */
export interface WireAlertTable {
  id: Generated<number>;
  user_id: number;
  keywords: string;
  /** 1: matching items also go out as the webhook event `wire.alert`. */
  notify: Generated<number>;
  created_at: string;
}

export type WireTakeInOutcome = 'ok' | 'not_modified' | 'error';

/** One take-in of a wire feed (poll, dropped file, push) and what it brought (migration 20261204T0500). */
export interface WireFeedLogTable {
  id: Generated<number>;
  feed_id: number;
  at: string;
  outcome: WireTakeInOutcome;
  /** What was taken in: "GET https://…", a file name, "push". */
  origin: Generated<string>;
  http_status: number | null;
  bytes: Generated<number>;
  duration_ms: Generated<number>;
  items_new: Generated<number>;
  items_updated: Generated<number>;
  items_unchanged: Generated<number>;
  /** JSON array of { where, message }: the items skipped and why. */
  problems: Generated<string>;
  /** Why the whole take-in failed, in words a newsroom reads. */
  error: string | null;
}

/** What one record of an imported source became (migration 20261204T1700, decision 0016). */
export interface ImportRecordTable {
  id: Generated<number>;
  /** `${format}:${the source's own identity}`, e.g. "wordpress:https://old.example". */
  origin: string;
  /** 'author' | 'section' | 'tag' | 'article' | 'image' | 'publication'. */
  kind: string;
  /** The record's identity in the source (a post id, a ninjs uri, an image URL). */
  key: string;
  /** The id of the row it became. */
  target_id: number;
  created_at: string;
}

/** One change readers can see, for the instances that missed its NOTIFY (migration 20261205T0100, decision 0020). */
export interface ChangeTable {
  id: Generated<number>;
  /** The keys of the pages it touches (cache/page-keys.ts), separated by spaces; "*" for everything. */
  keys: string;
  created_at: string;
}

/** An article that is (or was) covered live (migration 20261205T0200, decision 0022). */
export interface LiveCoverageTable {
  article_id: number;
  started_at: string;
  /** When coverage ended; null while it runs. */
  ended_at: string | null;
}

/** One timed update of a live article. */
export interface LiveEntryTable {
  id: Generated<number>;
  article_id: number;
  /** The time shown with the entry (and its order, newest first). */
  published_at: string;
  /** Optional; "" for none. */
  headline: Generated<string>;
  /** A body document (JSON) like an article's; `body_html` is its sanitised rendering. */
  body_doc: string;
  body_html: string;
  key_event: Generated<number>;
  pinned: Generated<number>;
  /** The article this entry was broken out into, if it was. */
  breakout_article_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: number | null;
  created_at: string;
  /** Any change; readers' streams send what changed since a time they name. */
  updated_at: string;
}

export interface LiveEntryAuthorTable {
  entry_id: number;
  author_id: number;
  position: number;
}

export type LiveEntryRow = Selectable<LiveEntryTable>;

/** A story an editor placed at the top of an edition's home page (migration 20261205T0300, decision 0024); position 0 is the lead. */
export interface FrontSlotTable {
  edition: string;
  position: number;
  article_id: number;
}

/** The breaking-news strip of an edition's home page. */
export interface FrontBreakingTable {
  edition: string;
  active: Generated<number>;
  text: Generated<string>;
  url: Generated<string>;
  updated_at: string;
}

/** Readers' views of an article in one hour (UTC, "2026-12-05T03"), added to by every instance. */
export interface ArticleViewTable {
  article_id: number;
  hour: string;
  edition: string;
  views: number;
}

/** Work one instance at a time may do, and who does it until when (migration 20261205T0700, decision 0029). */
export interface LeaseTable {
  /** What the lease is for: "wire-feed:12". */
  name: string;
  /** Which process and task holds it (jobs/lease.ts). */
  holder: string;
  acquired_at: string;
  /** After this anyone may take it: the holder died, or stopped renewing. */
  expires_at: string;
}

/** A suggestion an editor rejected for an article, by its key (migration 20261205T1000, decision 0032). */
export interface SuggestionRejectionTable {
  article_id: number;
  key: string;
  created_at: string;
}
