import { diffFields, type FieldDiff } from '../../lib/diff.js';
import type { ArticleSnapshot } from '../articles/article.service.js';

const FIELD_LABELS: Record<string, string> = {
  headline: 'Headline',
  standfirst: 'Standfirst',
  body: 'Body',
  section: 'Section',
  authors: 'Bylines',
  datelinePlace: 'Dateline place',
  leadMedia: 'Lead image',
  tags: 'Tags',
  sources: 'Sources',
  slug: 'Slug',
  seoTitle: 'SEO title',
  seoDescription: 'SEO description',
  status: 'Status',
  corrections: 'Corrections',
};

/** A snapshot as plain text per field, for the diff. */
export function readable(s: ArticleSnapshot): Record<string, string> {
  const body = s.body.blocks
    .map((b) => {
      switch (b.type) {
        case 'paragraph': {
          const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
          // The attribution clause is a node: shown where it stands, so moving it shows in the diff.
          return b.attribution ? [text(b.html), '[attribution]', text(b.attribution.after)].filter(Boolean).join(' ') : text(b.html);
        }
        case 'heading':
          return `## ${b.text}`;
        case 'quote':
          return `“${b.text}”${b.speaker ? ` — ${b.speaker}${b.role ? `, ${b.role}` : ''}` : ''}`;
        case 'list':
          return b.items.map((i) => `• ${i.replace(/<[^>]+>/g, '')}`).join('\n');
        case 'image':
          return `[Image ${b.mediaId}: ${b.caption}${b.credit ? ` (${b.credit})` : ''}]`;
        case 'embed':
          return `[Embed: ${b.url}]`;
        default:
          return '';
      }
    })
    .join('\n');
  return {
    headline: s.headline,
    standfirst: s.standfirst,
    body: body + '\n',
    section: s.section,
    authors: s.authors.join(', '),
    datelinePlace: s.datelinePlace ?? '',
    leadMedia: s.leadMedia ?? '',
    tags: s.tags.map((t) => `${t.name} (${t.type})`).join(', '),
    sources: s.sources.map((src) => `${src.label}${'url' in src && src.url ? ` <${src.url}>` : ''}`).join('\n') + (s.sources.length ? '\n' : ''),
    slug: s.slug,
    seoTitle: s.seoTitle ?? '',
    seoDescription: s.seoDescription ?? '',
    status: `${s.status}${s.inReview ? ' (in review)' : ''}${s.publishedAt ? `, ${s.publishedAt}` : ''}`,
    corrections: s.corrections.map((c) => `${c.at}: ${c.text}`).join('\n') + (s.corrections.length ? '\n' : ''),
  };
}

export interface Comparison {
  from: number;
  to: number;
  /** The fields that differ between the two revisions. */
  changed: FieldDiff[];
}

/** The fields that differ between two snapshots of an article, as the history page shows them. */
export const changedFields = (a: ArticleSnapshot, b: ArticleSnapshot): FieldDiff[] =>
  diffFields(readable(a), readable(b), FIELD_LABELS, { lineFields: ['body', 'sources', 'corrections'] }).filter((f) => f.changed);
