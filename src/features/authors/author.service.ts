import type { Kysely } from 'kysely';
import type { Author, Database } from '../../db/schema.js';
import { AppError, FieldErrors, isUniqueViolation, notFound } from '../../lib/errors.js';
import { isSlug, slugify } from '../../lib/slug.js';
import { recordAudit } from '../audit/audit.repository.js';
import { count, plural } from '../../lib/counting.js';
import { reindexArticles } from '../search/search-index.repository.js';
import type { Actor } from '../users/policy.js';
import { authorIdExists, findAuthorIdBySlug, listAuthorNames, listAuthorProfiles } from './author.repository.js';

type Db = Kysely<Database>;

export const AUTHOR_LIMITS = { name: 120, bio: 2_000 } as const;
/** How many of the newest images the photo list offers. */
export const PHOTO_CHOICES = 100;

export interface AuthorValues {
  name: string;
  slug: string;
  bio: string;
  /** A media id, or "" for none. */
  photo: string;
}

export interface AuthorOverview extends Author {
  /** Bylines on articles of any status: what blocks deleting the author. */
  articles: number;
  published: number;
  /** Newsroom users who write under this byline. */
  users: number;
}

const overview = (db: Db) =>
  db
    .selectFrom('authors as au')
    .selectAll('au')
    .select((eb) => [
      eb.selectFrom('article_authors as aa').whereRef('aa.author_id', '=', 'au.id').select((c) => c.fn.countAll().as('n')).as('articles'),
      eb
        .selectFrom('article_authors as aa')
        .innerJoin('articles as a', 'a.id', 'aa.article_id')
        .whereRef('aa.author_id', '=', 'au.id')
        .where('a.status', '=', 'published')
        .select((c) => c.fn.countAll().as('n'))
        .as('published'),
      eb.selectFrom('users as u').whereRef('u.author_id', '=', 'au.id').select((c) => c.fn.countAll().as('n')).as('users'),
    ]);

type OverviewRow = Author & { articles: unknown; published: unknown; users: unknown };
const toOverview = (r: OverviewRow): AuthorOverview => ({ ...r, articles: Number(r.articles ?? 0), published: Number(r.published ?? 0), users: Number(r.users ?? 0) });

export async function listAuthors(db: Db): Promise<AuthorOverview[]> {
  return (await overview(db).orderBy('au.name').orderBy('au.id').execute()).map(toOverview);
}

