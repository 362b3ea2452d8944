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
 * What a person said, newest first, across editions (decisions 0027, 0032): the quotations in
 * running text linked to the entity (`<q data-speaker>`), and the quotation blocks of published
 * articles whose speaker is linked to it (`speakerEntity`, set through the admin API or the
 * editor) or, when not linked to anyone, is written as one of the entity's names or
 * aliases or its tags' names. The database narrows by text; the documents decide.
 */
export async function quotationsOf(db: Db, entity: EntityDetail, limit = 50): Promise<Quotation[]> {
  const names = [...new Set([entity.name, ...entity.aliasList, ...entity.tags.map((t) => t.name)])];
  const folded = new Set(names.map(fold));
  const rows = await articleRows(db)
    .select('a.body_doc')
    // An inline quotation's link is `data-speaker=\"12\"` in the JSON: `_` stands for the backslash (no LIKE escape needed on either engine).
    .where((eb) => eb.or([eb('a.body_doc', 'like', `%"speakerEntity":${entity.id}%`), eb('a.body_doc', 'like', `%data-speaker=_"${entity.id}_"%`), ...names.map((n) => eb('a.body_doc', 'like', `%"speaker":${likeText(JSON.stringify(n))}%`))]))
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
    const article = { id: r.id, edition: r.edition, headline: r.headline, slug: r.slug, section: r.section, publishedAt: String(r.published_at), editionDefault: r.is_default, timeZone: r.time_zone };
    for (const b of doc.blocks) {
      const inline = b.type === 'paragraph' ? [b.html, b.attribution?.after ?? ''] : b.type === 'list' ? b.items : [];
      for (const text of inline.flatMap((h) => inlineQuotations(h)).filter((q) => q.speaker === entity.id).map((q) => q.text)) {
        out.push({ text, speaker: entity.name, role: '', article });
        if (out.length >= limit) return out;
      }
      if (b.type !== 'quote') continue;
      const linked = b.speakerEntity === undefined ? b.speaker !== undefined && folded.has(fold(b.speaker)) : b.speakerEntity === entity.id;
      if (!linked) continue;
      out.push({
        text: b.text,
        speaker: b.speaker ?? entity.name,
        role: b.role ?? '',
        article,
      });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

/** Text of our own serialised inline HTML (body-html.ts): line breaks as spaces, tags dropped, its few entities decoded. */
export const textOfInlineHtml = (html: string): string =>
  html
    .replace(/<br>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_e, n: string) => ENTITIES[n]!)
    .replace(/&#(\d{1,7});/g, (_m, d: string) => String.fromCodePoint(Number(d)));

/**
 * The quotations in running text linked to a speaker, `<q data-speaker="12">…</q>` (decision 0032),
 * in a block's stored inline HTML: always in the one form body-html.ts serialises (no nested <q>),
 * so a pattern reads it exactly.
 */
export function inlineQuotations(inlineHtml: string): { speaker: number; text: string }[] {
  const out: { speaker: number; text: string }[] = [];
  for (const m of inlineHtml.matchAll(/<q data-speaker="(\d{1,10})">([\s\S]*?)<\/q>/g)) {
    const text = textOfInlineHtml(m[2]!).replace(/\s+/g, ' ').trim();
    if (text) out.push({ speaker: Number(m[1]), text });
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
