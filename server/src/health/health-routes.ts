import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppDeps } from '../app-deps.js';
import { migrationsAreCurrent } from '../db/migrate.js';
import { isDatabaseUnavailable } from '../db/database-unavailable.js';

/**
 * For load balancers and orchestrators. /healthz: the process is up and serving. /readyz: the
 * database answers and its migrations are current, so requests can be sent here. Neither says
 * anything about the configuration or its secrets.
 */
export function healthRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono()
    .get('/healthz', (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'ok' });
    })
    .get('/readyz', async (c) => {
      c.header('Cache-Control', 'no-store');
      try {
        await sql`select 1`.execute(db);
        if (await migrationsAreCurrent(db)) return c.json({ status: 'ready' });
        return c.json({ status: 'not_ready', reason: 'migrations pending' }, 503);
      } catch (err) {
        if (!isDatabaseUnavailable(err)) deps.logger.warn('readiness check failed', { message: String(err) });
        c.header('Retry-After', '5');
        return c.json({ status: 'not_ready', reason: 'database unavailable' }, 503);
      }
    });
}
