import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, TagType } from '../../db/schema.js';
import { AppError, FieldErrors } from '../../lib/errors.js';
import { MAX_SLUG_LENGTH } from '../../lib/slug.js';
import type { EditionContext } from '../../web/render-context.js';
import { recordAudit } from '../audit/audit.repository.js';
import { factsOf, type ArticleDesk } from '../articles/article.desk.js';
import type { ArticleFields } from '../articles/article.service.js';
import type { SiteService } from '../editions/site.service.js';
import { authorize, type Actor } from '../users/policy.js';
import { chooseCounterpart } from './translation.js';
import {
  coOccurringTags,
  findVersion,
  groupMembers,
  setGroup,
  slugTaken,
  tagBySlug,
  tagsOfArticle,
  versionsOf,
  type TagRow,
  type VersionRow,
} from './translation.repository.js';

export interface StoryVersions {
  /** The article asked about. */
  article: VersionRow;
  /** Every edition of the site, in order, with its version of the story (undefined: none yet). */
  editions: { ed: EditionContext; version: VersionRow | undefined }[];
  /** Tags of the other versions that have no counterpart in this article's edition, by name. */
  tagsWithoutCounterpart: { type: TagType; name: string }[];
}

/**
 * The same story across editions (decision 0026): the articles of a translation group are its
 * versions, at most one per edition. "Translate into…" makes a linked draft in another edition
 * with the text copied for translating; articles can also be linked and unlinked by hand. The
 * newsroom's article page and the admin API both call this.
 */
export class Translations {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly desk: ArticleDesk,
    private readonly site: SiteService,
    /** Clears the cached pages of these editions (hreflang and "Also in" change with a link). */
    private readonly invalidate: (editions: readonly string[]) => void,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async article(id: number): Promise<VersionRow> {
    const row = await findVersion(this.db, id);
    if (!row) throw new AppError(404, 'not_found', 'There is no article with this id.');
    return row;
  }

  async versions(actor: Actor, id: number): Promise<StoryVersions> {
    const { row } = await this.desk.view(actor, id);
    const article = await this.article(row.id);
    const members = await versionsOf(this.db, article);
    const site = await this.site.get();
    const editions = site.editions.map((ed) => ({ ed, version: members.find((m) => m.edition === ed.edition.code) }));
    const own = new Set((await tagsOfArticle(this.db, id)).map((t) => t.id));
    const missing: { type: TagType; name: string }[] = [];
    for (const other of members.filter((m) => m.id !== id)) {
      for (const tag of await tagsOfArticle(this.db, other.id)) {
        const counterpart = await this.counterpart(tag, article.edition);
        if ((!counterpart || !own.has(counterpart.id)) && !missing.some((m) => m.type === tag.type && m.name === tag.name)) missing.push({ type: tag.type, name: tag.name });
      }
    }
    return { article, editions, tagsWithoutCounterpart: missing };
  }

  private async counterpart(tag: TagRow, edition: string): Promise<TagRow | undefined> {
    return chooseCounterpart(await tagBySlug(this.db, edition, tag.type, tag.slug), await coOccurringTags(this.db, tag.id, tag.type, edition));
  }

  /**
   * A draft in `edition`'s section `sectionId`, linked to the article: headline, standfirst, body,
   * dateline place, SEO texts, lead image, bylines and sources copied for translating; each tag
   * carried as its counterpart in that edition (those without one are named on the draft's page).
   */
  async translate(actor: Actor, id: number, target: { edition: string; sectionId: number }): Promise<{ id: number; tagsLeft: string[] }> {
    authorize(actor, 'article.create');
    const { row, snapshot } = await this.desk.view(actor, id);
    const site = await this.site.get();
    const ed = site.byCode(target.edition);
    const errors: Record<string, string> = {};
    if (!ed) errors.edition = `There is no edition "${target.edition}".`;
    else if (ed.edition.code === row.edition) errors.edition = 'Choose another edition than the article’s own.';
    else if (!ed.sections.some((s) => s.id === target.sectionId)) errors.sectionId = `Choose a section of the ${ed.edition.name} edition.`;
    if (Object.keys(errors).length) throw new FieldErrors(errors);
    const members = row.translation_group ? await groupMembers(this.db, row.translation_group) : [];
    const existing = members.find((m) => m.edition === target.edition);
    if (existing) throw new AppError(409, 'translation_exists', `The story already has a version in ${ed!.edition.name}: article ${existing.id} (“${existing.headline}”).`);

    const tags: { type: TagType; name: string }[] = [];
    const tagsLeft: string[] = [];
    for (const tag of await tagsOfArticle(this.db, id)) {
      const counterpart = await this.counterpart(tag, target.edition);
      if (counterpart) tags.push({ type: counterpart.type, name: counterpart.name });
      else tagsLeft.push(tag.name);
    }
    const group = row.translation_group ?? randomUUID();
    const fields: ArticleFields = {
      edition: target.edition,
      sectionId: target.sectionId,
      slug: await this.freeSlug(target.edition, snapshot.slug),
      headline: snapshot.headline,
      standfirst: snapshot.standfirst,
      body: snapshot.body,
      datelinePlace: snapshot.datelinePlace,
      seoTitle: snapshot.seoTitle,
      seoDescription: snapshot.seoDescription,
      leadMediaId: snapshot.leadMediaId,
      translationGroup: group,
      isTop: false,
      authorIds: snapshot.authorIds,
      tags,
      sources: snapshot.sources.map((s) =>
        'publicationId' in s ? { publicationId: s.publicationId, url: s.url ?? null, role: s.role ?? 'citing', guid: s.guid ?? null } : { kind: s.kind, guid: s.guid ?? null },
      ),
    };
    const now = this.clock();
    const newId = await this.desk.create(actor, fields, async (trx, created) => {
      // The original joins the group in the same transaction: a story of one is no group until now.
      if (!row.translation_group) await setGroup(trx, [id], group);
      await recordAudit(trx, actor, 'article.translate', `article ${created}`, `from article ${id} into ${target.edition}`, now);
    });
    return { id: newId, tagsLeft };
  }

