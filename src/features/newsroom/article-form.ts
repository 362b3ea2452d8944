import { TAG_TYPES, type SourceRole, type TagType } from '../../db/schema.js';
import { type ArticleFields, type ArticleSnapshot, type SourceInput } from '../articles/article.service.js';
import { parseBodyHtml, bodyToEditorHtml, clauseToken } from '../articles/body-html.js';
import type { BodyMedia } from '../articles/body.js';
import { FieldErrors } from '../../lib/errors.js';

/**
 * The article form as posted (strings, as typed), turned into ArticleFields. What the user typed
 * is kept as it was, so that a form refused for one field comes back with everything else intact.
 */
export interface ArticleFormValues {
  sectionId: string;
  headline: string;
  standfirst: string;
  /** The body as the editor's HTML. */
  body: string;
  /** This editing form's token: the attribution clause marker in `body` counts only with it (body-html.ts). */
  clauseToken: string;
  datelinePlace: string;
  slug: string;
  seoTitle: string;
  seoDescription: string;
  leadMediaId: string;
  authorIds: string[];
  tags: Record<TagType, string>;
  /** `guid`: the wire item the source came from ("write a story from this"), kept read-only. */
  sources: { publicationId: string; kind: string; url: string; role: string; guid: string }[];
  isTop: boolean;
  substantive: boolean;
  correction: string;
  publishAt: string;
  /** "Publish with the date": a past local time to publish with instead of now (editors). */
  publishedAt: string;
  baseModifiedAt: string;
  intent: string;
}

export type FormBody = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
const many = (value: string | string[] | undefined): string[] => (Array.isArray(value) ? value : value ? [value] : []);

/** Source rows shown on the form (filled ones plus empty ones to add more). */
export const SOURCE_ROWS = 4;
export const SOURCE_ROLES: readonly SourceRole[] = ['citing', 'reported_by', 'contributed'];

export function readArticleForm(body: FormBody): ArticleFormValues {
  const sources: ArticleFormValues['sources'] = [];
  for (let i = 0; i < 20; i++) {
    const row = {
      publicationId: one(body[`source_publication_${i}`]),
      kind: one(body[`source_kind_${i}`]),
      url: one(body[`source_url_${i}`]),
      role: one(body[`source_role_${i}`]),
      guid: one(body[`source_guid_${i}`]),
    };
    if (row.publicationId || row.kind.trim() || row.url.trim()) sources.push(row);
  }
  return {
    sectionId: one(body.section_id),
    headline: one(body.headline),
    standfirst: one(body.standfirst),
    body: one(body.body),
    // A form posted without one (a script, an old page) gets a fresh token, which its body cannot hold.
    clauseToken: one(body.clause_token) || clauseToken(),
    datelinePlace: one(body.dateline_place),
    slug: one(body.slug),
    seoTitle: one(body.seo_title),
    seoDescription: one(body.seo_description),
    leadMediaId: one(body.lead_media_id),
    authorIds: many(body.author_ids),
    tags: Object.fromEntries(TAG_TYPES.map((type) => [type, one(body[`tags_${type}`])])) as Record<TagType, string>,
    sources,
    isTop: one(body.is_top) === '1',
    substantive: one(body.substantive) === '1',
    correction: one(body.correction),
    publishAt: one(body.publish_at),
    publishedAt: one(body.published_at),
    baseModifiedAt: one(body.base_modified_at),
    intent: one(body.intent) || 'save',
  };
}

/**
 * The desk names the fields in its errors as the admin API does (camelCase: `publishAt`); the
 * form's inputs are named `publish_at`. A message is shown next to its input only when keyed by
 * the input's name, so the newsroom renames the keys once, here, before the form is shown again.
 */
const INPUT_NAMES: Readonly<Record<string, string>> = {
  sectionId: 'section_id',
  datelinePlace: 'dateline_place',
  seoTitle: 'seo_title',
  seoDescription: 'seo_description',
  leadMediaId: 'lead_media_id',
  publishAt: 'publish_at',
  publishedAt: 'published_at',
};

/** Field errors keyed by the form's input names (see INPUT_NAMES); other keys are kept as they are. */
export function formErrors(fields: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, message]) => [INPUT_NAMES[key] ?? key, message]));
}

const id = (value: string): number | null => (/^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : null);

