import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';

type Db = Kysely<Database>;

export const AUDIT_PAGE_SIZE = 50;

/**
 * What the newsroom writes to the log today; actions found in the log are added to the filter,
 * so an area that starts logging something new shows up without a change here.
 */
export const KNOWN_ACTIONS: readonly string[] = [
  'article.publish',
  'article.schedule',
  'article.unschedule',
  'article.unpublish',
  'article.correct',
  'article.delete',
  'user.create',
  'user.role',
  'user.author',
  'user.password',
  'user.disable',
  'user.enable',
  'settings.change',
];

/** A log entry with links to the newsroom pages of what it names, where they still exist. */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  userId: number | null;
  action: string;
  subject: string;
  detail: string;
  /** The subject's page when it is an article, user or edition that still exists, or the site's settings. */
  subjectHref: string | null;
  /** The actor's page when the actor is a user that still exists. */
  actorHref: string | null;
}

export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().execute();
  return [...new Set([...KNOWN_ACTIONS, ...rows.map((r) => r.action)])].sort();
}

/**
 * One page of the log, newest first, by keyset on the id (`before`: entries older than that
 * one), so that paging stays right while new entries arrive. `older` is the `before` of the next
 * page, if there is one.
 */
export async function auditPage(db: Db, options: { beforeId?: number | undefined; action?: string | undefined; limit?: number }): Promise<{ rows: AuditRow[]; older: number | undefined }> {
  const limit = options.limit ?? AUDIT_PAGE_SIZE;
  let query = db.selectFrom('audit_log').select(['id', 'at', 'actor', 'user_id', 'action', 'subject', 'detail']).orderBy('id', 'desc').limit(limit + 1);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  if (options.action) query = query.where('action', '=', options.action);
  const found = await query.execute();
  const page = found.slice(0, limit);

  const ids = (kind: string) => [...new Set(page.map((r) => new RegExp(`^${kind} (\\d{1,9})$`).exec(r.subject)?.[1]).filter((x): x is string => !!x).map(Number))];
  const articleIds = ids('article');
  const userIds = [...new Set([...ids('user'), ...page.map((r) => r.user_id).filter((x): x is number => x !== null)])];
  const [articles, users, editions] = await Promise.all([
    articleIds.length ? db.selectFrom('articles').select('id').where('id', 'in', articleIds).execute() : [],
    userIds.length ? db.selectFrom('users').select('id').where('id', 'in', userIds).execute() : [],
    db.selectFrom('editions').select('code').execute(),
  ]);
  const liveArticles = new Set(articles.map((a) => a.id));
  const liveUsers = new Set(users.map((u) => u.id));
  const liveEditions = new Set(editions.map((e) => e.code));
  const hrefOf = (subject: string): string | null => {
    const [kind, key = ''] = subject.split(' ');
    if (kind === 'article' && liveArticles.has(Number(key))) return `/newsroom/articles/${key}`;
    if (kind === 'user' && liveUsers.has(Number(key))) return `/newsroom/users/${key}`;
    if (kind === 'edition' && liveEditions.has(key)) return `/newsroom/settings/editions/${key}`;
    if (subject === 'site') return '/newsroom/settings';
    return null;
  };
  const rows = page.map((r): AuditRow => {
    const subjectHref = /^(article|user) \d{1,9}$|^edition [a-z]{1,16}$|^site$/.test(r.subject) ? hrefOf(r.subject) : null;
    return {
      id: r.id,
      at: r.at,
      actor: r.actor,
      userId: r.user_id,
      action: r.action,
      subject: r.subject,
      detail: r.detail,
      subjectHref,
      actorHref: r.user_id !== null && liveUsers.has(r.user_id) ? `/newsroom/users/${r.user_id}` : null,
    };
  });
  return { rows, older: found.length > limit ? page[page.length - 1]?.id : undefined };
}
