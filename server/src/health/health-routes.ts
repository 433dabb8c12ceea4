import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { isDatabaseUnavailable } from '../db/database-unavailable.js';
import { checkReadiness } from './check-readiness.js';

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
        const readiness = await checkReadiness(db);
        if (readiness === 'ready') return c.json({ status: 'ready' });
        return c.json({ status: 'not_ready', reason: readiness }, 503);
      } catch (err) {
        if (!isDatabaseUnavailable(err)) deps.logger.warn('readiness check failed', { message: String(err) });
        c.header('Retry-After', '5');
        return c.json({ status: 'not_ready', reason: 'database unavailable' }, 503);
      }
    });
}
