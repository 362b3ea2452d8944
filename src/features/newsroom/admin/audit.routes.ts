import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../lib/errors.js';
import { queryOf } from '../../../web/newsroom/form-page.js';
import type { AdminDeps } from './admin.routes.js';
import { auditActions, auditPage } from './audit-log.js';
import { auditLog } from './views/audit.view.js';

export function auditRoutes(nr: FastifyInstance, deps: AdminDeps): void {
  const send = deps.kit.send;

  const AuditQuery = queryOf('before', 'action');
  nr.withTypeProvider<TypeBoxTypeProvider>().get('/audit', { ...deps.kit.allowedTo('audit.view'), schema: { querystring: AuditQuery } }, async (request, reply) => {
    const query = request.query;
    const before = query.before;
    if (before !== undefined && !/^[1-9]\d{0,9}$/.test(before)) throw badRequest('“before” must be the id of a log entry.');
    // Any well-formed action is accepted, so that a link to one not logged yet shows an empty list.
    const action = query.action || undefined;
    if (action !== undefined && (action.length > 64 || !/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/.test(action))) throw badRequest('Choose an action from the list.');
    const [page, actions, site] = await Promise.all([auditPage(deps.db, { beforeId: before === undefined ? undefined : Number(before), action }), auditActions(deps.db), deps.site.get()]);
    return send(
      request,
      reply,
      { title: 'Audit log', nav: 'audit' },
      auditLog({ rows: page.rows, actions: action && !actions.includes(action) ? [...actions, action] : actions, action, zone: site.defaultEdition.edition.time_zone, older: page.older, paged: before !== undefined }),
    );
  });
}
