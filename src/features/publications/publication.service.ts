import type { Kysely } from 'kysely';
import type { Database, Publication } from '../../db/schema.js';
import { AppError, FieldErrors, isUniqueViolation, notFound } from '../../lib/errors.js';
import { isSlug, slugify } from '../../lib/slug.js';
import { recordAudit } from '../audit/audit.repository.js';
import { count, plural } from '../../lib/counting.js';
import type { Actor } from '../users/policy.js';
import { listPublicationEntries } from './publication.repository.js';

type Db = Kysely<Database>;

/**
 * What a publication is. Its own word, not the attribution's: a source known only by its kind
 * ("foreign media", attribution.kind.* in the locales) has no publication at all, while a
 * publication is always named in the attribution sentence, whatever its kind. The demo content
 * uses "agency" and "newspaper" from this list.
 */
export const PUBLICATION_KINDS = ['agency', 'newspaper', 'broadcaster', 'magazine', 'online', 'government', 'other'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

export const PUBLICATION_KIND_LABELS: Readonly<Record<PublicationKind, string>> = {
  agency: 'News agency',
  newspaper: 'Newspaper',
  broadcaster: 'Broadcaster (television, radio)',
  magazine: 'Magazine',
  online: 'Online publication',
  government: 'Government or official body',
  other: 'Other',
};

export const PUBLICATION_LIMITS = { name: 120, url: 500 } as const;

export interface PublicationValues {
  name: string;
  slug: string;
  url: string;
  kind: string;
}

export interface PublicationOverview extends Publication {
  /** Articles citing it, any status: what blocks deleting it. */
  articles: number;
}

/** A site address readers can follow: http or https only, so no javascript: or data: link reaches a page. */
export function checkSiteUrl(raw: string): { url: string | null } | { error: string } {
  const text = raw.trim();
  if (!text) return { url: null };
  if (text.length > PUBLICATION_LIMITS.url) return { error: `The address can have at most ${PUBLICATION_LIMITS.url} characters.` };
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { error: `"${text}" is not a web address. Give the whole address, starting with https:// (or http://).` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { error: 'The address must start with https:// or http://: other kinds of links cannot be opened safely by every reader.' };
  if (!parsed.hostname || parsed.username || parsed.password) return { error: `"${text}" is not a site’s address: give it without a user name or password, e.g. https://www.example.com.` };
  return { url: text };
}

function checkPublication(values: PublicationValues): { name: string; slug: string; url: string | null; kind: PublicationKind } {
  const errors: Record<string, string> = {};
  const name = values.name.trim().replace(/\s+/g, ' ');
  const typed = values.slug.trim().toLowerCase();
  const slug = typed || slugify(name);
  if (!name) errors.name = 'A publication needs a name.';
  else if (name.length > PUBLICATION_LIMITS.name) errors.name = `The name can have at most ${PUBLICATION_LIMITS.name} characters.`;
  if (!slug) {
    if (name) errors.slug = 'The name has no letters or digits to make a slug from; type one, e.g. "reuters".';
  } else if (!isSlug(slug)) errors.slug = `"${typed}" is not a valid slug: use lower-case letters a–z, digits and single hyphens, e.g. "northern-ledger".`;
  const url = checkSiteUrl(values.url);
  if ('error' in url) errors.url = url.error;
  const kind = PUBLICATION_KINDS.find((k) => k === values.kind);
  if (!kind) errors.kind = 'Choose what kind of publication it is.';
  if (Object.keys(errors).length || !kind || 'error' in url) throw new FieldErrors(errors);
  return { name, slug, url: url.url, kind };
}

const citing = (db: Db) =>
  db
    .selectFrom('publications as p')
    .selectAll('p')
    .select((eb) => eb.selectFrom('sources as s').whereRef('s.publication_id', '=', 'p.id').select((c) => c.fn.count('s.article_id').distinct().as('n')).as('articles'));

/** Every publication as the public API lists them (slug, name, url, kind), by name. */
export function publicationEntries(db: Db): Promise<{ slug: string; name: string; url: string | null; kind: string }[]> {
  return listPublicationEntries(db);
}

export async function listPublications(db: Db): Promise<PublicationOverview[]> {
  const rows = await citing(db).orderBy('p.name').orderBy('p.id').execute();
  return rows.map((r) => ({ ...r, articles: Number(r.articles ?? 0) }));
}

export async function findPublication(db: Db, id: number): Promise<PublicationOverview> {
  const row = await citing(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('There is no such publication.');
  return { ...row, articles: Number(row.articles ?? 0) };
}

/** Creates a publication, or changes one (`id`); a new name shows in every attribution sentence at once. */
export async function savePublication(db: Db, actor: Actor, values: PublicationValues, id?: number, now = new Date()): Promise<number> {
  const f = checkPublication(values);
  try {
    return await db.transaction().execute(async (trx) => {
      const current = id === undefined ? undefined : await trx.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
      if (id !== undefined && !current) throw notFound('There is no such publication.');
      let taken = trx.selectFrom('publications').select(['id', 'name']).where('slug', '=', f.slug);
      if (id !== undefined) taken = taken.where('id', '!=', id);
      const other = await taken.executeTakeFirst();
      if (other) throw new FieldErrors({ slug: `The slug "${f.slug}" is already used by “${other.name}”.` });
      if (current) {
        const changes = (['name', 'slug', 'url', 'kind'] as const).filter((k) => current[k] !== f[k]).map((k) => `${k} “${current[k] ?? ''}” → “${f[k] ?? ''}”`);
        // Saved unchanged, it keeps its updated_at: a sync script has nothing new to fetch.
        await trx.updateTable('publications').set({ ...f, ...(changes.length ? { updated_at: now.toISOString() } : {}) }).where('id', '=', current.id).execute();
        if (changes.length) await recordAudit(trx, actor, 'publication.update', `publication ${current.id}`, changes.join(', '), now);
        return current.id;
      }
      const made = await trx.insertInto('publications').values({ ...f, created_at: now.toISOString(), updated_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, actor, 'publication.create', `publication ${made.id}`, `“${f.name}” (${f.kind})`, now);
      return made.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldErrors({ slug: `The slug "${f.slug}" was just taken by another publication. Choose another.` });
    throw error;
  }
}

/** Deletes a publication no article cites: a cited one would leave sources without a name. */
export async function deletePublication(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const publication = await trx.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!publication) throw notFound('There is no such publication.');
    const n = count(await trx.selectFrom('sources').select((eb) => eb.fn.count('article_id').distinct().as('n')).where('publication_id', '=', id).executeTakeFirst());
    if (n > 0) {
      throw new AppError(409, 'publication_in_use', `“${publication.name}” is cited by ${plural(n, 'article')} (drafts included), so it cannot be deleted. Remove it from their sources first, or rename it instead.`);
    }
    await trx.deleteFrom('publications').where('id', '=', id).execute();
    await recordAudit(trx, actor, 'publication.delete', `publication ${id}`, `“${publication.name}”`);
  });
}
