import { Hono } from 'hono';
import { AuditQuery, type AuditEventJSON, type AuditPageJSON } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { ApiError } from '../http/api-error.js';
import { valid } from '../http/validate.js';
import { authOf, requireAdminAccess } from '../sessions/session-middleware.js';

const PAGE_SIZE = 50;

/** My account > Audit log: admins only, newest first. */
export function auditRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>().get('/', requireAdminAccess(deps), valid('query', AuditQuery), async (c) => {
    const auth = authOf(c);
    if (auth.user.role !== 'admin')
      throw new ApiError(403, 'forbidden', 'Only an admin can read the audit log');
    const { before } = c.req.valid('query');
    let q = db
      .selectFrom('audit_events as e')
      .leftJoin('users as actor', 'actor.id', 'e.actor_user_id')
      .leftJoin('users as target', 'target.id', 'e.target_user_id')
      .select([
        'e.id',
        'e.type',
        'e.actor_user_id',
        'e.target_user_id',
        'e.device_id',
        'e.ip',
        'e.detail',
        'e.created_at',
        'actor.name as actor_name',
        'target.name as target_name',
      ])
      .where('e.organisation_id', '=', auth.organisation.id)
      .orderBy('e.id', 'desc')
      .limit(PAGE_SIZE + 1);
    if (before) q = q.where('e.id', '<', before);
    const rows = await q.execute();
    const page = rows.slice(0, PAGE_SIZE);
    const events: AuditEventJSON[] = page.map((r) => {
      const detail = JSON.parse(r.detail) as AuditEventJSON['detail'];
      const removedName = typeof detail.name === 'string' ? detail.name : 'Deleted user';
      return {
        id: r.id,
        type: r.type,
        actor: r.actor_user_id ? { id: r.actor_user_id, name: r.actor_name ?? 'Deleted user' } : null,
        target: r.target_user_id ? { id: r.target_user_id, name: r.target_name ?? removedName } : null,
        deviceId: r.device_id,
        ip: r.ip,
        detail,
        createdAt: new Date(r.created_at).toISOString(),
      };
    });
    return c.json<AuditPageJSON>({
      events,
      nextBefore: rows.length > PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
    });
  });
}
