import { Hono } from 'hono';
import { sql } from 'kysely';
import { EmptyRequest } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../src/app-deps.js';
import { requestGuard } from '../src/http/request-guard.js';
import { valid } from '../src/http/validate.js';

/**
 * POST /api/test/reset empties every table, so each end-to-end test starts from a fresh install.
 * Only the end-to-end server mounts it; the production app has no such route.
 */
export function resetRoutes(deps: AppDeps) {
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
      deps.logger.warn('database reset for a test', { tables: tables.length });
      return c.json({ ok: true });
    });
}