/** The fields for the service; the edition is the chosen section's. */
export function formToFields(values: ArticleFormValues, sectionEdition: (sectionId: number) => string | undefined, keep: { translationGroup: string | null }): ArticleFields {
  const errors: Record<string, string> = {};
  const sectionId = id(values.sectionId);
  const edition = sectionId === null ? undefined : sectionEdition(sectionId);
  if (sectionId === null || !edition) errors.sectionId = 'Choose a section.';
  const leadMediaId = values.leadMediaId.trim() === '' ? null : id(values.leadMediaId);
  if (leadMediaId === null && values.leadMediaId.trim() !== '') errors.leadMediaId = 'Choose a lead image from the list.';
  const authorIds = values.authorIds.map(id);
  if (authorIds.some((a) => a === null)) errors.authorIds = 'Choose authors from the list.';
  const sources: SourceInput[] = [];
  for (const s of values.sources) {
    const publicationId = id(s.publicationId);
    const role = (SOURCE_ROLES as readonly string[]).includes(s.role) ? (s.role as SourceRole) : 'citing';
    const guid = s.guid.trim() || null;
    if (publicationId !== null) sources.push({ publicationId, url: s.url.trim() || null, role, guid });
    else if (s.kind.trim()) sources.push({ kind: s.kind.trim(), guid });
    else errors.sources = 'Each source needs a publication, or the kind of media when the publication is not known.';
  }
  let body: ArticleFields['body'] = { version: 1, blocks: [] };
  try {
    body = parseBodyHtml(values.body, { clauseToken: values.clauseToken });
  } catch (error) {
    errors.body = error instanceof Error ? error.message : 'The body could not be read.';
  }
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  const tags = TAG_TYPES.flatMap((type) =>
    values.tags[type]
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => ({ type, name })),
  );
  return {
    edition: edition as string,
    sectionId: sectionId as number,
    slug: values.slug.trim() || undefined,
    headline: values.headline,
    standfirst: values.standfirst,
    body,
    datelinePlace: values.datelinePlace,
    seoTitle: values.seoTitle,
    seoDescription: values.seoDescription,
    leadMediaId,
    translationGroup: keep.translationGroup,
    isTop: values.isTop,
    authorIds: authorIds as number[],
    tags,
    sources,
  };
}

/** The form filled from a stored article (or a revision of it). */
export function snapshotToForm(s: ArticleSnapshot, modifiedAt: string, media?: ReadonlyMap<number, BodyMedia>): ArticleFormValues {
  const token = clauseToken();
  return {
    sectionId: String(s.sectionId),
    headline: s.headline,
    standfirst: s.standfirst,
    body: bodyToEditorHtml(s.body, media, token),
    clauseToken: token,
    datelinePlace: s.datelinePlace ?? '',
    slug: s.slug,
    seoTitle: s.seoTitle ?? '',
    seoDescription: s.seoDescription ?? '',
    leadMediaId: s.leadMediaId === null ? '' : String(s.leadMediaId),
    authorIds: s.authorIds.map(String),
    tags: Object.fromEntries(TAG_TYPES.map((type) => [type, s.tags.filter((t) => t.type === type).map((t) => t.name).join(', ')])) as Record<TagType, string>,
    sources: s.sources.map((src) =>
      'kind' in src
        ? { publicationId: '', kind: src.kind, url: '', role: 'citing', guid: src.guid ?? '' }
        : { publicationId: String(src.publicationId), kind: '', url: src.url ?? '', role: src.role ?? 'citing', guid: src.guid ?? '' },
    ),
    isTop: s.isTop,
    substantive: false,
    correction: '',
    publishAt: '',
    publishedAt: '',
    baseModifiedAt: modifiedAt,
    intent: 'save',
  };
}

export function emptyForm(defaults: { sectionId?: number; authorId?: number | null }): ArticleFormValues {
  return {
    sectionId: defaults.sectionId ? String(defaults.sectionId) : '',
    headline: '',
    standfirst: '',
    body: '',
    clauseToken: clauseToken(),
    datelinePlace: '',
    slug: '',
    seoTitle: '',
    seoDescription: '',
    leadMediaId: '',
    authorIds: defaults.authorId ? [String(defaults.authorId)] : [],
    tags: { person: '', place: '', organisation: '', topic: '' },
    sources: [],
    isTop: false,
    substantive: false,
    correction: '',
    publishAt: '',
    publishedAt: '',
    baseModifiedAt: '',
    intent: 'save',
  };
}
