import { type Static, type TSchema, Type } from '@sinclair/typebox';
import * as S from './api.schema.js';

/**
 * Shapes of the admin API (/api/v1/admin) and of what an integration key adds to the content API
 * (articles that are not published). Field names in the admin API are the newsroom's own
 * (camelCase), so that a field error names the field of the request that caused it.
 */

/** The admin API's addresses: under the content API's base, /api/v1. */
export const API_BASE = '/api/v1';
export const ADMIN_PATH = '/admin';
export const MEDIA_URL = `${API_BASE}${ADMIN_PATH}/media`;

const DateTime = Type.String({ format: 'date-time' });
const Url = Type.String({ format: 'uri' });
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Nullable = <T extends TSchema>(schema: T, description?: string) => Type.Union([schema, Type.Null()], description ? { description } : {});

export const AdminProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.Optional(Type.String({ description: 'Why, for programs: "invalid_key", "invalid_fields", "forbidden", "stale", "locked", "bad_state", "not_found"…' })),
    errors: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'What is wrong with each field of the request, by field name (e.g. "headline").' })),
  },
  { description: 'An error, as RFC 9457 problem details, with the field errors of a refused request.' },
);

export const ArticleStatus = Type.Union([Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published'), Type.Literal('unpublished')]);
export const WorkflowState = Type.Union([Type.Literal('draft'), Type.Literal('in_review'), Type.Literal('scheduled'), Type.Literal('published'), Type.Literal('unpublished')], {
  description: 'The newsroom’s view of the status: a draft waiting for an editor is "in_review".',
});
const SourceRole = Type.Union([Type.Literal('citing'), Type.Literal('reported_by'), Type.Literal('contributed')]);

export const BodyBlock = Type.Union([
  Type.Object(
    {
      type: Type.Literal('paragraph'),
      html: Type.String({ maxLength: 200_000, description: 'Inline HTML: links, <strong>, <em>, <q>, <br>; anything else is dropped.' }),
      attribution: Type.Optional(
        Type.Object(
          { after: Type.String({ maxLength: 200_000, description: 'Inline HTML after the clause.' }) },
          {
            additionalProperties: false,
            description:
              'The attribution clause stands inside this paragraph, after `html` and before `after` ("…," Caspian Herald reports, citing Reuters.), worded from the sources in the edition’s language; the end-of-story line is then left out. At most one per article.',
          },
        ),
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('heading'), text: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('quote'), text: Type.String({ maxLength: 50_000 }), speaker: Type.Optional(Type.String({ maxLength: 1_000 })), role: Type.Optional(Type.String({ maxLength: 1_000 })), speakerEntity: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The person who said it: an entity’s id (GET /api/v1/people/{slug}/quotes lists what they said).' })) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('list'), ordered: Type.Boolean(), items: Type.Array(Type.String({ maxLength: 50_000 }), { maxItems: 2_000 }) }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('image'), mediaId: Id, alt: Type.String({ maxLength: 1_000 }), caption: Type.String({ maxLength: 5_000 }), credit: Type.String({ maxLength: 1_000 }) },
    { additionalProperties: false },
  ),
]);

export const BodyDocument = Type.Object(
  { version: Type.Literal(1), blocks: Type.Array(BodyBlock, { maxItems: 2_000 }) },
  { additionalProperties: false, description: 'The body as structured blocks (what GET returns as `body`).' },
);

const Guid = Nullable(Type.String({ maxLength: 1_000, description: 'The guid (or ninjs uri) of the wire item this source came from, for provenance.' }));
const Tag = Type.Object({ type: S.TagType, name: Type.String({ maxLength: 1_000 }) }, { additionalProperties: false });
const PublicationSource = Type.Object(
  { publicationId: Id, url: Type.Optional(Nullable(Type.String({ maxLength: 2_000 }))), role: Type.Optional(SourceRole), guid: Type.Optional(Guid) },
  { additionalProperties: false, description: 'A publication from /api/v1/publications (by id), with the original story’s address.' },
);
// The kinds the attribution sentence has words for in every edition's language (locales/*.json).
const SourceKind = Type.Union([Type.Literal('foreign_media'), Type.Literal('local_media'), Type.Literal('social_media')]);
const KindSource = Type.Object({ kind: SourceKind, guid: Type.Optional(Guid) }, { additionalProperties: false, description: 'A source known only by its kind ("… citing foreign media").' });

// Generous bounds only: the precise limits (and their messages) are the newsroom's own, checked
// by the article desk, so the API and the newsroom refuse the same things in the same words.
const articleFields = {
  sectionId: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The section; the article belongs to the section’s edition.' }),
  headline: Type.String({ maxLength: 10_000 }),
  standfirst: Type.Optional(Type.String({ maxLength: 10_000 })),
  bodyHtml: Type.Optional(
    Type.String({ maxLength: 1_000_000, description: 'The body as HTML (say, pasted from a word processor), cleaned up exactly as the newsroom editor cleans a paste. Send this or `body`, not both.' }),
  ),
  body: Type.Optional(BodyDocument),
  datelinePlace: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
  slug: Type.Optional(Type.String({ maxLength: 10_000, description: 'Made from the headline when absent or empty.' })),
  seoTitle: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
  seoDescription: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
  leadMediaId: Type.Optional(Nullable(Id)),
  isTop: Type.Optional(Type.Boolean({ description: 'Lead story of the edition’s home page.' })),
  authorIds: Type.Array(Id, { maxItems: 100, description: 'Bylines, in order (ids from the newsroom).' }),
  tags: Type.Optional(Type.Array(Tag, { maxItems: 500, description: 'Tags by name; new names make new tags.' })),
  sources: Type.Optional(Type.Array(Type.Union([PublicationSource, KindSource]), { maxItems: 100 })),
};

export const ArticleCreate = Type.Object(articleFields, { additionalProperties: false });
export type ArticleCreate = Static<typeof ArticleCreate>;

export const ArticleUpdate = Type.Object(
  {
    ...articleFields,
    substantive: Type.Optional(Type.Boolean({ description: 'A substantive update of a published article: readers see "Updated …".' })),
    correction: Type.Optional(Type.String({ maxLength: 10_000, description: 'Text of a correction note to publish with the article (published articles only).' })),
    baseModifiedAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'The `modifiedAt` this update starts from: when the article changed since, the update is refused with 409.' }),
    ),
  },
  { additionalProperties: false, description: 'The whole article: fields left out are emptied, as in the newsroom’s form.' },
);
export type ArticleUpdate = Static<typeof ArticleUpdate>;

export const ArticlePatch = Type.Partial(ArticleUpdate, {
  additionalProperties: false,
  description: 'Only the fields given change; the others keep their values. Validated as a whole article, as PUT is.',
});
export type ArticlePatch = Static<typeof ArticlePatch>;

export const ScheduleBody = Type.Object(
  { publishAt: Type.String({ format: 'date-time', description: 'When to publish, ISO 8601 with an offset, e.g. "2026-12-01T09:30:00+01:00".' }) },
  { additionalProperties: false },
);

export const PublishBody = Type.Object(
  {
    publishedAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description:
          'Publish with this date instead of now (archives, late records), ISO 8601 with an offset, e.g. "2019-03-14T08:00:00+01:00". It must not be in the future: that is a schedule.',
      }),
    ),
  },
  { additionalProperties: false, description: 'Optional: send no body to publish now.' },
);
export type PublishBody = Static<typeof PublishBody>;

