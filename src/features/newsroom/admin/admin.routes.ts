import type { FastifyInstance } from 'fastify';
import type { SiteService } from '../../editions/site.service.js';
import type { ManageDeps } from '../../users/newsroom-access.js';
import { auditRoutes } from './audit.routes.js';
import { settingsRoutes } from './settings.routes.js';
import { userRoutes } from './users.routes.js';

export interface AdminDeps extends ManageDeps {
  site: SiteService;
}

/** The admin's pages under /newsroom: users, settings and the audit log (admins only). */
export function adminRoutes(nr: FastifyInstance, deps: AdminDeps): void {
  userRoutes(nr, deps);
  settingsRoutes(nr, deps);
  auditRoutes(nr, deps);
}