  /** The article's slug when the other edition has no article by it, else with the edition's code, then a number. */
  private async freeSlug(edition: string, slug: string): Promise<string> {
    const base = slug.slice(0, MAX_SLUG_LENGTH - edition.length - 4).replace(/-+$/, '');
    for (const candidate of [slug, `${base}-${edition}`, ...Array.from({ length: 50 }, (_, i) => `${base}-${edition}-${i + 2}`)]) {
      if (!(await slugTaken(this.db, edition, candidate))) return candidate;
    }
    return `${base}-${edition}-${randomUUID().slice(0, 8)}`;
  }

  /** Links two articles (and the versions each already has) as one story; refused when two would share an edition. */
  async link(actor: Actor, id: number, otherId: number): Promise<VersionRow[]> {
    const [a, b] = await Promise.all([this.desk.get(id), this.desk.get(otherId)]);
    authorize(actor, 'article.edit', factsOf(a));
    authorize(actor, 'article.edit', factsOf(b));
    if (a.id === b.id) throw new FieldErrors({ articleId: 'Choose another article than this one.' });
    if (a.edition === b.edition) throw new FieldErrors({ articleId: `Article ${b.id} is in the same edition; a translation is in another one.` });
    const { members, linked } = await this.db.transaction().execute(async (trx) => {
      const left = await versionsOf(trx, (await findVersion(trx, a.id))!);
      const right = await versionsOf(trx, (await findVersion(trx, b.id))!);
      if (left.some((l) => right.some((r) => r.id === l.id))) return { members: [], linked: left };
      const site = await this.site.get();
      for (const r of right) {
        const clash = left.find((l) => l.edition === r.edition);
        if (clash) {
          const name = site.byCode(r.edition)?.edition.name ?? r.edition;
          throw new AppError(409, 'translation_conflict', `Both stories have a version in ${name} (articles ${clash.id} and ${r.id}); unlink one of them first.`);
        }
      }
      const group = a.translation_group ?? b.translation_group ?? randomUUID();
      const members = [...left, ...right];
      await setGroup(trx, members.map((m) => m.id), group);
      await recordAudit(trx, actor, 'article.link', `article ${a.id}`, `with article ${b.id}`, this.clock());
      return { members, linked: await groupMembers(trx, group) };
    });
    // After the commit, so that no request caches the page as it was in between.
    this.invalidatePublished(members);
    return linked;
  }

  /** Takes the article out of its story's versions; a version left alone is no longer a group either. */
  async unlink(actor: Actor, id: number): Promise<void> {
    const row = await this.desk.get(id);
    authorize(actor, 'article.edit', factsOf(row));
    if (!row.translation_group) throw new AppError(409, 'not_linked', 'This article is not linked to any translation.');
    const group = row.translation_group;
    const members = await this.db.transaction().execute(async (trx) => {
      const all = await groupMembers(trx, group);
      const rest = all.filter((m) => m.id !== id);
      await setGroup(trx, rest.length === 1 ? all.map((m) => m.id) : [id], null);
      await recordAudit(trx, actor, 'article.unlink', `article ${id}`, `from ${rest.map((m) => `article ${m.id}`).join(', ')}`, this.clock());
      return all;
    });
    this.invalidatePublished(members);
  }

  private invalidatePublished(members: readonly VersionRow[]): void {
    if (members.some((m) => m.status === 'published')) this.invalidate([...new Set(members.map((m) => m.edition))]);
  }
}
