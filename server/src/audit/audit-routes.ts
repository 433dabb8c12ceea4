import { Hono } from 'hono';
import { AuditQuery } from '@tapin/shared';
import { requireAccess } from '../access/require-access.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { valid } from '../http/validate.js';
import { auditLogPage } from './audit-log-page.js';

/** My account > Audit log: admins only, newest first. */
export function auditRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>().get(
    '/',
    requireAccess(deps, 'audit_log'),
    valid('query', AuditQuery),
    async (c) => c.json(await auditLogPage(db, c.var.actor, c.req.valid('query').before)),
  );
}
