import { describe, expect } from 'vitest';
import type { AuditEventJSON, AuditPageJSON } from '@tapin/shared';
import { it } from './support/fixtures.js';
import { TestClient } from './support/test-client.js';
import { createUser, sessionOf } from './support/users.js';

async function readAll(admin: TestClient): Promise<AuditEventJSON[]> {
  const events: AuditEventJSON[] = [];
  let before: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res: { status: number; body: AuditPageJSON } = await admin.get<AuditPageJSON>(
      `/api/audit${before ? `?before=${before}` : ''}`,
    );
    expect(res.status).toBe(200);
    events.push(...res.body.events);
    before = res.body.nextBefore;
    if (!before) break;
  }
  return events;
}

describe('My account > Audit log', () => {
  it('returns 200 with the events newest first, in the order they happened within one moment', async ({
    admin,
  }) => {
    // The clock stands still, so all of these happen in the same millisecond.
    const carl = await createUser(admin, { username: 'carl', loginMethod: 'password_and_pin', pin: '13579' });
    expect((await admin.patchCurrent(`/api/users/${carl.id}`, { role: 'manager' })).status).toBe(200);
    expect((await admin.patchCurrent(`/api/users/${carl.id}`, { loginMethod: 'password' })).status).toBe(200);
    expect((await admin.delete(`/api/users/${carl.id}`, {})).status).toBe(200);

    const res = await admin.get<AuditPageJSON>('/api/audit');
    expect(res.status).toBe(200);
    expect(res.body.events.map((e) => e.type)).toEqual([
      'user.deleted',
      'user.pin_cleared',
      'user.login_method_changed',
      'user.role_changed',
      'user.pin_set',
      'user.created',
      'organisation.created',
    ]);
    const me = await sessionOf(admin);
    const [deleted, , methodChanged, roleChanged] = res.body.events;
    expect(deleted).toMatchObject({
      actor: { id: me.user.id, name: 'Ada Admin' },
      // The user is gone; the entry keeps the name they had.
      target: { id: carl.id, name: 'Staff carl' },
    });
    expect(roleChanged?.detail).toEqual({ from: 'cashier', to: 'manager' });
    expect(methodChanged?.detail).toEqual({ from: 'password_and_pin', to: 'password' });
  });

  it('returns 200 pages of 50 that together hold every event exactly once', async ({ t, admin }) => {
    const carl = await createUser(admin, { username: 'carl' });
    for (let i = 0; i < 60; i++) {
      expect(
        (await admin.patchCurrent(`/api/users/${carl.id}`, { role: i % 2 ? 'cashier' : 'manager' })).status,
      ).toBe(200);
      if (i % 3 === 0) t.clock.advance(1000);
      expect((await admin.get('/api/auth/session')).status).toBe(200);
    }
    const first = await admin.get<AuditPageJSON>('/api/audit');
    expect(first.body.events).toHaveLength(50);
    expect(first.body.nextBefore).toBe(first.body.events.at(-1)?.id);

    const all = await readAll(admin);
    const rows = await t.deps.database.db.selectFrom('audit_events').select('id').execute();
    expect(all).toHaveLength(rows.length);
    expect(new Set(all.map((e) => e.id)).size).toBe(rows.length);
    const times = all.map((e) => Date.parse(e.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.at(-1)?.type).toBe('organisation.created');
    expect(all.at(-2)?.type).toBe('user.created');
  });

  it('returns 401 and records the failed password login against the user it names', async ({ t, admin }) => {
    await createUser(admin, { username: 'carl' });
    const res = await new TestClient(t).login('carl', 'not the password');
    expect(res.status).toBe(401);
    const log = await admin.get<AuditPageJSON>('/api/audit');
    expect(log.body.events[0]).toMatchObject({
      type: 'login.password_failed',
      actor: null,
      target: { name: 'Staff carl' },
    });
  });

  it.for(['before=not%20an%20id!', 'before=', 'page=2', 'before=abcdefgh&extra=1'])(
    'returns 400 bad_request for the query %s',
    async (query, { admin }) => {
      const res = await admin.get(`/api/audit?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request' } });
    },
  );
});
