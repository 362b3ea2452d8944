import type { Kysely } from 'kysely';
import { listKey, pageKeys } from '../../cache/page-keys.js';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { RenderContext, SiteStructure } from '../../web/render-context.js';
import { articlePath, authorPath, pagePath, sectionPath, tagPath, type ReaderRoute } from '../../web/addresses.js';
import {
  findAuthor,
  findOldAddress,
  findPublishedBySlug,
  findRedirect,
  findTag,
  listPublished,
  listRelated,
  type ArticleCard,
  type ArticleDetail,
  type ListFilter,
} from '../articles/article.repository.js';
import { articlePage } from '../articles/views/article.view.js';
import { authorPhoto, findAuthorPhoto } from '../authors/author-photo.js';
import { oldPathCandidates } from '../articles/old-address.js';
import { findSectionRedirect } from '../sections/section-redirects.js';
import { siteLogo } from '../settings/settings.service.js';
import { composeFront } from '../frontpage/front.service.js';
import type { MostRead } from '../frontpage/most-read.service.js';
import { livePart } from '../live/live-page.service.js';
import { entityOfTag } from '../entities/entity.service.js';
import { mentionsOf, quotationsOf } from '../entities/entity-quotes.js';
import { personParts } from '../entities/person.view.js';
import { entityJsonLd } from '../entities/entity.js';
import { mediaPath } from '../../web/addresses.js';
import { renditionWidths } from '../../web/partials.js';
import { homePage } from './views/home.view.js';
import { listPage } from './views/list.view.js';

export const PAGE_SIZE = 20;
const RELATED = 4;

/** A page with the keys of what it shows (cache/page-keys.ts), or a redirect. */
export type Rendered = { kind: 'page'; html: string; keys: string[] } | { kind: 'redirect'; location: string };

