import { AppError } from '../../lib/errors.js';
import { PROVIDER_NAMES, type EmbedProvider } from '../articles/embed.js';
import { ENTITY_TYPES, TAG_TYPES, type ArticleStatus, type EntityType, type Role, type SourceRole, type TagType } from '../../db/schema.js';
import type { BodyDocument } from '../articles/body.js';
import type {
  ArticleDocument,
  AuthorRecord,
  EditionRecord,
  EntityRecord,
  LiveEntryRecord,
  LiveRecord,
  MediaRecord,
  PublicationRecord,
  SectionRecord,
  SettingRecord,
  TagRecord,
  UserRecord,
  WebhookRecord,
} from './archive.js';

/**
 * Checks every record of an archive before anything is written: a record that is not what
 * docs/export-format.md says stops the import with the file, line and field, and the site is
 * left as it was. Only the fields a restore reads are checked; the rest of a ninjs document is
 * for other readers.
 */

export class ArchiveInvalid extends AppError {
  constructor(message: string) {
    super(400, 'archive_invalid', message);
  }
}

type Obj = Record<string, unknown>;

export class Fields {
  constructor(
    private readonly o: Obj,
    private readonly where: string,
  ) {}

  static of(value: unknown, where: string): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ArchiveInvalid(`${where}: expected an object.`);
    return new Fields(value as Obj, where);
  }

  private bad(key: string, what: string): never {
    throw new ArchiveInvalid(`${this.where}: "${key}" must be ${what}.`);
  }

  raw(key: string): unknown {
    return this.o[key];
  }

  str(key: string, max = 100_000): string {
    const v = this.o[key];
    if (typeof v !== 'string' || v.length > max) this.bad(key, `a string of at most ${max} characters`);
    return v;
  }

  strOrNull(key: string, max = 100_000): string | null {
    return this.o[key] === null || this.o[key] === undefined ? null : this.str(key, max);
  }

  time(key: string): string {
    const v = this.str(key, 40);
    if (Number.isNaN(Date.parse(v))) this.bad(key, 'an ISO 8601 time');
    return new Date(v).toISOString();
  }

  timeOrNull(key: string): string | null {
    return this.o[key] === null || this.o[key] === undefined ? null : this.time(key);
  }

  int(key: string): number {
    const v = this.o[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) this.bad(key, 'a whole number');
    return v;
  }

  id(key: string): number {
    const v = this.int(key);
    if (v < 1) this.bad(key, 'a positive whole number');
    return v;
  }

  idOrNull(key: string): number | null {
    return this.o[key] === null || this.o[key] === undefined ? null : this.id(key);
  }

  bool(key: string): boolean {
    const v = this.o[key];
    if (typeof v !== 'boolean') this.bad(key, 'true or false');
    return v;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const v = this.o[key];
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) this.bad(key, `one of ${values.join(', ')}`);
    return v as T;
  }

  list(key: string): unknown[] {
    const v = this.o[key];
    if (!Array.isArray(v)) this.bad(key, 'a list');
    return v;
  }

  ids(key: string): number[] {
    return this.list(key).map((v, i) => {
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new ArchiveInvalid(`${this.where}: "${key}"[${i}] must be a positive whole number.`);
      return v;
    });
  }

  strings(key: string, max = 2_000): string[] {
    return this.list(key).map((v, i) => {
      if (typeof v !== 'string' || v.length > max) throw new ArchiveInvalid(`${this.where}: "${key}"[${i}] must be a string.`);
      return v;
    });
  }

  sub(key: string): Fields {
    return Fields.of(this.o[key], `${this.where} "${key}"`);
  }
}

const SLUG = /^[\p{L}\p{N}][\p{L}\p{N}-]{0,199}$/u;
const slug = (f: Fields, key: string): string => {
  const v = f.str(key, 200);
  if (!SLUG.test(v)) throw new ArchiveInvalid(`${(f as unknown as { where: string }).where}: "${key}" is not a slug.`);
  return v;
};
const CODE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** A storage key becomes a folder under the data folder: letters, digits, `-` and `_` between single slashes. */
export const SAFE_STORAGE_KEY = /^[A-Za-z0-9][\w-]*(?:\/[A-Za-z0-9][\w-]*){0,4}$/;

