import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { BodyDocument } from '../articles/body.js';
import { fold } from './suggest.js';
import type { EntityDetail } from './entity.service.js';

type Db = Kysely<Database>;

export interface Quotation {
  text: string;
  /** The speaker as the article names them, and their role there. */
  speaker: string;
  role: string;
  article: { id: number; edition: string; headline: string; slug: string; section: string; publishedAt: string; editionDefault: number; timeZone: string };
}

export interface Mention {
  id: number;
  edition: string;
  headline: string;
  slug: string;
  section: string;
  publishedAt: string;
  editionDefault: number;
  timeZone: string;
}

/** How many articles a person page reads for quotations and lists as mentions. */
export const QUOTE_ARTICLES = 200;

const articleRows = (db: Db) =>
  db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .innerJoin('editions as e', 'e.code', 'a.edition')
    .select(['a.id', 'a.edition', 'a.headline', 'a.slug', 's.slug as section', 'a.published_at', 'e.is_default', 'e.time_zone'])
    .where('a.status', '=', 'published');

const likeText = (s: string) => s.replace(/[\\%_]/g, '');

/**
 * What a person said, newest first, across editions (decision 0027): the quotation blocks of
 * published articles whose speaker is linked to the entity (`speakerEntity`, set through the admin
 * API or the editor) or, when not linked to anyone, is written as one of the entity's names or
 * aliases or its tags' names. The database narrows by text; the documents decide.
 */
export async function quotationsOf(db: Db, entity: EntityDetail, limit = 50): Promise<Quotation[]> {
  const names = [...new Set([entity.name, ...entity.aliasList, ...entity.tags.map((t) => t.name)])];
  const folded = new Set(names.map(fold));
  const rows = await articleRows(db)
    .select('a.body_doc')
    .where((eb) => eb.or([eb('a.body_doc', 'like', `%"speakerEntity":${entity.id}%`), ...names.map((n) => eb('a.body_doc', 'like', `%"speaker":${likeText(JSON.stringify(n))}%`))]))
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(QUOTE_ARTICLES)
    .execute();
  const out: Quotation[] = [];
  for (const r of rows) {
    let doc: BodyDocument;
    try {
      doc = JSON.parse(r.body_doc) as BodyDocument;
    } catch {
      continue;
    }
    for (const b of doc.blocks) {
      if (b.type !== 'quote') continue;
      const linked = b.speakerEntity === undefined ? b.speaker !== undefined && folded.has(fold(b.speaker)) : b.speakerEntity === entity.id;
      if (!linked) continue;
      out.push({
        text: b.text,
        speaker: b.speaker ?? entity.name,
        role: b.role ?? '',
        article: { id: r.id, edition: r.edition, headline: r.headline, slug: r.slug, section: r.section, publishedAt: String(r.published_at), editionDefault: r.is_default, timeZone: r.time_zone },
      });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** The published articles that carry the entity's tags, in every edition, newest first. */
export async function mentionsOf(db: Db, entity: EntityDetail, limit = 20): Promise<Mention[]> {
  if (!entity.tags.length) return [];
  const rows = await articleRows(db)
    .where('a.id', 'in', (eb) =>
      eb
        .selectFrom('article_tags')
        .select('article_id')
        .where(
          'tag_id',
          'in',
          entity.tags.map((t) => t.id),
        ),
    )
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, edition: r.edition, headline: r.headline, slug: r.slug, section: r.section, publishedAt: String(r.published_at), editionDefault: r.is_default, timeZone: r.time_zone }));
}
