import type { Kysely } from 'kysely';
import type { Database, Section } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { type ArticleCard, listPublished, listPublishedAfter } from '../articles/article.repository.js';
import { type AuditActor, recordAudit } from '../audit/audit.repository.js';
import { arrange, checkBreaking, MAX_SLOTS, type BreakingValues, type SlotChange } from './front.js';
import { findBreaking, listSlotIds, replaceSlots, saveBreaking } from './front.repository.js';
import type { MostRead } from './most-read.service.js';

type Db = Kysely<Database>;

/** Stories per section block: the first with a small image, the others as headlines. */
export const BLOCK_SIZE = 4;

export interface SectionBlock {
  section: Pick<Section, 'id' | 'slug' | 'name'>;
  items: ArticleCard[];
}

export interface FrontPage {
  /** The lead first, then the secondary stories; shown on page 1 only. */
  top: ArticleCard[];
  blocks: SectionBlock[];
  /** Everything not above, newest first, one page of it. */
  latest: ArticleCard[];
  pages: number;
  mostRead: ArticleCard[];
  breaking: { text: string; url: string } | undefined;
}

/**
 * The top of the front: the editors' stories in their order, then stories marked "top story",
 * up to five; with neither, the newest five (a front always has a lead).
 */
async function topStories(db: Db, edition: string): Promise<ArticleCard[]> {
  const slotIds = await listSlotIds(db, edition);
  const chosen = slotIds.length ? await listPublishedAfter(db, edition, { ids: slotIds }, { limit: slotIds.length }) : [];
  const byId = new Map(chosen.map((c) => [c.id, c]));
  // Unpublished since they were placed: skipped, their place taken by the next.
  const top = slotIds.flatMap((id) => byId.get(id) ?? []);
  if (top.length < MAX_SLOTS) {
    const marked = await listPublishedAfter(db, edition, { top: true, exceptIds: top.map((c) => c.id) }, { limit: MAX_SLOTS - top.length });
    top.push(...marked);
  }
  if (!top.length) return listPublishedAfter(db, edition, {}, { limit: MAX_SLOTS });
  return top;
}

/**
 * Composes an edition's front page (decision 0024): the top, a block per section (its newest
 * stories not in the top), "Latest" (everything else, paginated, never repeating what is above
 * it) and "Most read". A page number past the end is a 404.
 */
export async function composeFront(
  db: Db,
  ed: { code: string; sections: readonly Pick<Section, 'id' | 'slug' | 'name'>[] },
  page: number,
  options: { pageSize: number; mostRead?: MostRead | undefined },
): Promise<FrontPage> {
  const top = await topStories(db, ed.code);
  const shown = top.map((c) => c.id);
  const blocks: SectionBlock[] = [];
  for (const section of ed.sections) {
    const items = await listPublishedAfter(db, ed.code, { sectionId: section.id, exceptIds: shown }, { limit: BLOCK_SIZE });
    if (items.length) blocks.push({ section, items });
    shown.push(...items.map((c) => c.id));
  }
  const [latest, mostRead, breaking] = await Promise.all([
    listPublished(db, ed.code, { by: 'edition', exceptIds: shown }, { limit: options.pageSize, offset: (page - 1) * options.pageSize }),
    page === 1 && options.mostRead ? options.mostRead.list(ed.code) : [],
    page === 1 ? findBreaking(db, ed.code) : undefined,
  ]);
  const pages = Math.max(1, Math.ceil(latest.total / options.pageSize));
  if (page > pages) throw notFound();
  return {
    top: page === 1 ? top : [],
    blocks: page === 1 ? blocks : [],
    latest: latest.items,
    pages,
    mostRead,
    breaking: breaking?.active ? { text: breaking.text, url: breaking.url } : undefined,
  };
}

/** What the newsroom's front page shows for an edition: the chosen stories, candidates, the strip. */
export interface FrontOverview {
  slots: ArticleCard[];
  /** Chosen stories no longer published: they stay in the list, shown as such, until removed. */
  unpublishedSlots: number[];
  candidates: ArticleCard[];
  breaking: BreakingValues;
}

const CANDIDATES = 60;

export async function frontOverview(db: Db, edition: string): Promise<FrontOverview> {
  const ids = await listSlotIds(db, edition);
  const [published, recent, breaking] = await Promise.all([
    ids.length ? listPublishedAfter(db, edition, { ids }, { limit: ids.length }) : [],
    listPublishedAfter(db, edition, { exceptIds: ids }, { limit: CANDIDATES }),
    findBreaking(db, edition),
  ]);
  const byId = new Map(published.map((c) => [c.id, c]));
  return {
    slots: ids.flatMap((id) => byId.get(id) ?? []),
    unpublishedSlots: ids.filter((id) => !byId.has(id)),
    candidates: recent,
    breaking: breaking ?? { active: false, text: '', url: '' },
  };
}

/** Applies a change to the edition's chosen stories, recorded in the audit log, in one transaction. */
export async function changeSlots(db: Db, actor: AuditActor, edition: string, change: SlotChange, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ids = await listSlotIds(trx, edition);
    if (change.kind === 'add') {
      const found = await listPublishedAfter(trx, edition, { ids: [change.articleId] }, { limit: 1 });
      if (!found.length) throw notFound('That story is not published in this edition.');
    }
    const next = arrange(ids, change);
    await replaceSlots(trx, edition, next);
    await recordAudit(trx, actor, `front.${change.kind}`, `article ${change.articleId}`, `${edition}: top of the front is now ${next.length ? next.join(', ') : 'empty'}`, at);
  });
}

/** Saves the breaking-news strip as typed (FieldErrors when it cannot be), recorded in the audit log. */
export async function updateBreaking(db: Db, actor: AuditActor, edition: string, input: { active: string; text: string; url: string }, at: Date): Promise<void> {
  const breaking = checkBreaking(input);
  await db.transaction().execute(async (trx) => {
    await saveBreaking(trx, edition, breaking, at);
    await recordAudit(trx, actor, 'front.breaking', `edition ${edition}`, breaking.active ? `on: “${breaking.text}” → ${breaking.url}` : 'off', at);
  });
}
