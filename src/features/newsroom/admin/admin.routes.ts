import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit.routes.js';
import type { AdminDeps } from './common.js';
import { settingsRoutes } from './settings.routes.js';
import { userRoutes } from './users.routes.js';

export type { AdminDeps } from './common.js';

/** The admin's pages under /newsroom: users, settings and the audit log (admins only). */
export function adminRoutes(nr: FastifyInstance, deps: AdminDeps): void {
  userRoutes(nr, deps);
  settingsRoutes(nr, deps);
  auditRoutes(nr, deps);
}