export function checkEdition(value: unknown, where: string): EditionRecord {
  const f = Fields.of(value, where);
  const code = f.str('code', 20);
  if (!CODE.test(code)) throw new ArchiveInvalid(`${where}: "code" is not an edition code.`);
  return {
    code,
    name: f.str('name', 200),
    locale: f.str('locale', 40),
    site_name: f.str('site_name', 200),
    time_zone: f.str('time_zone', 80),
    is_default: f.bool('is_default'),
    position: f.int('position'),
    footer_note: f.str('footer_note', 2_000),
    sign_off: f.str('sign_off', 2_000),
  };
}

export function checkSetting(value: unknown, where: string): SettingRecord {
  const f = Fields.of(value, where);
  return { key: f.str('key', 200), value: f.str('value', 100_000) };
}

export function checkUser(value: unknown, where: string): UserRecord {
  const f = Fields.of(value, where);
  const email = f.str('email', 320).toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ArchiveInvalid(`${where}: "email" is not an e-mail address.`);
  return {
    id: f.id('id'),
    email,
    name: f.str('name', 200),
    role: f.oneOf<Role>('role', ['admin', 'editor', 'writer']),
    author: f.idOrNull('author'),
    created_at: f.time('created_at'),
    password_changed_at: f.time('password_changed_at'),
    disabled_at: f.timeOrNull('disabled_at'),
  };
}

export function checkMedia(value: unknown, where: string): MediaRecord {
  const f = Fields.of(value, where);
  const storageKey = f.str('storage_key', 200);
  if (!SAFE_STORAGE_KEY.test(storageKey)) throw new ArchiveInvalid(`${where}: "storage_key" must be letters, digits, - and _ between slashes.`);
  const file = f.strOrNull('file', 300);
  if (file !== null && !file.startsWith(`media/${storageKey}/original.`)) throw new ArchiveInvalid(`${where}: "file" must be media/<storage_key>/original.<ext>.`);
  return {
    id: f.id('id'),
    storage_key: storageKey,
    mime: f.str('mime', 100),
    width: f.int('width'),
    height: f.int('height'),
    alt: f.str('alt', 2_000),
    caption: f.str('caption', 5_000),
    credit: f.str('credit', 2_000),
    created_at: f.time('created_at'),
    created_by: f.idOrNull('created_by'),
    file,
  };
}

/** When a section, tag, author or publication was made and last changed. */
const dates = (f: Fields) => ({ created_at: f.time('created_at'), updated_at: f.time('updated_at') });

export function checkAuthor(value: unknown, where: string): AuthorRecord {
  const f = Fields.of(value, where);
  return { id: f.id('id'), slug: slug(f, 'slug'), name: f.str('name', 200), bio: f.str('bio', 10_000), photo: f.idOrNull('photo'), ...dates(f) };
}

export function checkPublication(value: unknown, where: string): PublicationRecord {
  const f = Fields.of(value, where);
  return { id: f.id('id'), slug: slug(f, 'slug'), name: f.str('name', 200), url: f.strOrNull('url', 2_000), kind: f.str('kind', 100), ...dates(f) };
}

export function checkSection(value: unknown, where: string): SectionRecord {
  const f = Fields.of(value, where);
  return {
    id: f.id('id'),
    edition: f.str('edition', 20),
    slug: slug(f, 'slug'),
    name: f.str('name', 200),
    description: f.str('description', 5_000),
    position: f.int('position'),
    redirects: f.strings('redirects', 200),
    ...dates(f),
  };
}

export function checkTag(value: unknown, where: string): TagRecord {
  const f = Fields.of(value, where);
  return {
    id: f.id('id'),
    edition: f.str('edition', 20),
    type: f.oneOf<TagType>('type', TAG_TYPES),
    slug: slug(f, 'slug'),
    name: f.str('name', 200),
    description: f.str('description', 5_000),
    redirects: f.strings('redirects', 200),
    entity: f.idOrNull('entity'),
    ...dates(f),
  };
}

export function checkEntityRecord(value: unknown, where: string): EntityRecord {
  const f = Fields.of(value, where);
  const wikidata = f.strOrNull('wikidata', 20);
  if (wikidata !== null && !/^Q[1-9]\d{0,11}$/.test(wikidata)) throw new ArchiveInvalid(`${where}: "wikidata" must be a Wikidata id such as Q42, or null.`);
  return {
    id: f.id('id'),
    type: f.oneOf<EntityType>('type', ENTITY_TYPES),
    slug: slug(f, 'slug'),
    name: f.str('name', 100),
    aliases: f.strings('aliases', 100),
    description: f.str('description', 500),
    role: f.str('role', 150),
    wikidata,
    photo: f.idOrNull('photo'),
    ...dates(f),
  };
}

