import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { createApp } from '../src/app.js';
import { openDatabase } from '../src/db/open-database.js';
import { it } from './support/fixtures.js';
import { TestClient } from './support/test-client.js';

const onPostgres = process.env.TEST_DATABASE_URL !== undefined;

describe('an unreachable database', () => {
  it('returns 503 unavailable with Retry-After while PostgreSQL refuses connections, and /readyz says so', async ({
    t,
  }) => {
    // A port nobody listens on: connections are refused at once.
    const refused = openDatabase({ databaseUrl: 'postgres://root@127.0.0.1:9/test' });
    try {
      const app = createApp({ ...t.deps, database: refused });
      const client = new TestClient({ ...t, app });
      const res = await client.login('ada', 'correct horse battery');
      console.log(t.logLines.slice(-2));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body).toMatchObject({ error: { code: 'unavailable' } });
      const ready = await app.request('http://localhost/readyz');
      expect(ready.status).toBe(503);
      expect((await app.request('http://localhost/healthz')).status).toBe(200);
    } finally {
      await refused.close();
    }
  });

  it.skipIf(onPostgres)(
    'returns 503 while SQLite reports a full disk, and 200 again once there is room',
    async ({ t, admin }) => {
      const { db } = t.deps.database;
      // SQLite's own limit on the file size: writes beyond it fail with SQLITE_FULL, as on a full disk.
      const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
      await sql.raw(`pragma max_page_count = ${rows[0]?.page_count ?? 1}`).execute(db);
      // Fill what room is left in the pages of the tables that adding a user writes to.
      const orgId = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
      const fill = async (insert: (i: number) => Promise<unknown>) => {
        for (let i = 0; i < 10_000; i++) {
          const failed = await insert(i).then(
            () => null,
            (err: { code?: string }) => err,
          );
          if (failed) return failed.code;
        }
        return null;
      };
      const users = await fill((i) =>
        db
          .insertInto('users')
          .values({
            id: `filler-user-${i}`,
            organisation_id: orgId,
            name: 'x'.repeat(90),
            username: `filler${i}`,
            role: 'cashier',
            login_method: 'password',
            password_hash: 'x',
            pin_hmac: null,
            created_at: 0,
            updated_at: 0,
          })
          .execute(),
      );
      const audit = await fill((i) =>
        db
          .insertInto('audit_events')
          .values({
            id: `filler-event-${i}`,
            organisation_id: orgId,
            type: 'settings.changed',
            actor_user_id: null,
            target_user_id: null,
            device_id: null,
            ip: null,
            detail: '{}',
            created_at: 0,
          })
          .execute(),
      );
      const full = users === 'SQLITE_FULL' && audit === 'SQLITE_FULL';
      expect(full).toBe(true);
      const res = await admin.post('/api/users', {
        username: 'no.room',
        name: 'No Room',
        role: 'cashier',
        loginMethod: 'password',
        password: 'long enough 1',
      });
      expect(res.status, t.logLines.slice(-2).join(' ')).toBe(503);
      expect(res.body).toMatchObject({ error: { code: 'unavailable' } });
      await sql.raw('pragma max_page_count = 1073741823').execute(db);
      const after = await admin.post('/api/users', {
        username: 'roomy',
        name: 'Roomy',
        role: 'cashier',
        loginMethod: 'password',
        password: 'long enough 1',
      });
      expect(after.status).toBe(201);
    },
  );

  it.runIf(onPostgres)(
    'recovers within seconds after its PostgreSQL connections are terminated under load',
    async ({ t, admin }) => {
      const { db } = t.deps.database;
      const { rows } = await sql<{
        name: string;
      }>`select current_setting('application_name') as name`.execute(db);
      const appName = rows[0]?.name ?? '';
      expect(appName).toMatch(/^tapin-/);
      const statuses: number[] = [];
      let stop = false;
      const load = Promise.all(
        Array.from({ length: 6 }, async () => {
          while (!stop) statuses.push((await admin.get('/api/users')).status);
        }),
      );
      await new Promise((r) => setTimeout(r, 200));
      const killer = openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL });
      try {
        for (let round = 0; round < 3; round++) {
          await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${appName}`.execute(
            killer.db,
          );
          await new Promise((r) => setTimeout(r, 150));
        }
      } finally {
        await killer.close();
      }
      const beforeRecovery = statuses.length;
      await new Promise((r) => setTimeout(r, 500));
      stop = true;
      await load;
      expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
      expect(statuses.slice(beforeRecovery)).toContain(200);
      expect((await admin.get('/api/users')).status).toBe(200);
    },
  );
});
