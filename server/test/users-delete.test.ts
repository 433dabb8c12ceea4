import { describe, expect } from 'vitest';
import { it } from './support/fixtures.js';
import { TestClient } from './support/test-client.js';
import { createUser, getUser, loginAs, sessionOf } from './support/users.js';

describe('My account > Users: deleting users', () => {
  it('returns 200, removes the user and ends their session', async ({ t, admin }) => {
    const user = await createUser(admin, { username: 'carl' });
    const carl = await loginAs(t, 'carl');
    const res = await admin.delete(`/api/users/${user.id}`, {});
    expect(res.status).toBe(200);
    expect((await getUser(admin, user.id)).status).toBe(404);
    expect((await carl.get('/api/auth/session')).status).toBe(401);
  });

  it('returns 409 cannot_delete_self when an admin deletes their own account', async ({ admin }) => {
    const me = await sessionOf(admin);
    const res = await admin.delete(`/api/users/${me.user.id}`, {});
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'cannot_delete_self' } });
    expect((await getUser(admin, me.user.id)).status).toBe(200);
  });

  it('returns 404 not_found for a user id that does not exist', async ({ admin }) => {
    const res = await admin.delete('/api/users/doesNotExist123', {});
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it('returns 409 last_admin when the only admin makes themselves a manager', async ({ admin }) => {
    const me = await sessionOf(admin);
    const res = await admin.patchCurrent(`/api/users/${me.user.id}`, { role: 'manager' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'last_admin', field: 'role' } });
    expect((await sessionOf(admin)).user.role).toBe('admin');
  });
});

describe('My account > Users: the organisation keeps an admin', () => {
  it('returns 409 last_admin to one of four admins who all step down at the same moment', async ({
    t,
    admin,
  }) => {
    const adaId = (await sessionOf(admin)).user.id;
    const admins = [{ id: adaId, client: admin }];
    for (const username of ['otto', 'olga', 'oren']) {
      const user = await createUser(admin, { username, role: 'admin' });
      admins.push({ id: user.id, client: await loginAs(t, username) });
    }
    const { db } = t.deps.database;
    for (let round = 0; round < 3; round++) {
      await db
        .updateTable('users')
        .set({ role: 'admin' })
        .where(
          'id',
          'in',
          admins.map((a) => a.id),
        )
        .execute();
      const replies = await Promise.all(
        admins.map((a) => a.client.patchCurrent(`/api/users/${a.id}`, { role: 'manager' })),
      );
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses, `round ${round + 1}`).toEqual([200, 200, 200, 409]);
      const left = await db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
      expect(left).toHaveLength(1);
    }
  });
});

describe('My account > Users: the organisation keeps an admin who can reach the admin environment', () => {
  it('returns 409 last_admin to the only admin who sets their own login method to PIN only, and changes nothing', async ({
    t,
    admin,
  }) => {
    const me = await sessionOf(admin);
    const res = await admin.patchCurrent(`/api/users/${me.user.id}`, {
      loginMethod: 'pin_only',
      pin: '86420',
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'last_admin', field: 'loginMethod' } });
    const row = await t.deps.database.db
      .selectFrom('users')
      .select(['login_method', 'pin_hmac'])
      .where('id', '=', me.user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ login_method: 'password', pin_hmac: null });
    expect((await new TestClient(t).login('ada', 'correct horse battery')).status).toBe(200);
  });

  it('does not count a PIN only admin as the other admin', async ({ admin }) => {
    await createUser(admin, { username: 'pina', role: 'admin', loginMethod: 'pin_only', pin: '13579' });
    const me = await sessionOf(admin);
    const demote = await admin.patchCurrent(`/api/users/${me.user.id}`, { role: 'manager' });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ error: { code: 'last_admin', field: 'role' } });
    const pinOnly = await admin.patchCurrent(`/api/users/${me.user.id}`, {
      loginMethod: 'pin_only',
      pin: '86420',
    });
    expect(pinOnly.status).toBe(409);
  });

  it('lets exactly one of two admins switch to PIN only when both do so at the same moment', async ({
    t,
    admin,
  }) => {
    const ada = (await sessionOf(admin)).user.id;
    const otto = await createUser(admin, { username: 'otto', role: 'admin' });
    const ottoClient = await loginAs(t, 'otto');
    const replies = await Promise.all([
      admin.patchCurrent(`/api/users/${ada}`, { loginMethod: 'pin_only', pin: '86420' }),
      ottoClient.patchCurrent(`/api/users/${otto.id}`, { loginMethod: 'pin_only', pin: '97531' }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const withPassword = await t.deps.database.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('login_method', '!=', 'pin_only')
      .execute();
    expect(withPassword).toHaveLength(1);
  });
});
