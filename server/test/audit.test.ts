import { describe, expect } from 'vitest';
import type { AuditEventJSON, AuditPageJSON } from '@tapin/shared';
import { it } from './support/fixtures.js';
import { TestClient } from './support/test-client.js';
import { TestDevice } from './support/test-device.js';
import { createUser, loginAs, sessionOf } from './support/users.js';

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

  it('returns 200 with each entry naming its device as it is called now, or was called when deleted', async ({
    t,
    admin,
    device,
  }) => {
    const other = await TestDevice.create(t);
    expect((await other.approveWith(admin, 'Back till')).status).toBe(201);
    expect((await device.pinLogin('99999')).status).toBe(401);
    expect((await admin.patchCurrent(`/api/devices/${device.id}`, { name: 'Front till' })).status).toBe(200);
    expect((await other.pinLogin('99999')).status).toBe(401);
    expect((await admin.patchCurrent(`/api/devices/${other.id}`, { name: 'Back counter' })).status).toBe(200);
    expect((await admin.postCurrent(`/api/devices/${other.id}/revoke`)).status).toBe(200);
    expect((await admin.delete(`/api/devices/${other.id}`, {})).status).toBe(200);

    const { events } = (await admin.get<AuditPageJSON>('/api/audit')).body;
    const about = (id: string) =>
      events.filter((e) => e.device?.id === id).map((e) => [e.type, e.device?.name]);
    expect(about(device.id)).toEqual([
      ['device.renamed', 'Front till'],
      ['login.pin_failed', 'Front till'],
      ['device.approved', 'Front till'],
    ]);
    // Deleted: every entry about it, the failed login too, gives the name it had at the end.
    expect(about(other.id)).toEqual([
      ['device.deleted', 'Back counter'],
      ['device.revoked', 'Back counter'],
      ['device.renamed', 'Back counter'],
      ['login.pin_failed', 'Back counter'],
      ['device.approved', 'Back counter'],
    ]);
    expect(events.find((e) => e.device?.id === device.id && e.type === 'device.renamed')?.detail).toEqual({
      from: 'Till 1',
      to: 'Front till',
    });
    // Entries about no device say so.
    expect(events.find((e) => e.type === 'pin_login.activated')?.device).toBeNull();
  });

  it('returns 200 with a deleted user named as they were when deleted, as the one edited and as the one who acted', async ({
    t,
    admin,
  }) => {
    const carl = await createUser(admin, { username: 'carl', role: 'admin' });
    const asCarl = await loginAs(t, 'carl');
    const dora = await createUser(asCarl, { username: 'dora' });
    expect((await admin.patchCurrent(`/api/users/${carl.id}`, { name: 'Carl Renamed' })).status).toBe(200);
    expect((await admin.patchCurrent(`/api/users/${carl.id}`, { password: 'a new long one' })).status).toBe(
      200,
    );
    expect((await admin.delete(`/api/users/${carl.id}`, {})).status).toBe(200);

    const { events } = (await admin.get<AuditPageJSON>('/api/audit')).body;
    expect(events.find((e) => e.type === 'user.password_changed')?.target).toEqual({
      id: carl.id,
      name: 'Carl Renamed',
    });
    expect(events.find((e) => e.type === 'user.created' && e.target?.id === dora.id)).toMatchObject({
      actor: { id: carl.id, name: 'Carl Renamed' },
      target: { id: dora.id, name: 'Staff dora' },
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