export const AdminIdParams = Type.Object({ id: Id });

export const AdminArticle = Type.Object({
  id: Type.Integer(),
  edition: Type.String(),
  status: ArticleStatus,
  state: WorkflowState,
  sectionId: Type.Integer(),
  section: Type.Object({ slug: Type.String(), name: Type.String() }),
  slug: Type.String(),
  headline: Type.String(),
  standfirst: Type.String(),
  body: BodyDocument,
  bodyHtml: Type.String({ description: 'The body as the sanitised HTML readers get.' }),
  datelinePlace: Nullable(Type.String()),
  seoTitle: Nullable(Type.String()),
  seoDescription: Nullable(Type.String()),
  leadMediaId: Nullable(Type.Integer()),
  isTop: Type.Boolean(),
  authorIds: Type.Array(Type.Integer()),
  authors: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  tags: Type.Array(Type.Object({ type: S.TagType, name: Type.String() })),
  sources: Type.Array(
    Type.Union([
      Type.Object({ publicationId: Type.Integer(), url: Nullable(Type.String()), role: SourceRole, guid: Nullable(Type.String()) }),
      Type.Object({ kind: Type.String(), guid: Nullable(Type.String()) }),
    ]),
  ),
  corrections: Type.Array(Type.Object({ at: DateTime, text: Type.String() })),
  createdAt: DateTime,
  modifiedAt: Type.String({ format: 'date-time', description: 'Send it back as `baseModifiedAt` to refuse an update over a newer change.' }),
  publishedAt: Nullable(DateTime, 'When it was (or, scheduled, will be) published.'),
  updatedAt: Nullable(DateTime, 'The last substantive update.'),
  submittedAt: Nullable(DateTime, 'When it was submitted for review, while it is in review.'),
  revisionCount: Type.Integer({ description: 'Saves kept in the article’s history.' }),
  url: Nullable(Url, 'The address readers see it at, while it is published.'),
  lock: Nullable(Type.Object({ name: Type.String(), since: DateTime }), 'Someone editing it in the newsroom right now; saves are refused (409) until they close it.'),
});