export function checkWebhook(value: unknown, where: string): WebhookRecord {
  const f = Fields.of(value, where);
  const url = f.str('url', 2_000);
  if (!/^https?:\/\/\S+$/i.test(url)) throw new ArchiveInvalid(`${where}: "url" must be an http(s) address.`);
  return {
    id: f.id('id'),
    url,
    events: f.strings('events', 100),
    description: f.str('description', 2_000),
    created_by: f.idOrNull('created_by'),
    created_at: f.time('created_at'),
    disabled_at: f.timeOrNull('disabled_at'),
  };
}

const BLOCK_TYPES = ['paragraph', 'heading', 'quote', 'list', 'image', 'embed'];
const EMBED_PROVIDERS = Object.keys(PROVIDER_NAMES) as EmbedProvider[];

/** The body document: version 1 and blocks of the known types (renderBody sanitises their HTML). */
function checkBody(value: unknown, where: string): BodyDocument {
  const f = Fields.of(value, where);
  if (f.raw('version') !== 1) throw new ArchiveInvalid(`${where}: "version" must be 1.`);
  const blocks = f.list('blocks');
  if (blocks.length > 2_000) throw new ArchiveInvalid(`${where}: more than 2000 blocks.`);
  blocks.forEach((block, i) => {
    const b = Fields.of(block, `${where} block ${i + 1}`);
    b.oneOf('type', BLOCK_TYPES);
    if (b.raw('type') === 'image') b.id('mediaId');
    if (b.raw('type') === 'embed') {
      // The card is rendered and sanitised again on this site (articles/embed.ts); its texts are clipped there.
      b.oneOf('provider', EMBED_PROVIDERS);
      b.str('id', 2_000);
      b.str('url', 2_000);
      if (b.raw('card') !== undefined) {
        const card = b.sub('card');
        for (const key of ['title', 'author', 'text', 'thumbnail']) card.strOrNull(key, 200_000);
      }
    }
  });
  return value as BodyDocument;
}

/** What a restore reads of an article document, checked. */
export interface CheckedArticle {
  headline: string;
  standfirst: string;
  seoTitle: string | null;
  seoDescription: string | null;
  body: BodyDocument;
  ext: {
    id: number;
    edition: string;
    section: number;
    slug: string;
    status: ArticleStatus;
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
    sources: { publication: number | null; kind: string | null; role: SourceRole; url: string | null; guid: string | null }[];
    corrections: { created_at: string; text: string }[];
    revisions: { created_at: string; author_name: string | null; user: number | null; note: string; snapshot: string }[];
    redirects: { from_path: string; created_at: string }[];
    wire: { feed: string; guid: string; seen_version: number; seen_status: 'usable' | 'withheld' | 'canceled'; changed_at: string | null }[];
    live: CheckedLive | null;
  };
}

/** A live article's coverage and entries, checked (absent from articles that were never live, and from older archives). */
export interface CheckedLive extends Omit<LiveRecord, 'entries'> {
  /** As in the archive, with each body checked as a body document. */
  entries: (Omit<LiveEntryRecord, 'body'> & { body: BodyDocument })[];
}

function checkLive(value: unknown, where: string): CheckedLive | null {
  if (value === undefined || value === null) return null;
  const f = Fields.of(value, `${where} "dateline.live"`);
  return {
    started_at: f.time('started_at'),
    ended_at: f.timeOrNull('ended_at'),
    entries: f.list('entries').map((entry, i) => {
      const e = Fields.of(entry, `${where} live entry ${i + 1}`);
      return {
        id: e.id('id'),
        published_at: e.time('published_at'),
        headline: e.str('headline', 300),
        body: checkBody(e.raw('body'), `${where} live entry ${i + 1} "body"`),
        key_event: e.bool('key_event'),
        pinned: e.bool('pinned'),
        breakout_article: e.idOrNull('breakout_article'),
        authors: e.ids('authors'),
        created_by: e.idOrNull('created_by'),
        created_at: e.time('created_at'),
        updated_at: e.time('updated_at'),
      };
    }),
  };
}

