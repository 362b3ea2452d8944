import type { Kysely } from 'kysely';
import type { Database, Section } from '../../db/schema.js';
import { AppError, FieldErrors, isUniqueViolation, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Actor } from '../users/policy.js';
import { checkSection, type SectionValues } from './section.js';
import { redirectSectionSlug, removeSectionRedirect, sectionRedirectOwner } from './section-redirects.js';
import { count, plural } from '../../lib/counting.js';

type Db = Kysely<Database>;

export interface SectionOverview extends Section {
  /** Every article in the section, drafts included: what blocks deleting it. */
  articles: number;
  published: number;
}

export async function listSectionOverview(db: Db): Promise<SectionOverview[]> {
  const rows = await db
    .selectFrom('sections as s')
    .innerJoin('editions as e', 'e.code', 's.edition')
    .selectAll('s')
    .select((eb) => [
      eb.selectFrom('articles as a').whereRef('a.section_id', '=', 's.id').select((c) => c.fn.countAll().as('n')).as('articles'),
      eb.selectFrom('articles as a').whereRef('a.section_id', '=', 's.id').where('a.status', '=', 'published').select((c) => c.fn.countAll().as('n')).as('published'),
    ])
    .orderBy('e.position')
    .orderBy('s.position')
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({ ...r, articles: Number(r.articles ?? 0), published: Number(r.published ?? 0) }));
}

export async function findSectionOverview(db: Db, id: number): Promise<SectionOverview> {
  const section = (await listSectionOverview(db)).find((s) => s.id === id);
  if (!section) throw notFound('There is no such section.');
  return section;
}

const editionCodes = async (db: Db) => (await db.selectFrom('editions').select('code').execute()).map((e) => e.code);

/**
 * Creates a section, or changes one (`id`). The edition is fixed once the section exists: its
 * articles belong to that edition. A new slug changes the addresses of the section's articles;
 * the reader answers their old addresses with a 301 to the new ones, because it finds an
 * article by its slug, which is unique in the edition, and redirects any other section or date.
 * The section's own page and feeds are found by its slug, so the old slug is kept in
 * section_redirects, in the same transaction.
 *
 * A slug that redirects to another section is refused, for a new section too: taking it would
 * silently send that section's old links somewhere else. The editor removes that old address on
 * the other section's page first (removeOldSectionSlug). A section may take back an old slug of
 * its own.
 */
