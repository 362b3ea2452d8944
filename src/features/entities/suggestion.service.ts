/**
 * What the article editor and the wire desk ask of the entities (decision 0032): people to pick
 * as a quotation's speaker, the suggestions for a text (known entities, quotations with their
 * speakers, new English names), an accepted entity's tag in an edition, and the suggestions an
 * editor rejected for an article, remembered.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, EntityType } from '../../db/schema.js';
import { AppError, badRequest, notFound } from '../../lib/errors.js';
import { slugify } from '../../lib/slug.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Actor } from '../users/policy.js';
import { textOfInlineHtml } from './entity-quotes.js';
import { listEntities, type EntityDetail } from './entity.service.js';
import { findNewNames } from './new-names.js';
import { entityMatcher, findQuotations, fold, type EntityMention } from './suggest.js';

type Db = Kysely<Database>;

/** The longest text the suggestions read: one article or wire report. */
export const SUGGEST_MAX_TEXT = 100_000;

export interface PersonChoice {
  id: number;
  name: string;
  type: EntityType;
  role: string;
  description: string;
  /** The alias the query matched when it was not the name ("Мира Далтон"). */
  matched: string;
}

const namesOf = (e: EntityDetail) => [...new Set([e.name, ...e.aliasList, ...e.tags.map((t) => t.name)])];

/**
 * The entities whose name, aliases or tags' names contain the query (folded: any case, Turkic
 * İ/ı, ё), those that start with it first; people only unless `type` says otherwise.
 */
export async function searchEntities(db: Db, query: string, type: EntityType | 'any' = 'person', limit = 10): Promise<PersonChoice[]> {
  const q = fold(query.trim().replace(/\s+/g, ' '));
  const scored: { choice: PersonChoice; rank: number }[] = [];
  for (const e of await listEntities(db)) {
    if (type !== 'any' && e.type !== type) continue;
    let best: { name: string; rank: number } | undefined;
    for (const name of namesOf(e)) {
      const at = fold(name).indexOf(q);
      if (at < 0) continue;
      const rank = at === 0 ? 0 : 1;
      if (!best || rank < best.rank) best = { name, rank };
    }
    if (!best) continue;
    scored.push({ choice: { id: e.id, name: e.name, type: e.type, role: e.role, description: e.description, matched: best.name === e.name ? '' : best.name }, rank: best.rank });
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.choice.name.localeCompare(b.choice.name))
    .slice(0, limit)
    .map((s) => s.choice);
}

/** One entity as the picker shows it, or none when there is no such id. */
export async function entityChoice(db: Db, id: number): Promise<PersonChoice[]> {
  const row = await db.selectFrom('entities').select(['id', 'name', 'type', 'role', 'description']).where('id', '=', id).executeTakeFirst();
  return row ? [{ ...row, matched: '' }] : [];
}

export interface EntitySuggestion {
  key: string;
  entityId: number;
  name: string;
  type: EntityType;
  role: string;
  /** As the text writes it. */
  text: string;
  count: number;
  /** The entity's tag in the edition asked about, if it has one. */
  tag: { name: string; slug: string } | null;
}

export interface QuoteSuggestion {
  key: string;
  text: string;
  speaker: string;
  entity: { id: number; name: string } | null;
}

export interface NewNameSuggestion {
  key: string;
  text: string;
  type: EntityType;
  count: number;
}

export interface Suggestions {
  entities: EntitySuggestion[];
  quotes: QuoteSuggestion[];
  newNames: NewNameSuggestion[];
}

/** A suggestion's key: stable across edits of the rest of the text, so that a rejection holds. */
const quoteKey = (text: string) => `quote:${createHash('sha256').update(fold(text.replace(/\s+/g, ' ').trim())).digest('base64url').slice(0, 16)}`;
const nameKey = (text: string) => `name:${fold(text).slice(0, 100)}`;

/**
 * The suggestions for a text in an edition: the known entities it names, its quotations with
 * speakers, and (for English) new names; without those rejected for `articleId`.
 */