function byRole(f: Fields, key: string, role: string): string | null {
  const found = f.list(key).find((v) => typeof v === 'object' && v !== null && (v as Obj).role === role);
  if (found === undefined) return null;
  const value = (found as Obj).value;
  if (typeof value !== 'string') throw new ArchiveInvalid(`${(f as unknown as { where: string }).where}: "${key}" with role ${role} has no string value.`);
  return value;
}

export function checkArticle(value: unknown, where: string): CheckedArticle {
  const doc = Fields.of(value, where);
  const ninjs = doc.sub('standard');
  if (ninjs.raw('name') !== 'ninjs') throw new ArchiveInvalid(`${where}: not a ninjs document.`);
  const headline = byRole(doc, 'headlines', 'main');
  if (headline === null || !headline.trim()) throw new ArchiveInvalid(`${where}: no main headline.`);
  const e = doc.sub('dateline' satisfies keyof ArticleDocument);
  const status = e.oneOf<ArticleStatus>('status', ['draft', 'scheduled', 'published', 'unpublished']);
  const publishedAt = e.timeOrNull('published_at');
  if ((status === 'published' || status === 'scheduled') && publishedAt === null) throw new ArchiveInvalid(`${where}: a ${status} article needs "published_at".`);
  return {
    headline,
    standfirst: byRole(doc, 'descriptions', 'summary') ?? '',
    seoTitle: byRole(doc, 'headlines', 'seo'),
    seoDescription: byRole(doc, 'descriptions', 'seo'),
    body: checkBody(e.raw('body'), `${where} "dateline.body"`),
    ext: {
      id: e.id('id'),
      edition: e.str('edition', 20),
      section: e.id('section'),
      slug: slug(e, 'slug'),
      status,
      dateline_place: e.strOrNull('dateline_place', 200),
      lead_media: e.idOrNull('lead_media'),
      translation_group: e.strOrNull('translation_group', 200),
      is_top: e.bool('is_top'),
      created_at: e.time('created_at'),
      modified_at: e.time('modified_at'),
      published_at: publishedAt,
      updated_at: e.timeOrNull('updated_at'),
      created_by: e.idOrNull('created_by'),
      submitted_at: e.timeOrNull('submitted_at'),
      submitted_by: e.idOrNull('submitted_by'),
      authors: e.ids('authors'),
      tags: e.ids('tags'),
      sources: e.list('sources').map((s, i) => {
        const f = Fields.of(s, `${where} source ${i + 1}`);
        return { publication: f.idOrNull('publication'), kind: f.strOrNull('kind', 100), role: f.oneOf<SourceRole>('role', ['citing', 'reported_by', 'contributed']), url: f.strOrNull('url', 2_000), guid: f.strOrNull('guid', 1_000) };
      }),
      corrections: e.list('corrections').map((c, i) => {
        const f = Fields.of(c, `${where} correction ${i + 1}`);
        return { created_at: f.time('created_at'), text: f.str('text', 10_000) };
      }),
      revisions: e.list('revisions').map((r, i) => {
        const f = Fields.of(r, `${where} revision ${i + 1}`);
        const snapshot = f.raw('snapshot');
        return { created_at: f.time('created_at'), author_name: f.strOrNull('author_name', 200), user: f.idOrNull('user'), note: f.str('note', 500), snapshot: typeof snapshot === 'string' ? snapshot : JSON.stringify(snapshot ?? null) };
      }),
      redirects: e.list('redirects').map((r, i) => {
        const f = Fields.of(r, `${where} redirect ${i + 1}`);
        const from = f.str('from_path', 2_000);
        if (!from.startsWith('/')) throw new ArchiveInvalid(`${where} redirect ${i + 1}: "from_path" must start with /.`);
        return { from_path: from, created_at: f.time('created_at') };
      }),
      wire: e.list('wire').map((w, i) => {
        const f = Fields.of(w, `${where} wire report ${i + 1}`);
        return { feed: f.str('feed', 200), guid: f.str('guid', 1_000), seen_version: f.int('seen_version'), seen_status: f.oneOf('seen_status', ['usable', 'withheld', 'canceled'] as const), changed_at: f.timeOrNull('changed_at') };
      }),
      live: checkLive(e.raw('live'), where),
    },
  };
}
