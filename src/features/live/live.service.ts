import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, FieldErrors, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { ArticleDesk } from '../articles/article.desk.js';
import { findArticleRow } from '../articles/article.repository.js';
import { bodyMedia } from '../articles/article.service.js';
import { renderBody, type BodyDocument } from '../articles/body.js';
import type { EmbedCard } from '../articles/embed.js';
import { authorize, type Actor } from '../users/policy.js';
import type { LiveChangeBus } from './live-bus.js';
import { entryTextToBody, ENTRY_TEXT_MAX } from './live-text.js';
import {
  deleteEntryRow,
  existingAuthors,
  findCoverage,
  findEntry,
  insertCoverage,
  insertEntry,
  listAllAuthors,
  listCoverages,
  listEntries,
  publishedArticle,
  replaceEntryAuthors,
  setCoverageEnd,
  unpinOthers,
  updateEntry,
  type LiveEntry,
} from './live.repository.js';

type Db = Kysely<Database>;

export interface EntryInput {
  headline: string;
  text: string;
  keyEvent: boolean;
  pinned: boolean;
  authorIds: number[];
  /** The time shown; now when absent. */
  publishedAt?: Date | undefined;
}

export interface LiveDeskDeps {
  db: Db;
  clock: () => Date;
  bus: LiveChangeBus;
  /** Fills the cards of embed blocks (embeds feature); without it, cards show the service and the link only. */
  fillEmbeds?: ((doc: BodyDocument) => Promise<BodyDocument>) | undefined;
  /**
   * The article desk: for breaking an entry out into an article of its own, and for announcing a
   * change to the article's pages (the page with the entries, the feeds whose item carries them).
   */
  articles: ArticleDesk;
}

const HEADLINE_MAX = 300;

/**
 * The live desk's use cases (decision 0022): start and end coverage, add, edit and delete entries,
 * break one out into an article. Each write is one transaction; after it the article's pages are
 * made stale (decision 0035) and the bus told, so every reader's stream gets the change.
 */
export class LiveDesk {
  constructor(private readonly deps: LiveDeskDeps) {}

  async article(id: number) {
    const row = await findArticleRow(this.deps.db, id);
    if (!row) throw notFound('There is no article with this id.');
    return row;
  }

  /**
   * The pages an entry or the coverage shows on: the article's (through the bus, which also tells
   * the readers' streams) and those of the lists it is in (their feeds carry its newest entries);
   * not the whole edition, as before: during breaking news an entry a minute made every page of
   * the edition render again on every instance.
   */
  private async changed(article: { id: number; edition: string }): Promise<void> {
    await this.deps.articles.announceListsOf(article.id);
    this.deps.bus.publish({ articleId: article.id });
  }

  coverage(articleId: number) {
    return findCoverage(this.deps.db, articleId);
  }

  entries(articleId: number): Promise<LiveEntry[]> {
    return listEntries(this.deps.db, articleId);
  }

  async entry(articleId: number, entryId: number) {
    const entry = await findEntry(this.deps.db, entryId);
    if (!entry || entry.article_id !== articleId) throw notFound('There is no such entry on this live page.');
    return entry;
  }

