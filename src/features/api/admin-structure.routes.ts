import { AppError } from '../../lib/errors.js';
import type { AdminDeps, AdminRoute } from './admin.plugin.js';
import * as A from './admin.schema.js';
import { ADMIN_PATH } from './admin.schema.js';
import { authorRows, publicationRows, sectionRows, tagRows } from './admin.structure.js';

const READ = [400, 401, 403, 429, 500];

/** The cursor of an id-ordered list: the last id of the page, opaque to clients. */
export const encodeIdCursor = (id: number): string => Buffer.from(`id:${id}`).toString('base64url');

function afterId(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^id:(\d{1,10})$/.exec(/^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '');
  const id = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError(400, 'bad_cursor', 'The cursor is not valid; use nextCursor from a previous response.');
  return id;
}

/** `updatedSince` as stored (ISO 8601 UTC), so that it compares with the column on both databases. */
function since(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new AppError(400, 'bad_date', `updatedSince: "${value}" is not a date and time.`);
  return at.toISOString();
}

const utc = (iso: string) => new Date(iso).toISOString();
/** The columns every structure row has, as the API names them. */
const times = (row: { created_at: string; updated_at: string }) => ({ createdAt: utc(row.created_at), updatedAt: utc(row.updated_at) });

/** One page of rows fetched with limit + 1, in id order. */
function page<R extends { id: number }, T>(rows: R[], limit: number, map: (row: R) => T): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeIdCursor(last.id) : null };
}

/**
 * The site's structure for importers: sections, authors, tags and publications with the ids that
 * an article's fields take, in id order, a page at a time.
 */
export function adminStructureRoutes(route: AdminRoute, deps: AdminDeps): void {
  const { db } = deps;

  route(
    { method: 'get', path: `${ADMIN_PATH}/sections`, summary: 'Sections with their ids (for sectionId), of one edition or all.', tag: 'Admin', querystring: A.AdminEditionPageQuery, response: A.AdminSectionPage, errors: READ },
    async (request) => {
      const { edition, limit = 100, cursor, updatedSince } = request.query;
      const rows = await sectionRows(db, { after: afterId(cursor), limit: limit + 1, updatedSince: since(updatedSince) }, edition);
      return page(rows, limit, (s) => ({ id: s.id, edition: s.edition, slug: s.slug, name: s.name, description: s.description, position: s.position, ...times(s) }));
    },
  );

  route(
    { method: 'get', path: `${ADMIN_PATH}/authors`, summary: 'Authors with their ids (for authorIds).', tag: 'Admin', querystring: A.AdminPageQuery, response: A.AdminAuthorPage, errors: READ },
    async (request) => {
      const { limit = 100, cursor, updatedSince } = request.query;
      const rows = await authorRows(db, { after: afterId(cursor), limit: limit + 1, updatedSince: since(updatedSince) });
      return page(rows, limit, (a) => ({ id: a.id, slug: a.slug, name: a.name, bio: a.bio, photoMediaId: a.photo_media_id, ...times(a) }));
    },
  );

  route(
    { method: 'get', path: `${ADMIN_PATH}/tags`, summary: 'Tags with their ids, of one edition or all, of one type or all.', tag: 'Admin', querystring: A.AdminTagPageQuery, response: A.AdminTagPage, errors: READ },
    async (request) => {
      const { edition, type, limit = 100, cursor, updatedSince } = request.query;
      const rows = await tagRows(db, { after: afterId(cursor), limit: limit + 1, updatedSince: since(updatedSince) }, { edition, type });
      return page(rows, limit, (t) => ({ id: t.id, edition: t.edition, type: t.type, slug: t.slug, name: t.name, description: t.description, ...times(t) }));
    },
  );

  route(
    { method: 'get', path: `${ADMIN_PATH}/publications`, summary: 'Publications cited as sources, with their ids (for a source’s publicationId).', tag: 'Admin', querystring: A.AdminPageQuery, response: A.AdminPublicationPage, errors: READ },
    async (request) => {
      const { limit = 100, cursor, updatedSince } = request.query;
      const rows = await publicationRows(db, { after: afterId(cursor), limit: limit + 1, updatedSince: since(updatedSince) });
      return page(rows, limit, (p) => ({ id: p.id, slug: p.slug, name: p.name, url: p.url, kind: p.kind, ...times(p) }));
    },
  );
}
