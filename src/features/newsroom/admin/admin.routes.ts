import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit.routes.js';
import type { ManageDeps } from '../form-page.js';
import { settingsRoutes } from './settings.routes.js';
import { userRoutes } from './users.routes.js';

/** The admin's pages under /newsroom: users, settings and the audit log (admins only). */
export function adminRoutes(nr: FastifyInstance, deps: ManageDeps): void {
  userRoutes(nr, deps);
  settingsRoutes(nr, deps);
  auditRoutes(nr, deps);
}
