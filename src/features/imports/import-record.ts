/**
 * What an importer's reader (WordPress WXR, Ghost JSON, ninjs, a Dateline archive) yields: the
 * source's content in one neutral form, one record at a time, so that a 1 GB file is never held
 * in memory. The import engine (`import.service.ts`) maps records onto editions, sections, tags,
 * authors, library images and articles, idempotently: a record's `key` is recorded with what it
 * became, and a second run (or a run after a crash) skips what is already there.
 *
 * Readers are pure with respect to the database: they read a file and yield records; they never
 * write. Everything a reader could not convert is said in `warnings` (per record) or, for the
 * whole file, by throwing `ImportFileError` after yielding whatever came before the problem.
 */

/** A reader's stable identity of a thing within its source ("post:123", a Ghost id, a ninjs uri). */
export type RecordKey = string;

/** A person who wrote for the source (WordPress author, Ghost user). */
export interface ImportAuthor {
  kind: 'author';
  key: RecordKey;
  /** Suggested slug (made from the name when absent or taken by someone else). */
  slug?: string;
  name: string;
  bio?: string;
}

/** A category (WordPress) or a primary tag (Ghost): becomes a section of the target edition. */
export interface ImportSection {
  kind: 'section';
  key: RecordKey;
  slug: string;
  name: string;
  description?: string;
  /** The parent category's key, when categories nest (the engine may flatten). */
  parentKey?: RecordKey;
}

/** A tag: becomes a topic tag of the target edition. */
export interface ImportTag {
  kind: 'tag';
  key: RecordKey;
  slug: string;
  name: string;
  description?: string;
}

/** An image the engine fetches (or reads from `--uploads DIR`) and stores in the media library. */
export interface ImportImage {
  /** Absolute http(s) URL of the original file as the old site served it. */
  url: string;
  alt?: string;
  caption?: string;
  credit?: string;
}

/** The nearest Dateline status, decided by the reader from the source's own. */
export type ImportStatus = 'published' | 'draft' | 'scheduled' | 'unpublished';

export interface ImportArticle {
  kind: 'article';
  key: RecordKey;
  /** The source's own status word ("publish", "private", "future"...), for the report. */
  sourceStatus: string;
  status: ImportStatus;
  headline: string;
  /** Suggested slug (the old one, so that addresses stay recognisable); made from the headline when absent. */
  slug?: string;
  /** Excerpt / summary as plain text. */
  standfirst?: string;
  /**
   * The body as HTML in the editor's pasted-HTML subset (paragraphs, h2/h3, lists, blockquote,
   * links, em/strong), already converted from shortcodes, Gutenberg comments, mobiledoc or
   * lexical. Images are written as `<figure><img src="ABSOLUTE URL" alt="..."><figcaption>caption</figcaption></figure>`;
   * the engine stores each image and replaces the figure with a library image block. Anything
   * else the reader did not understand is left out of the HTML and named in `warnings`: it is
   * never shown to readers as text.
   */
  bodyHtml: string;
  /** ISO 8601 with offset or Z. Required when status is 'published' or 'scheduled'. */
  publishedAt?: string;
  modifiedAt?: string;
  createdAt?: string;
  authorKeys: RecordKey[];
  /** Categories: the first that maps to a section is the article's section. */
  sectionKeys: RecordKey[];
  tagKeys: RecordKey[];
  featuredImage?: ImportImage;
  /**
   * Every address the article had on the old site: absolute URLs or paths, with a query when the
   * old address had one (WordPress `/?p=123`). Each becomes a 301 to the article's new address.
   */
  oldUrls: string[];
  /** BCP 47 language, when the source says (Polylang/WPML, ninjs `language`). */
  language?: string;
  /** Articles sharing this key are translations of each other (Polylang/WPML groups). */
  translationKey?: string;
  datelinePlace?: string;
  seoTitle?: string;
  seoDescription?: string;
  /** Publications or kinds of media the story cites (ninjs `infosource`), by name. */
  sourceNames?: string[];
  /** What the reader could not convert or had to guess, in words for the report. */
  warnings: string[];
}

/** Something the source holds that is deliberately not imported (a page, a menu item, a comment). */
export interface ImportSkipped {
  kind: 'skipped';
  key: RecordKey;
  /** For the report: "WordPress page", "navigation menu item"... */
  what: string;
  reason: string;
}

export type ImportRecord = ImportAuthor | ImportSection | ImportTag | ImportArticle | ImportSkipped;

/** What the engine asks a reader for; readers ignore what they do not need. */
export interface ReaderOptions {
  /** Called now and then with bytes read so far and the file's size, for the progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * A reader: the source's identity (so two different old sites never share keys) and the records.
 * `open` checks the file's kind up front and throws `ImportFileError` ("not a WordPress export")
 * before yielding anything.
 */
export interface ImportReader {
  /** 'wordpress' | 'ghost' | 'ninjs' | 'dateline'. */
  format: string;
  /**
   * The old site's identity, known after `open` (WXR `base_site_url`, Ghost's site url, ninjs
   * provider); keys are recorded under `${format}:${origin}` so re-imports of the same site match.
   */
  origin(): string;
  /** The old site's address, for turning absolute old URLs into paths (undefined when unknown). */
  siteUrl(): string | undefined;
  records(options?: ReaderOptions): AsyncIterable<ImportRecord>;
}

/** The whole file cannot be read further: not that format, truncated, an XML bomb... */
export class ImportFileError extends Error {
  constructor(
    message: string,
    /** Records yielded before the problem are kept; this says where reading stopped. */
    readonly where?: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}
