import type { Role } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';

/**
 * Who may do what in the newsroom. Every newsroom route and every admin API call asks `authorize`
 * before acting, so the rules hold for direct requests that bypass the interface too.
 */
export const ROLES: readonly Role[] = ['admin', 'editor', 'writer'];

export type WorkflowState = 'draft' | 'in_review' | 'scheduled' | 'published' | 'unpublished';

export type ArticleAction =
  | 'article.view'
  | 'article.edit'
  | 'article.submit'
  | 'article.withdraw'
  | 'article.publish'
  | 'article.schedule'
  | 'article.unpublish'
  | 'article.correct'
  | 'article.delete'
  | 'article.restore';

export type SiteAction =
  | 'article.create'
  | 'media.upload'
  | 'media.edit'
  | 'section.manage'
  | 'tag.manage'
  | 'publication.manage'
  | 'author.manage'
  | 'user.manage'
  | 'settings.manage'
  | 'apikey.manage'
  | 'webhook.manage'
  | 'audit.view'
  | 'wire.read'
  | 'wire.manage'
  /** Add, edit and delete the entries of a live article (decision 0022). */
  | 'live.write'
  /** Start and end live coverage. */
  | 'live.manage';

export type Action = ArticleAction | SiteAction;

/** A user in a session, or an integration key acting with a role. */
export interface Actor {
  readonly userId: number | null;
  readonly role: Role;
  /** Shown in revisions and the audit log. */
  readonly name: string;
  readonly apiKeyId?: number;
}

export interface ArticleFacts {
  readonly createdBy: number | null;
  /** The integration key that created it, if one did: a writer-scoped key owns what it wrote. */
  readonly createdByKey?: number | null | undefined;
  readonly state: WorkflowState;
}

/** Whether the actor created the article: the same user, or the same integration key. */
const owns = (actor: Actor, article: ArticleFacts): boolean =>
  (article.createdBy !== null && article.createdBy === actor.userId) ||
  (actor.apiKeyId !== undefined && article.createdByKey === actor.apiKeyId);

const EDITOR_SITE: readonly SiteAction[] = ['article.create', 'media.upload', 'media.edit', 'section.manage', 'tag.manage', 'publication.manage', 'author.manage', 'wire.read', 'wire.manage', 'live.write', 'live.manage'];
// Writers read the wire desk (and write from it); feeds and groups are the editors' to manage.
// Writers add entries to live pages as they happen: an entry is short, timed and goes out at once.
const WRITER_SITE: readonly SiteAction[] = ['article.create', 'media.upload', 'wire.read', 'live.write'];

export function can(actor: Actor, action: Action, article?: ArticleFacts): boolean {
  if (actor.role === 'admin') return true;
  if (!action.startsWith('article.') || action === 'article.create') {
    return (actor.role === 'editor' ? EDITOR_SITE : WRITER_SITE).includes(action as SiteAction);
  }
  if (actor.role === 'editor') return true;
  // A writer: reads everything in the newsroom, works on their own drafts, never publishes.
  if (action === 'article.view') return true;
  if (!article || !owns(actor, article)) return false;
  const unpublishedDraft = article.state === 'draft' || article.state === 'in_review';
  switch (action) {
    case 'article.edit':
    case 'article.restore':
    case 'article.delete':
      return unpublishedDraft;
    case 'article.submit':
      return article.state === 'draft';
    case 'article.withdraw':
      return article.state === 'in_review';
    default:
      return false;
  }
}

/** What the media rules need to know of an image. */
export interface MediaFacts {
  /** The user who uploaded it; null for images from before this was recorded, the demo and integration keys. */
  readonly createdBy: number | null;
}

/**
 * Changing an image's alt text, caption and credit: editors and admins any image ('media.edit'),
 * and an uploader the images they uploaded themselves, so that a writer can fix a mistake in
 * their own caption without asking an editor. Deleting stays 'media.edit' alone: an image may be
 * used in other people's articles.
 */
export function canEditMediaMeta(actor: Actor, media: MediaFacts): boolean {
  if (can(actor, 'media.edit')) return true;
  return can(actor, 'media.upload') && media.createdBy !== null && media.createdBy === actor.userId;
}

export function authorizeMediaMeta(actor: Actor, media: MediaFacts): void {
  if (!canEditMediaMeta(actor, media)) {
    throw new AppError(403, 'forbidden', `Your role (${actor.role}) may change the description of images you uploaded yourself, not of this one.`);
  }
}

const DESCRIPTIONS: Record<Action, string> = {
  'article.view': 'see this article',
  'article.edit': 'edit this article',
  'article.submit': 'submit this article for review',
  'article.withdraw': 'take this article back from review',
  'article.publish': 'publish articles',
  'article.schedule': 'schedule articles',
  'article.unpublish': 'unpublish articles',
  'article.correct': 'correct published articles',
  'article.delete': 'delete this article',
  'article.restore': 'restore revisions of this article',
  'article.create': 'create articles',
  'media.upload': 'upload images',
  'media.edit': 'edit images',
  'section.manage': 'manage sections',
  'tag.manage': 'manage tags',
  'publication.manage': 'manage publications',
  'author.manage': 'manage authors',
  'user.manage': 'manage users',
  'settings.manage': 'change site settings',
  'apikey.manage': 'manage integration keys',
  'webhook.manage': 'manage webhooks',
  'audit.view': 'see the audit log',
  'wire.read': 'read the wire desk',
  'wire.manage': 'manage wire feeds',
  'live.write': 'write live entries',
  'live.manage': 'start or end live coverage',
};

export function authorize(actor: Actor, action: Action, article?: ArticleFacts): void {
  if (!can(actor, action, article)) {
    throw new AppError(403, 'forbidden', `Your role (${actor.role}) may not ${DESCRIPTIONS[action]}.`);
  }
}