/** One page of a list; a page number past the end is a 404 (page 1 of an empty list is not). */
async function listing(db: Kysely<Database>, edition: string, filter: ListFilter, page: number) {
  const result = await listPublished(db, edition, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  if (page > pages) throw notFound();
  return { items: result.items, pages, keys: [listKey(edition, filter), ...cardKeys(result.items)] };
}

/** The images shown on cards (their alt text is on the page). */
const cardKeys = (cards: readonly { media: { id: number } | null }[]) => cards.flatMap((c) => (c.media ? [pageKeys.media(c.media.id)] : []));

/**
 * Where an old address of any shape now lives (an imported site's permalink such as
 * "/2019/03/12/some-post/" or "/?p=123", decision 0016): the published article's address, in one
 * hop, or undefined. Asked only where the address would otherwise be a 404 or a 400 (or, for a
 * query other than a page number, before the page it names), so that no live page is shadowed.
 */
export async function oldAddressLocation(db: Kysely<Database>, site: SiteStructure, url: string): Promise<string | undefined> {
  const moved = await findOldAddress(db, oldPathCandidates(url));
  const ed = moved ? site.byCode(moved.edition) : undefined;
  if (!moved || !ed || !moved.published_at) return undefined;
  return articlePath(ed.edition, moved.section_slug, moved.published_at, moved.slug);
}

/** Looks up and renders one reader page; throws a 404 AppError when there is nothing to show. */
export async function renderReaderPage(
  db: Kysely<Database>,
  ctx: RenderContext,
  route: ReaderRoute,
  page: number,
  path: string,
  options: { mostRead?: MostRead | undefined } = {},
): Promise<Rendered> {
  const { ed } = ctx;
  const code = ed.edition.code;
  switch (route.page) {
    case 'home': {
      // "Latest" is everything not shown above it, on every page, so that its pages neither
      // repeat the stories above nor skip an article where page 1 left them out.
      const [front, logo] = await Promise.all([
        composeFront(db, { code, sections: ed.sections }, page, { pageSize: PAGE_SIZE, mostRead: options.mostRead }),
        page === 1 ? siteLogo(db) : undefined,
      ]);
      // The composed front shows the edition's newest articles in every block: any article change
      // in the edition names its home (page-keys.ts), and so do the front's arrangement and "Most read".
      return { kind: 'page', html: homePage(ctx, front, { page, pages: front.pages, basePath: ed.prefix }, logo?.path), keys: [pageKeys.home(code)] };
    }
    case 'section': {
      const section = ed.sections.find((s) => s.slug === route.section);
      if (!section) {
        // An old slug of a section whose slug changed.
        const current = await findSectionRedirect(db, code, route.section);
        if (current) return { kind: 'redirect', location: pagePath(sectionPath(ed.prefix, current), page) };
        throw notFound();
      }
      const list = await listing(db, code, { by: 'section', sectionId: section.id }, page);
      return {
        kind: 'page',
        keys: list.keys,
        html: listPage(ctx, { title: section.name, intro: section.description, items: list.items, section: section.slug, paging: { page, pages: list.pages, basePath: sectionPath(ed.prefix, section.slug) } }),
      };
    }
    case 'tag': {
      const tag = await findTag(db, code, route.type, route.slug);
      if (!tag) throw notFound();
      // An old slug of a renamed or merged tag.
      if (tag.slug !== route.slug) return { kind: 'redirect', location: pagePath(tagPath(ed.prefix, tag.type, tag.slug), page) };
      const [list, entity] = await Promise.all([listing(db, code, { by: 'tag', tagId: tag.id }, page), tag.type === 'topic' ? undefined : entityOfTag(db, tag.id)]);
      const basePath = tagPath(ed.prefix, tag.type, tag.slug);
      // A person, place or organisation linked across editions (decision 0027): its JSON-LD names
      // the same entity on Wikidata and on the other editions' tag pages.
      let jsonLd: unknown[] | undefined;
      let photo;
      let extra;
      if (entity) {
        if (entity.type === 'person' && page === 1) {
          const [quotes, mentions] = await Promise.all([quotationsOf(db, entity, 20), mentionsOf(db, entity, 40)]);
          extra = personParts(ctx, quotes, mentions.filter((m) => m.edition !== code).slice(0, 10));
        }
        const media = entity.photo_media_id === null ? undefined : await findAuthorPhoto(db, entity);
        photo = media ? authorPhoto(media, tag.name) : undefined;
        const otherPages = entity.tags.flatMap((t) => {
          const other = t.edition === code ? undefined : ctx.site.byCode(t.edition);
          return other ? [`${ctx.siteUrl}${tagPath(other.prefix, t.type, t.slug)}`] : [];
        });
        jsonLd = [
          entityJsonLd({
            type: entity.type,
            name: tag.name,
            url: `${ctx.siteUrl}${basePath}`,
            description: tag.description || entity.description,
            role: entity.role,
            aliases: [entity.name, ...entity.aliasList].filter((a) => a !== tag.name),
            wikidata: entity.wikidata,
            image: media ? `${ctx.siteUrl}${mediaPath(media.storage_key, renditionWidths(media).at(-1) ?? media.width, 'jpg')}` : undefined,
            otherPages,
          }),
        ];
      }
      // A person's page also shows what they said and where they appear in the other editions:
      // their tags there, and (quotations found by the speaker's name) any article change.
      const entityKeys = entity ? [...entity.tags.map((t) => pageKeys.tag(t.id)), ...(extra ? [pageKeys.queries] : [])] : [];
      return {
        kind: 'page',
        keys: [...list.keys, ...entityKeys],
        html: listPage(ctx, {
          title: tag.name,
          kicker: ed.i18n.t(`tag.${tag.type}.one`),
          intro: tag.description,
          items: list.items,
          paging: { page, pages: list.pages, basePath },
          ...(jsonLd ? { jsonLd } : {}),
          photo,
          extra,
        }),
      };
    }
    case 'author': {
      const author = await findAuthor(db, route.slug);
      if (!author) throw notFound();
      const [list, photo] = await Promise.all([listing(db, code, { by: 'author', authorId: author.id }, page), findAuthorPhoto(db, author)]);
      const basePath = authorPath(ed.prefix, author.slug);
      return {
        kind: 'page',
        keys: [...list.keys, pageKeys.authorProfile(author.id), ...(author.photo_media_id ? [pageKeys.media(author.photo_media_id)] : [])],
        html: listPage(ctx, {
          title: author.name,
          kicker: ed.i18n.t('author.kicker'),
          intro: author.bio,
          items: list.items,
          paging: { page, pages: list.pages, basePath },
          photo: photo ? authorPhoto(photo, author.name) : undefined,
          jsonLd: [{ '@context': 'https://schema.org', '@type': 'ProfilePage', mainEntity: { '@type': 'Person', name: author.name, description: author.bio, url: `${ctx.siteUrl}${basePath}` } }],
        }),
      };
    }
    case 'article': {
      if (page !== 1) throw notFound();
      const detail = await findPublishedBySlug(db, code, route.slug);
      if (!detail) {
        const moved = await findRedirect(db, code, path);
        if (moved) return { kind: 'redirect', location: articlePath(ed.edition, moved.section_slug, moved.published_at as string, moved.slug) };
        throw notFound();
      }
      const canonical = articlePath(ed.edition, detail.section.slug, detail.article.published_at as string, detail.article.slug);
      // The same article under another date or section (a moved article, a mistyped date).
      if (canonical !== path) return { kind: 'redirect', location: canonical };
      const [related, live] = await Promise.all([listRelated(db, detail.article, RELATED), livePart(db, ctx, detail.article.id, canonical)]);
      return { kind: 'page', html: articlePage(ctx, detail, related, live), keys: articlePageKeys(detail, related) };
    }
  }
}

/**
 * What an article page shows: the article, its tags (chips, and the related block, which only
 * ever holds articles sharing a tag), its bylines, its lead image, its translations' links, and
 * the related articles' cards.
 */
function articlePageKeys(detail: ArticleDetail, related: readonly ArticleCard[]): string[] {
  const { article } = detail;
  return [
    pageKeys.article(article.id),
    ...detail.tags.map((t) => pageKeys.tag(t.id)),
    ...detail.authors.map((a) => pageKeys.authorProfile(a.id)),
    ...(detail.media ? [pageKeys.media(detail.media.id)] : []),
    ...(article.translation_group ? [pageKeys.translations(article.translation_group)] : []),
    ...related.map((r) => pageKeys.article(r.id)),
    ...cardKeys(related),
  ];
}
