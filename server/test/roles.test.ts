import { describe, expect } from 'vitest';
import type { UserJSON } from '@tapin/shared';
import { ADMIN_ROUTES, fillRoute } from './support/admin-routes.js';
import { expectOnlyRefusalAudited, snapshotDatabase } from './support/database.js';
import { test } from './support/fixtures.js';
import { DEFAULT_SETUP, TestClient } from './support/test-client.js';
import { TestDevice } from './support/test-device.js';
import { countUsers, createUser, getUser, loginAs, newUserBody } from './support/users.js';

/** Mona, a manager logged in with a password, and Carl, a cashier with a password and a PIN. */
const it = test
  .extend(
    'managerId',
    async ({ admin }) => (await createUser(admin, { username: 'mona', role: 'manager' })).id,
  )
  .extend('manager', async ({ t, managerId }) => {
    expect(managerId).toBeTruthy();
    return loginAs(t, 'mona');
  })
  .extend('carl', async ({ admin }): Promise<UserJSON> =>
    createUser(admin, { username: 'carl', loginMethod: 'password_and_pin', pin: '11111' }),
  )
  .extend('cashier', async ({ t, carl }) => {
    expect(carl.role).toBe('cashier');
    return loginAs(t, 'carl');
  });

describe('a manager and admins', () => {
  const adminEdits: [string, Record<string, unknown>][] = [
    ['name', { name: 'Not Ada' }],
    ['username', { username: 'ada2' }],
    ['PIN', { loginMethod: 'password_and_pin', pin: '22222' }],
    ['password', { password: 'manager chose this' }],
    ['role', { role: 'cashier' }],
    ['login method', { loginMethod: 'pin_only', pin: '33333' }],
  ];

  it.for(adminEdits)(
    "returns 403 forbidden when a manager edits an admin's %s",
    async ([_what, body], { t, adminId, manager }) => {
      const before = await snapshotDatabase(t);
      const res = await manager.patchCurrent(`/api/users/${adminId}`, body);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
      await expectOnlyRefusalAudited(t, before);
      // The admin still logs in with the password they chose.
      expect((await new TestClient(t).login(DEFAULT_SETUP.username, DEFAULT_SETUP.password)).status).toBe(
        200,
      );
    },
  );

  it('returns 403 forbidden when a manager deletes an admin', async ({ admin, adminId, manager }) => {
    const res = await manager.delete(`/api/users/${adminId}`, {});
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await getUser(admin, adminId)).status).toBe(200);
  });

  it('returns 403 forbidden when a manager creates an admin', async ({ t, manager }) => {
    const before = await countUsers(t);
    const res = await manager.post('/api/users', newUserBody({ username: 'newadmin', role: 'admin' }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden', field: 'role' } });
    expect(await countUsers(t)).toBe(before);
  });

  it('returns 403 forbidden when a manager makes a cashier an admin', async ({ admin, manager, carl }) => {
    const res = await manager.patchCurrent(`/api/users/${carl.id}`, { role: 'admin' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden', field: 'role' } });
    expect((await getUser(admin, carl.id)).body.user.role).toBe('cashier');
  });

  it('returns 403 forbidden when a manager makes themselves an admin', async ({
    admin,
    manager,
    managerId,
  }) => {
    const res = await manager.patchCurrent(`/api/users/${managerId}`, { role: 'admin' });
    expect(res.status).toBe(403);
    expect((await getUser(admin, managerId)).body.user.role).toBe('manager');
  });

  it('returns 403 forbidden when a manager reads the audit log', async ({ manager }) => {
    const res = await manager.get('/api/audit');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
  });

  it("returns 200 when a manager sets a cashier's PIN, and 201 when a manager adds a cashier", async ({
    manager,
    carl,
  }) => {
    const res = await manager.patchCurrent<{ user: UserJSON }>(`/api/users/${carl.id}`, { pin: '44444' });
    expect(res.status).toBe(200);
    expect(res.body.user.hasPin).toBe(true);
    const created = await manager.post(
      '/api/users',
      newUserBody({ username: 'pia', loginMethod: 'pin_only', pin: '55555' }),
    );
    expect(created.status).toBe(201);
    const list = await manager.get<{ users: UserJSON[] }>('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.users.map((u) => u.username)).toContain('ada');
  });

  it('returns 200 when a manager activates PIN login, as the article allows', async ({ manager }) => {
    const res = await manager.postCurrent('/api/organisation/pin-login/activate', {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: true });
  });
});

describe('a cashier and the admin environment', () => {
  it.for(ADMIN_ROUTES)(
    'returns 403 forbidden to a cashier on $method $path',
    async ({ method, path, body }, { t, adminId, device, cashier }) => {
      const before = await snapshotDatabase(t);
      const res = await cashier.call(method, fillRoute(path, adminId, device), body);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
      await expectOnlyRefusalAudited(t, before);
    },
  );

  it('returns 403 forbidden to a cashier approving a device', async ({ t, cashier }) => {
    const other = await TestDevice.create(t);
    const res = await other.approveWith(cashier);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
  });

  it.for(ADMIN_ROUTES)(
    'returns 401 unauthenticated without a session on $method $path',
    async ({ method, path, body }, { t, adminId, device }) => {
      const res = await new TestClient(t).call(method, fillRoute(path, adminId, device), body);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
    },
  );
});