export async function suggestionsFor(db: Db, p: { text: string; edition: string; language?: string | undefined; articleId?: number | undefined }): Promise<Suggestions> {
  if (p.text.length > SUGGEST_MAX_TEXT) throw badRequest(`The text can have at most ${SUGGEST_MAX_TEXT.toLocaleString('en')} characters.`);
  const all = await listEntities(db);
  const byId = new Map(all.map((e) => [e.id, e]));
  const match = entityMatcher(all.map((e) => ({ id: e.id, slug: e.slug, type: e.type, names: namesOf(e) })));
  const rejected = p.articleId === undefined ? new Set<string>() : await rejectedKeys(db, p.articleId);
  const mentions: EntityMention[] = match(p.text);
  const entities = mentions
    .map((m): EntitySuggestion => {
      const e = byId.get(m.entityId)!;
      const tag = e.tags.find((t) => t.edition === p.edition);
      return { key: `entity:${e.id}`, entityId: e.id, name: e.name, type: e.type, role: e.role, text: m.text, count: m.count, tag: tag ? { name: tag.name, slug: tag.slug } : null };
    })
    .filter((s) => !rejected.has(s.key));
  const quotes = findQuotations(p.text, match)
    .map((q): QuoteSuggestion => {
      const e = q.entityId === undefined ? undefined : byId.get(q.entityId);
      return { key: quoteKey(q.text), text: q.text, speaker: q.speaker, entity: e ? { id: e.id, name: e.name } : null };
    })
    .filter((s) => !rejected.has(s.key));
  const english = (p.language ?? p.edition).toLowerCase().split('-')[0] === 'en';
  const newNames = english
    ? (await findNewNames(p.text, match))
        .map((n): NewNameSuggestion => ({ key: nameKey(n.text), text: n.text, type: n.type, count: n.count }))
        .filter((s) => !rejected.has(s.key))
    : [];
  return { entities, quotes, newNames };
}

const KEY = /^(?:entity:[1-9]\d{0,9}|quote:[A-Za-z0-9_-]{16}|name:.{1,100})$/su;

async function rejectedKeys(db: Db, articleId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('suggestion_rejections').select('key').where('article_id', '=', articleId).execute();
  return new Set(rows.map((r) => r.key));
}

/** Remembers that a suggestion was rejected for an article (again is no error). */
export async function rejectSuggestion(db: Db, articleId: number, key: string, now = new Date()): Promise<void> {
  if (!KEY.test(key)) throw badRequest('That is not a suggestion’s key: it is entity:<id>, quote:<16 characters> or name:<the name>.');
  const article = await db.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst();
  if (!article) throw notFound('There is no article with this id. It may have been deleted.');
  const seen = await db.selectFrom('suggestion_rejections').select('key').where('article_id', '=', articleId).where('key', '=', key).executeTakeFirst();
  if (!seen) await db.insertInto('suggestion_rejections').values({ article_id: articleId, key, created_at: now.toISOString() }).execute();
}

/**
 * The entity's tag in an edition, for tagging an article with it: its linked tag there, or else a
 * tag of its type and name there that names no other entity (linked now), or a new one, linked.
 */
export async function tagInEdition(db: Db, actor: Actor, entityId: number, edition: string, now = new Date()): Promise<{ type: EntityType; name: string; slug: string }> {
  return db.transaction().execute(async (trx) => {
    const entity = await trx.selectFrom('entities').select(['id', 'name', 'type']).where('id', '=', entityId).executeTakeFirst();
    if (!entity) throw notFound('There is no such person, place or organisation. It may have been deleted.');
    const ed = await trx.selectFrom('editions').select('code').where('code', '=', edition).executeTakeFirst();
    if (!ed) throw badRequest(`There is no edition “${edition}”.`);
    const linked = await trx.selectFrom('tags').select(['name', 'slug']).where('entity_id', '=', entityId).where('edition', '=', edition).executeTakeFirst();
    if (linked) return { type: entity.type, ...linked };
    const slug = slugify(entity.name);
    const same = await trx.selectFrom('tags').select(['id', 'name', 'slug', 'entity_id']).where('edition', '=', edition).where('type', '=', entity.type).where('slug', '=', slug).executeTakeFirst();
    const at = now.toISOString();
    if (same && same.entity_id !== null) throw new AppError(409, 'tag_taken', `The ${edition} tag “${same.name}” already names another entity; link the tags on the entity’s page.`);
    if (same) await trx.updateTable('tags').set({ entity_id: entityId, updated_at: at }).where('id', '=', same.id).execute();
    else await trx.insertInto('tags').values({ edition, type: entity.type, slug, name: entity.name, description: '', created_at: at, updated_at: at, entity_id: entityId }).execute();
    await recordAudit(trx, actor, 'entity.update', `entity ${entityId}`, `tag ${edition}/${slug} linked from the editor’s suggestions`, now);
    return { type: entity.type, name: same?.name ?? entity.name, slug };
  });
}

/** The text of sanitised HTML (a wire item's body), blocks apart, for the suggestions. */
export const textOfHtml = (html: string): string => textOfInlineHtml(html.replace(/<\/(?:p|h\d|li|blockquote|figcaption)>|<br>/g, '\n'));

/** The suggestions for a wire item: its language decides whether new English names are looked for. */
export const suggestionsForWireItem = (db: Db, bodyHtml: string, language: string): Promise<Suggestions> =>
  suggestionsFor(db, { text: textOfHtml(bodyHtml).slice(0, SUGGEST_MAX_TEXT), edition: '', language: language || 'und' });