  /** Makes an article live, or live again after it ended. */
  async start(actor: Actor, articleId: number): Promise<void> {
    authorize(actor, 'live.manage');
    const article = await this.article(articleId);
    const now = this.deps.clock().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const existing = await findCoverage(trx, articleId);
      if (existing) await setCoverageEnd(trx, articleId, null);
      else await insertCoverage(trx, articleId, now);
      await recordAudit(trx, actor, existing ? 'live.resumed' : 'live.started', `article:${articleId}`, article.headline, this.deps.clock());
    });
    await this.changed(article);
  }

  async end(actor: Actor, articleId: number): Promise<void> {
    authorize(actor, 'live.manage');
    const article = await this.article(articleId);
    const coverage = await findCoverage(this.deps.db, articleId);
    if (!coverage) throw new AppError(409, 'not_live', 'This article is not live.');
    if (coverage.ended_at) return;
    await this.deps.db.transaction().execute(async (trx) => {
      await setCoverageEnd(trx, articleId, this.deps.clock().toISOString());
      await recordAudit(trx, actor, 'live.ended', `article:${articleId}`, article.headline, this.deps.clock());
    });
    await this.changed(article);
  }

  /** Checks the form and makes the body (cards filled outside any transaction: they are fetched). */
  private async prepare(input: EntryInput, keep: readonly BodyDocument[] = []): Promise<{ doc: BodyDocument; headline: string; authorIds: number[] }> {
    const errors: Record<string, string> = {};
    const headline = input.headline.replace(/\s+/g, ' ').trim();
    if (headline.length > HEADLINE_MAX) errors.headline = `A headline may have at most ${HEADLINE_MAX} characters.`;
    if (input.text.length > ENTRY_TEXT_MAX) errors.text = `An entry may have at most ${ENTRY_TEXT_MAX.toLocaleString('en')} characters; split it in two.`;
    let doc = entryTextToBody(input.text.slice(0, ENTRY_TEXT_MAX));
    if (!doc.blocks.length && !errors.text) errors.text = 'Write the entry’s text.';
    const authorIds = [...new Set(input.authorIds)];
    const known = await existingAuthors(this.deps.db, authorIds);
    if (known.length !== authorIds.length) errors.authors = 'One of the authors no longer exists.';
    const images = doc.blocks.flatMap((b) => (b.type === 'image' ? [b.mediaId] : []));
    if (images.length) {
      const media = await bodyMedia(this.deps.db, doc);
      const missing = images.find((id) => !media.has(id));
      if (missing !== undefined) errors.text = `There is no image ${missing} in the library.`;
      else {
        // Alt text, caption and credit from the library unless the entry gives a caption.
        const rows = await this.deps.db.selectFrom('media').select(['id', 'alt', 'caption', 'credit']).where('id', 'in', images).execute();
        const byId = new Map(rows.map((r) => [r.id, r]));
        doc = { ...doc, blocks: doc.blocks.map((b) => (b.type === 'image' ? { ...b, alt: byId.get(b.mediaId)?.alt ?? '', caption: b.caption || (byId.get(b.mediaId)?.caption ?? ''), credit: byId.get(b.mediaId)?.credit ?? '' } : b)) };
      }
    }
    if (Object.keys(errors).length) throw new FieldErrors(errors);
    // Cards already fetched for the same address (the entry before this edit) are kept.
    const cards = new Map<string, EmbedCard>();
    for (const old of keep) for (const b of old.blocks) if (b.type === 'embed' && b.card) cards.set(b.url, b.card);
    doc = { ...doc, blocks: doc.blocks.map((b) => (b.type === 'embed' && !b.card && cards.has(b.url) ? { ...b, card: cards.get(b.url) as EmbedCard } : b)) };
    if (this.deps.fillEmbeds && doc.blocks.some((b) => b.type === 'embed' && !b.card)) doc = await this.deps.fillEmbeds(doc);
    return { doc, headline, authorIds };
  }

  private async liveArticle(articleId: number) {
    const article = await this.article(articleId);
    const coverage = await findCoverage(this.deps.db, articleId);
    if (!coverage) throw new AppError(409, 'not_live', 'This article is not live: start live coverage first.');
    return { article, coverage };
  }

  async add(actor: Actor, articleId: number, input: EntryInput): Promise<number> {
    authorize(actor, 'live.write');
    const { article, coverage } = await this.liveArticle(articleId);
    if (coverage.ended_at) throw new AppError(409, 'live_ended', 'Live coverage of this article has ended; resume it to add entries.');
    const { doc, headline, authorIds } = await this.prepare(input);
    const now = this.deps.clock();
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const html = renderBody(doc, await bodyMedia(trx, doc));
      const id = await insertEntry(
        trx,
        articleId,
        { published_at: (input.publishedAt ?? now).toISOString(), headline, body_doc: JSON.stringify(doc), body_html: html, key_event: input.keyEvent ? 1 : 0, pinned: input.pinned ? 1 : 0, updated_at: now.toISOString() },
        actor.userId,
        now.toISOString(),
      );
      await replaceEntryAuthors(trx, id, authorIds);
      if (input.pinned) await unpinOthers(trx, articleId, id, now.toISOString());
      return id;
    });
    await this.changed(article);
    return id;
  }

  async edit(actor: Actor, articleId: number, entryId: number, input: EntryInput): Promise<void> {
    authorize(actor, 'live.write');
    const { article } = await this.liveArticle(articleId);
    const before = await this.entry(articleId, entryId);
    const { doc, headline, authorIds } = await this.prepare(input, [JSON.parse(before.body_doc) as BodyDocument]);
    const now = this.deps.clock().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const html = renderBody(doc, await bodyMedia(trx, doc));
      await updateEntry(trx, entryId, {
        headline,
        body_doc: JSON.stringify(doc),
        body_html: html,
        key_event: input.keyEvent ? 1 : 0,
        pinned: input.pinned ? 1 : 0,
        updated_at: now,
        ...(input.publishedAt ? { published_at: input.publishedAt.toISOString() } : {}),
      });
      await replaceEntryAuthors(trx, entryId, authorIds);
      if (input.pinned) await unpinOthers(trx, articleId, entryId, now);
    });
    await this.changed(article);
  }

  async remove(actor: Actor, articleId: number, entryId: number): Promise<void> {
    authorize(actor, 'live.write');
    const article = await this.article(articleId);
    await this.entry(articleId, entryId);
    await this.deps.db.transaction().execute(async (trx) => {
      await deleteEntryRow(trx, entryId);
      await recordAudit(trx, actor, 'live.entry_deleted', `article:${articleId}`, `entry ${entryId}`, this.deps.clock());
    });
    await this.changed(article);
  }

  /**
   * An entry as a draft article of its own, in the live article's section, with the entry's text
   * and a last paragraph linking back to the live page; the entry links to it once it is published.
   */
  async breakOut(actor: Actor, articleId: number, entryId: number, livePageUrl: string, backText: string): Promise<number> {
    authorize(actor, 'article.create');
    const article = await this.article(articleId);
    const entry = await this.entry(articleId, entryId);
    if (entry.breakout_article_id !== null && (await findArticleRow(this.deps.db, entry.breakout_article_id))) {
      throw new AppError(409, 'already_broken_out', 'This entry was already broken out into an article.');
    }
    const doc = JSON.parse(entry.body_doc) as BodyDocument;
    const authors = (await listEntries(this.deps.db, articleId)).find((e) => e.id === entryId)?.authors.map((a) => a.id) ?? [];
    const body: BodyDocument = {
      version: 1,
      blocks: [...doc.blocks, { type: 'paragraph', html: `<a href="${livePageUrl.replace(/"/g, '%22')}">${backText.replace(/[<>&"]/g, '')}</a>` }],
    };
    const id = await this.deps.articles.create(actor, {
      edition: article.edition,
      sectionId: article.section_id,
      headline: entry.headline || article.headline,
      standfirst: '',
      body,
      authorIds: authors,
      datelinePlace: article.dateline_place,
    });
    await updateEntry(this.deps.db, entryId, { breakout_article_id: id, updated_at: this.deps.clock().toISOString() });
    await this.changed(article);
    return id;
  }
}

/** What the desk's pages list and look up (no SQL in route files). */
export const liveLookups = {
  coverages: (db: Db, limit = 100) => listCoverages(db, limit),
  authors: (db: Db) => listAllAuthors(db),
  publishedArticle: (db: Db, id: number) => publishedArticle(db, id),
};