export const MediaQuery = Type.Object(
  {
    alt: Type.Optional(Type.String({ maxLength: 1_000, description: 'Text alternative (or the X-Alt header, URL-encoded).' })),
    caption: Type.Optional(Type.String({ maxLength: 5_000, description: 'Caption (or the X-Caption header, URL-encoded).' })),
    credit: Type.Optional(Type.String({ maxLength: 1_000, description: 'Photographer or agency (or the X-Credit header, URL-encoded).' })),
  },
  { additionalProperties: false },
);

export const AdminMedia = Type.Composite([Type.Object({ id: Type.Integer({ description: 'Use as `leadMediaId` or in an image block.' }) }), S.Image]);

// ---- the content API with a key ----

export const ArticleStatusFilter = Type.Union([Type.Literal('published'), Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('unpublished'), Type.Literal('any')], {
  description:
    'Articles in this state (default "published"). Any other value needs an integration key (Authorization: Bearer …); "draft" includes drafts in review. Those lists run newest change first; from and to still filter by publication time, which drafts do not have.',
});

export const KeyedArticleListQuery = Type.Object({ ...S.ArticleListQuery.properties, status: Type.Optional(ArticleStatusFilter) }, { additionalProperties: false });
export type KeyedArticleListQuery = Static<typeof KeyedArticleListQuery>;

const keyedFields = {
  url: Nullable(Url, 'Null while the article is not published.'),
  publishedAt: Nullable(DateTime, 'Null for a draft; for a scheduled article, when it will go out.'),
  status: ArticleStatus,
};

export const KeyedArticleSummary = Type.Object({ ...S.ArticleSummary.properties, ...keyedFields });
export const KeyedArticle = Type.Object({ ...S.Article.properties, ...keyedFields });
/** The same shape where only published articles are served (by slug): `status` is always "published". */
export const PublishedArticle = Type.Object({ ...S.Article.properties, status: ArticleStatus });
export const KeyedArticleList = Type.Object({ ...S.ArticleList.properties, items: Type.Array(KeyedArticleSummary) });

// ---- the site's structure, with the ids the article fields take (sectionId, authorIds, publicationId) ----

const EditionCode = Type.String({ pattern: '^[a-z]{2,3}$', description: 'Edition code, e.g. "en" or "ru".' });
const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: '`nextCursor` of the previous page.' })),
  updatedSince: Type.Optional(
    Type.String({
      format: 'date-time',
      description:
        'Only what was created or changed at or after this instant (ISO 8601 with an offset), e.g. the `updatedAt` of the newest item of the last sync: a sync script fetches only what changed. Deleted items are not listed; compare ids with a full list to find them.',
    }),
  ),
};
export const AdminPageQuery = Type.Object(Paging, { additionalProperties: false });
export const AdminEditionPageQuery = Type.Object({ edition: Type.Optional(EditionCode), ...Paging }, { additionalProperties: false });
export const AdminTagPageQuery = Type.Object({ edition: Type.Optional(EditionCode), type: Type.Optional(S.TagType), ...Paging }, { additionalProperties: false });

/** A page of a list in id order: `nextCursor` is null on the last page. */
const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null on the last.' }) });

const Times = {
  createdAt: Type.String({ format: 'date-time', description: 'When it was made (for what existed before Dateline dated these: the first article that used it).' }),
  updatedAt: Type.String({ format: 'date-time', description: 'Its last change, in the newsroom or through this API (a tag merged into it counts). Filter with `updatedSince`.' }),
};
export const AdminSection = Type.Object({ id: Type.Integer(), edition: Type.String(), slug: Type.String(), name: Type.String(), description: Type.String(), position: Type.Integer(), ...Times });
export const AdminAuthor = Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String(), bio: Type.String(), photoMediaId: Nullable(Type.Integer()), ...Times });
export const AdminTag = Type.Object({ id: Type.Integer(), edition: Type.String(), type: S.TagType, slug: Type.String(), name: Type.String(), description: Type.String(), ...Times });
export const AdminPublication = Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String(), url: Nullable(Type.String()), kind: Type.String(), ...Times });
export const AdminSectionPage = Page(AdminSection);
export const AdminAuthorPage = Page(AdminAuthor);
export const AdminTagPage = Page(AdminTag);
export const AdminPublicationPage = Page(AdminPublication);
