import { Hono } from 'hono';
import { sql } from 'kysely';
import * as z from 'zod/mini';
import { EmptyRequest } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../src/app-deps.js';
import type { Clock } from '../src/clock.js';
import { requestGuard } from '../src/http/request-guard.js';
import { valid } from '../src/http/validate.js';

/** The end-to-end server's clock: the system's, which a test may move on (never back). */
export class MovableClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
}

const AdvanceClockRequest = z.strictObject({ seconds: z.number().check(z.gte(0), z.lte(86_400)) });

/**
 * POST /api/test/reset empties every table, so each end-to-end test starts from a fresh install,
 * and puts the clock back; POST /api/test/clock moves the server's clock on, so a test need not
 * wait out PIN-login delays. Only the end-to-end server mounts them; the production app has no
 * such routes.
 */
export function resetRoutes(deps: AppDeps, clock: MovableClock) {
  const { db, kind } = deps.database;
  return new Hono<AppEnv>()
    .use(requestGuard({ allowedOrigins: deps.config.allowedOrigins }))
    .post('/reset', valid('json', EmptyRequest), async (c) => {
      // Every table the migrations made, so tables added later are emptied too.
      const tables = await db.introspection.getTables();
      await db.transaction().execute(async (trx) => {
        if (kind === 'postgres') {
          const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(trx);
          const names = tables.filter((t) => t.schema === rows[0]?.schema).map((t) => sql.id(t.name));
          if (names.length > 0) await sql`truncate table ${sql.join(names)} cascade`.execute(trx);
          return;
        }
        // Foreign keys are checked at commit, when every table is empty.
        await sql`pragma defer_foreign_keys = on`.execute(trx);
        for (const t of tables) await sql`delete from ${sql.table(t.name)}`.execute(trx);
      });
      clock.offsetMs = 0;
      deps.logger.warn('database reset for a test', { tables: tables.length });
      return c.json({ ok: true });
    })
    .post('/clock', valid('json', AdvanceClockRequest), (c) => {
      clock.offsetMs += c.req.valid('json').seconds * 1000;
      return c.json({ ok: true });
    });
}