export async function saveSection(db: Db, actor: Actor, values: SectionValues, id?: number, now = new Date()): Promise<{ id: number; slugChanged: boolean }> {
  const current = id === undefined ? undefined : await db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
  if (id !== undefined && !current) throw notFound('There is no such section.');
  const checked = checkSection(current ? { ...values, edition: current.edition } : values, await editionCodes(db));
  if ('errors' in checked) throw new FieldErrors(checked.errors);
  const f = checked.fields;
  try {
    return await db.transaction().execute(async (trx) => {
      let taken = trx.selectFrom('sections').select(['id', 'name']).where('edition', '=', f.edition).where('slug', '=', f.slug);
      if (id !== undefined) taken = taken.where('id', '!=', id);
      const other = await taken.executeTakeFirst();
      if (other) throw new FieldErrors({ slug: `The slug "${f.slug}" is already used by the section “${other.name}” in this edition.` });
      const slugChanged = current?.slug !== f.slug;
      if (slugChanged) {
        const claimed = await sectionRedirectOwner(trx, f.edition, f.slug);
        if (claimed && claimed.id !== current?.id) {
          throw new FieldErrors({
            slug: `"${f.slug}" is an old address of the section “${claimed.name}” and redirects there. Choose another slug, or remove that old address on the page of “${claimed.name}” first.`,
          });
        }
        // Taking back an old slug of its own: that address is the section's page again.
        if (claimed) await removeSectionRedirect(trx, f.edition, f.slug);
      }
      if (current) {
        const position = f.position ?? current.position;
        const changes = [
          current.name !== f.name ? `name “${current.name}” → “${f.name}”` : '',
          current.slug !== f.slug ? `slug ${current.slug} → ${f.slug}` : '',
          current.description !== f.description ? 'description' : '',
          current.position !== position ? `position ${current.position} → ${position}` : '',
        ].filter(Boolean);
        // Saved unchanged, it keeps its updated_at: a sync script has nothing new to fetch.
        const dated = changes.length ? { updated_at: now.toISOString() } : {};
        await trx.updateTable('sections').set({ name: f.name, slug: f.slug, description: f.description, position, ...dated }).where('id', '=', current.id).execute();
        if (slugChanged) await redirectSectionSlug(trx, current.edition, current.slug, current.id);
        if (changes.length) await recordAudit(trx, actor, 'section.update', `section ${current.id}`, `${current.edition}: ${changes.join(', ')}`, now);
        return { id: current.id, slugChanged };
      }
      const last = await trx.selectFrom('sections').select((eb) => eb.fn.max('position').as('p')).where('edition', '=', f.edition).executeTakeFirst();
      const position = f.position ?? (last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1);
      const made = await trx
        .insertInto('sections')
        .values({ edition: f.edition, name: f.name, slug: f.slug, description: f.description, position, created_at: now.toISOString(), updated_at: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, 'section.create', `section ${made.id}`, `${f.edition}: “${f.name}” (/${f.slug})`, now);
      return { id: made.id, slugChanged: false };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldErrors({ slug: `The slug "${f.slug}" was just taken by another section in this edition. Choose another.` });
    throw error;
  }
}

/**
 * Stops an old slug of a section from redirecting to it, so that another section may take it.
 * Links to the old address answer 404 from then on.
 */
export async function removeOldSectionSlug(db: Db, actor: Actor, id: number, fromSlug: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const section = await trx.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
    if (!section) throw notFound('There is no such section.');
    const owner = await sectionRedirectOwner(trx, section.edition, fromSlug);
    if (owner?.id !== id) throw new AppError(409, 'not_an_old_slug', `"${fromSlug}" is not an old address of “${section.name}” (any more). Reload the page to see its old addresses.`);
    await removeSectionRedirect(trx, section.edition, fromSlug);
    await recordAudit(trx, actor, 'section.redirect.delete', `section ${id}`, `${section.edition}: /${fromSlug} no longer redirects to /${section.slug}`);
  });
}

/** Deletes a section that has no article at all; drafts count, since they would lose their section. */
export async function deleteSection(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const section = await trx.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
    if (!section) throw notFound('There is no such section.');
    const n = count(await trx.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('section_id', '=', id).executeTakeFirst());
    if (n > 0) {
      throw new AppError(409, 'section_in_use', `“${section.name}” has ${plural(n, 'article')} (drafts included), so it cannot be deleted. Move ${n === 1 ? 'it' : 'them'} to another section first.`);
    }
    await trx.deleteFrom('sections').where('id', '=', id).execute();
    await recordAudit(trx, actor, 'section.delete', `section ${id}`, `${section.edition}: “${section.name}” (/${section.slug})`);
  });
}

/** New positions for some sections of one edition; a section of another edition is refused. */
export async function reorderSections(db: Db, actor: Actor, edition: string, positions: ReadonlyMap<number, number>, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sections = await trx.selectFrom('sections').select(['id', 'position']).where('edition', '=', edition).execute();
    const known = new Map(sections.map((s) => [s.id, s.position]));
    const moved: string[] = [];
    for (const [id, position] of positions) {
      if (!known.has(id)) throw new AppError(400, 'bad_section', 'The list of sections changed while you were ordering it. Reload the page and try again.');
      if (known.get(id) === position) continue;
      await trx.updateTable('sections').set({ position, updated_at: now.toISOString() }).where('id', '=', id).execute();
      moved.push(`section ${id} → ${position}`);
    }
    if (moved.length) await recordAudit(trx, actor, 'section.reorder', `edition ${edition}`, moved.join(', '), now);
  });
}
