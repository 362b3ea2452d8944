import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

// Old slugs of sections. Apart from section.service.ts so that the reader's pages and feeds, which
// only follow redirects, do not load the newsroom's section management.

type Db = Kysely<Database>;

/** The current slug of the section an old slug of the edition leads to, if one does. */
export async function findSectionRedirect(db: Db, edition: string, fromSlug: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('section_redirects as r')
    .innerJoin('sections as s', 's.id', 'r.section_id')
    .select('s.slug')
    .where('r.edition', '=', edition)
    .where('r.from_slug', '=', fromSlug)
    .executeTakeFirst();
  return row?.slug;
}

/** The old slugs that lead to a section, in order. */
export async function listSectionRedirects(db: Db, sectionId: number): Promise<string[]> {
  const rows = await db.selectFrom('section_redirects').select('from_slug').where('section_id', '=', sectionId).orderBy('from_slug').execute();
  return rows.map((r) => r.from_slug);
}

/** The section an old slug of the edition leads to, by id and name (to say whose address it is). */
export async function sectionRedirectOwner(db: Db, edition: string, fromSlug: string): Promise<{ id: number; name: string } | undefined> {
  return db
    .selectFrom('section_redirects as r')
    .innerJoin('sections as s', 's.id', 'r.section_id')
    .select(['s.id', 's.name'])
    .where('r.edition', '=', edition)
    .where('r.from_slug', '=', fromSlug)
    .executeTakeFirst();
}

/** Points `fromSlug` at the section, replacing whatever it led to before. */
export async function redirectSectionSlug(trx: Db, edition: string, fromSlug: string, sectionId: number): Promise<void> {
  await removeSectionRedirect(trx, edition, fromSlug);
  await trx.insertInto('section_redirects').values({ edition, from_slug: fromSlug, section_id: sectionId }).execute();
}

/** Whether there was a redirect from that slug to remove. */
export async function removeSectionRedirect(trx: Db, edition: string, fromSlug: string): Promise<boolean> {
  const result = await trx.deleteFrom('section_redirects').where('edition', '=', edition).where('from_slug', '=', fromSlug).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
