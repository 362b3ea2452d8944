import { type Static, Type } from '@sinclair/typebox';

/**
 * The content API's shapes. Each is used three times: to validate requests, to serialise
 * responses (Fastify drops anything not declared), and to write the OpenAPI document.
 */
const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 80 });
const Edition = Type.String({ pattern: '^[a-z]{2,3}$', description: 'Edition code, e.g. "en" or "ru".' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A calendar day (YYYY-MM-DD) in the edition’s time zone.' });
const DateTime = Type.String({ format: 'date-time' });
const Url = Type.String({ format: 'uri' });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.Optional(Type.String({ description: 'Why, for programs: "invalid_request", "unknown_edition", "bad_cursor", "not_found", "rate_limited"…' })),
    errors: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'What is wrong with each parameter of the request, by name (e.g. "limit").' })),
  },
  { $id: 'Problem', description: 'An error, as RFC 9457 problem details.' },
);

export const TagType = Type.Union([Type.Literal('person'), Type.Literal('place'), Type.Literal('organisation'), Type.Literal('topic')]);

export const Image = Type.Object({
  url: Url,
  width: Type.Integer(),
  height: Type.Integer(),
  alt: Type.String(),
  caption: Type.String(),
  credit: Type.String(),
  renditions: Type.Array(Type.Object({ width: Type.Integer(), jpeg: Url, webp: Url, avif: Url })),
});

export const SectionRef = Type.Object({ slug: Type.String(), name: Type.String() });

export const ArticleSummary = Type.Object({
  id: Type.Integer(),
  edition: Type.String(),
  slug: Type.String(),
  url: Url,
  section: SectionRef,
  headline: Type.String(),
  standfirst: Type.String(),
  publishedAt: DateTime,
  updatedAt: Type.Union([DateTime, Type.Null()], { description: 'The last substantive update, if any.' }),
  modifiedAt: DateTime,
  image: Type.Union([Image, Type.Null()]),
});

export const Author = Type.Object({ slug: Type.String(), name: Type.String(), bio: Type.String(), url: Url });
export const Tag = Type.Object({ type: TagType, slug: Type.String(), name: Type.String(), url: Url });

export const Article = Type.Composite([
  ArticleSummary,
  Type.Object({
    datelinePlace: Type.Union([Type.String(), Type.Null()]),
    bodyHtml: Type.String({ description: 'Sanitised HTML of the body.' }),
    attribution: Type.Union([Type.String(), Type.Null()], { description: 'The attribution sentence, or null for the newsroom’s own story.' }),
    attributionInBody: Type.Boolean({ description: 'The body places the attribution as a clause inside a paragraph (in `bodyHtml`); the sentence is then not repeated at the end.' }),
    authors: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), url: Url })),
    tags: Type.Array(Tag),
    sources: Type.Array(
      Type.Object({
        role: Type.String(),
        publication: Type.Union([Type.String(), Type.Null()]),
        kind: Type.Union([Type.String(), Type.Null()]),
        url: Type.Union([Url, Type.Null()]),
        guid: Type.Union([Type.String(), Type.Null()], { description: 'The guid of the wire item the source came from, when it came from one.' }),
      }),
    ),
    corrections: Type.Array(Type.Object({ date: DateTime, text: Type.String() })),
    translations: Type.Array(Type.Object({ edition: Type.String(), url: Url, headline: Type.String() })),
  }),
]);

export const ArticleList = Type.Object({
  items: Type.Array(ArticleSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null on the last.' }),
});

export const ArticleListQuery = Type.Object(
  {
    edition: Type.Optional(Edition),
    section: Type.Optional(Slug),
    tag: Type.Optional(Slug),
    tagType: Type.Optional(TagType),
    author: Type.Optional(Slug),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ArticleListQuery = Static<typeof ArticleListQuery>;

export const EditionQuery = Type.Object({ edition: Type.Optional(Edition) }, { additionalProperties: false });
export const TagQuery = Type.Object({ edition: Type.Optional(Edition), type: Type.Optional(TagType) }, { additionalProperties: false });

export const Section = Type.Object({ edition: Type.String(), slug: Type.String(), name: Type.String(), description: Type.String(), url: Url });
export const EditionInfo = Type.Object({ code: Type.String(), name: Type.String(), locale: Type.String(), siteName: Type.String(), timeZone: Type.String(), url: Url });
export const Publication = Type.Object({ slug: Type.String(), name: Type.String(), url: Type.Union([Url, Type.Null()]), kind: Type.String() });

export const List = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
export const SlugParams = Type.Object({ edition: Edition, slug: Slug });

const Segments = Type.Array(Type.Object({ text: Type.String(), mark: Type.Boolean() }), {
  description: 'The text in pieces; pieces with mark=true matched the query (show them highlighted).',
});

export const SearchQuery = Type.Object(
  {
    q: Type.String({ maxLength: 200, description: 'Words, "exact phrases", -excluded words, prefix* .' }),
    edition: Type.Optional(Edition),
    section: Type.Optional(Slug),
    tag: Type.Optional(Slug),
    author: Type.Optional(Slug),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 1 })),
  },
  { additionalProperties: false },
);

export const SearchResults = Type.Object({
  total: Type.Integer({ description: 'Matches counted, at most 1,000.' }),
  more: Type.Boolean({ description: 'True when there are more than 1,000 matches.' }),
  page: Type.Integer(),
  pages: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      url: Url,
      section: SectionRef,
      publishedAt: DateTime,
      headline: Type.String(),
      headlineSegments: Segments,
      snippetSegments: Segments,
    }),
  ),
});

export const PersonParams = Type.Object({ slug: Slug });
/** What a person said (decision 0027): their quotations across editions, newest first. */
export const PersonQuotes = Type.Object({
  person: Type.Object({ slug: Type.String(), name: Type.String(), role: Type.String(), wikidata: Type.Union([Type.String(), Type.Null()]) }),
  items: Type.Array(
    Type.Object({
      text: Type.String(),
      speaker: Type.String({ description: 'The speaker as the article names them.' }),
      role: Type.String(),
      article: Type.Object({ id: Type.Integer(), edition: Type.String(), headline: Type.String(), url: Url, publishedAt: DateTime }),
    }),
  ),
});