export async function findAuthorOverview(db: Db, id: number): Promise<AuthorOverview> {
  const row = await overview(db).where('au.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('There is no such author.');
  return toOverview(row);
}

/** The authors a byline field offers (id and name, by name). */
export function authorChoices(db: Db): Promise<{ id: number; name: string }[]> {
  return listAuthorNames(db);
}

/** Whether a byline field's id names an author: forms check it to answer on the field itself. */
export function authorExists(db: Db, id: number): Promise<boolean> {
  return authorIdExists(db, id);
}

/** Every author as the public API lists them (slug, name, bio), by name. */
export function authorProfiles(db: Db): Promise<{ slug: string; name: string; bio: string }[]> {
  return listAuthorProfiles(db);
}

/** The id of the author with this slug, if there is one. */
export function authorIdBySlug(db: Db, slug: string): Promise<number | undefined> {
  return findAuthorIdBySlug(db, slug);
}

/** The newest images, described by their alt text, plus the author's current photo if it is older. */
export async function photoChoices(db: Db, current: number | null): Promise<{ id: number; alt: string }[]> {
  const recent = await db.selectFrom('media').select(['id', 'alt']).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(PHOTO_CHOICES).execute();
  if (current !== null && !recent.some((m) => m.id === current)) {
    const old = await db.selectFrom('media').select(['id', 'alt']).where('id', '=', current).executeTakeFirst();
    if (old) recent.unshift(old);
  }
  return recent;
}

async function checkAuthor(db: Db, values: AuthorValues): Promise<{ name: string; slug: string; bio: string; photo_media_id: number | null }> {
  const errors: Record<string, string> = {};
  const name = values.name.trim().replace(/\s+/g, ' ');
  const typed = values.slug.trim().toLowerCase();
  const slug = typed || slugify(name);
  const bio = values.bio.trim();
  if (!name) errors.name = 'An author needs a name.';
  else if (name.length > AUTHOR_LIMITS.name) errors.name = `The name can have at most ${AUTHOR_LIMITS.name} characters.`;
  if (!slug) {
    if (name) errors.slug = 'The name has no letters or digits to make a slug from; type one, e.g. "ada-quill".';
  } else if (!isSlug(slug)) errors.slug = `"${typed}" is not a valid slug: use lower-case letters a–z, digits and single hyphens, e.g. "ada-quill".`;
  if (bio.length > AUTHOR_LIMITS.bio) errors.bio = `The bio can have at most ${AUTHOR_LIMITS.bio} characters.`;
  let photo: number | null = null;
  if (values.photo.trim() !== '') {
    const id = /^\d{1,9}$/.test(values.photo.trim()) ? Number(values.photo.trim()) : undefined;
    const found = id === undefined ? undefined : await db.selectFrom('media').select('id').where('id', '=', id).executeTakeFirst();
    if (!found) errors.photo = 'Choose an image from the list, or none. Upload it under Media first if it is not there.';
    else photo = found.id;
  }
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return { name, slug, bio, photo_media_id: photo };
}

/**
 * Creates an author, or changes one (`id`). A new name is search text (bylines are indexed), so
 * the author's articles are re-indexed in the same transaction. The slug of an author with
 * published articles stays: it is the address of a public page, and author pages have no
 * redirects (there is no table for them), so a change would break every link to it.
 */
export async function saveAuthor(db: Db, actor: Actor, values: AuthorValues, id?: number, now = new Date()): Promise<number> {
  const f = await checkAuthor(db, values);
  try {
    return await db.transaction().execute(async (trx) => {
      const current = id === undefined ? undefined : await overview(trx).where('au.id', '=', id).executeTakeFirst().then((r) => (r ? toOverview(r) : undefined));
      if (id !== undefined && !current) throw notFound('There is no such author.');
      if (current && current.slug !== f.slug && current.published > 0) {
        throw new FieldErrors({
          slug: `The slug stays "${current.slug}": ${current.name}’s page at /authors/${current.slug} is public, with ${plural(current.published, 'published article')}, and a new address would break links to it.`,
        });
      }
      let taken = trx.selectFrom('authors').select(['id', 'name']).where('slug', '=', f.slug);
      if (id !== undefined) taken = taken.where('id', '!=', id);
      const other = await taken.executeTakeFirst();
      if (other) throw new FieldErrors({ slug: `The slug "${f.slug}" is already used by the author “${other.name}”.` });
      if (current) {
        const changes = [
          current.name !== f.name ? `name “${current.name}” → “${f.name}”` : '',
          current.slug !== f.slug ? `slug ${current.slug} → ${f.slug}` : '',
          current.bio !== f.bio ? 'bio' : '',
          current.photo_media_id !== f.photo_media_id ? `photo ${current.photo_media_id ?? 'none'} → ${f.photo_media_id ?? 'none'}` : '',
        ].filter(Boolean);
        // Saved unchanged, it keeps its updated_at: a sync script has nothing new to fetch.
        await trx.updateTable('authors').set({ ...f, ...(changes.length ? { updated_at: now.toISOString() } : {}) }).where('id', '=', current.id).execute();
        if (current.name !== f.name) {
          const articles = await trx.selectFrom('article_authors').select('article_id').where('author_id', '=', current.id).execute();
          await reindexArticles(trx, articles.map((a) => a.article_id));
        }
        if (changes.length) await recordAudit(trx, actor, 'author.update', `author ${current.id}`, changes.join(', '), now);
        return current.id;
      }
      const made = await trx.insertInto('authors').values({ ...f, created_at: now.toISOString(), updated_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, actor, 'author.create', `author ${made.id}`, `“${f.name}” (/authors/${f.slug})`, now);
      return made.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldErrors({ slug: `The slug "${f.slug}" was just taken by another author. Choose another.` });
    throw error;
  }
}

/** Deletes an author with no byline on any article; users who wrote under it keep their accounts, without a byline. */
export async function deleteAuthor(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const author = await trx.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
    if (!author) throw notFound('There is no such author.');
    const n = count(await trx.selectFrom('article_authors').select((eb) => eb.fn.countAll().as('n')).where('author_id', '=', id).executeTakeFirst());
    if (n > 0) throw new AppError(409, 'author_in_use', `${author.name} has the byline on ${plural(n, 'article')} (drafts included), so the author cannot be deleted.`);
    await trx.updateTable('users').set({ author_id: null }).where('author_id', '=', id).execute();
    await trx.deleteFrom('authors').where('id', '=', id).execute();
    await recordAudit(trx, actor, 'author.delete', `author ${id}`, `“${author.name}” (/authors/${author.slug})`);
  });
}
