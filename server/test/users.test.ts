import { describe, expect } from 'vitest';
import type { UserJSON } from '@tapin/shared';
import { snapshotDatabase } from './support/database.js';
import { it } from './support/fixtures.js';
import { TestClient } from './support/test-client.js';
import {
  STAFF_PASSWORD,
  countUsers,
  createUser,
  getUser,
  loginAs,
  newUserBody,
  sessionOf,
} from './support/users.js';

describe('My account > Users: creating users', () => {
  it('returns 201 with hasPin true for a "Password and PIN" user, and the user is listed', async ({
    admin,
  }) => {
    const res = await admin.post<{ user: UserJSON }>(
      '/api/users',
      newUserBody({ username: 'carl', loginMethod: 'password_and_pin', pin: '27183' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      username: 'carl',
      role: 'cashier',
      loginMethod: 'password_and_pin',
      hasPin: true,
      hasPassword: true,
    });
    expect(res.body.user).not.toHaveProperty('pin');
    const list = await admin.get<{ users: UserJSON[] }>('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.users.map((u) => u.username).sort()).toEqual(['ada', 'carl']);
  });

  it('returns 201 for a "PIN only" user, who has a PIN and no password', async ({ admin }) => {
    const res = await admin.post<{ user: UserJSON }>(
      '/api/users',
      newUserBody({ username: 'pia', loginMethod: 'pin_only', pin: '31415' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ loginMethod: 'pin_only', hasPin: true, hasPassword: false });
  });

  it('returns 201 for a "Password" user, who has no PIN', async ({ admin }) => {
    const user = await createUser(admin, { username: 'paul' });
    expect(user).toMatchObject({ loginMethod: 'password', hasPin: false, hasPassword: true });
  });

  it.for(['password_and_pin', 'pin_only'] as const)(
    'returns 400 bad_request with field pin when %s is chosen without a PIN',
    async (loginMethod, { t, admin }) => {
      const before = await countUsers(t);
      const res = await admin.post('/api/users', newUserBody({ username: 'nopin', loginMethod }));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
      expect(await countUsers(t)).toBe(before);
    },
  );

  it('returns 400 bad_request with field pin when a PIN is given for the "Password" login method', async ({
    admin,
  }) => {
    const res = await admin.post('/api/users', newUserBody({ username: 'paul', pin: '12345' }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
  });

  it('returns 400 bad_request with field password when a "PIN only" user is given a password', async ({
    t,
    admin,
  }) => {
    const before = await countUsers(t);
    const res = await admin.post('/api/users', {
      ...newUserBody({ username: 'pia', loginMethod: 'pin_only', pin: '31415' }),
      password: STAFF_PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'password' } });
    expect(await countUsers(t)).toBe(before);
  });

  it('returns 400 bad_request with field password when a password login method has no password', async ({
    admin,
  }) => {
    const body = newUserBody({ username: 'paul' });
    delete body.password;
    const res = await admin.post('/api/users', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'password' } });
  });

  it('returns 409 username_taken for a username in use, whatever its case', async ({ t, admin }) => {
    await createUser(admin, { username: 'carl' });
    const before = await countUsers(t);
    const res = await admin.post('/api/users', newUserBody({ username: 'CARL' }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'username_taken', field: 'username' } });
    expect(await countUsers(t)).toBe(before);
  });
});

describe('My account > Users: the PIN is exactly 5 ASCII digits', () => {
  const badPins = [
    '1234',
    '123456',
    '001234',
    '12a45',
    ' 1234',
    '1234 ',
    '12 45',
    '١٢٣٤٥',
    '１２３４５',
    '۱۲۳۴۵',
    '-1234',
    '+1234',
    '12.45',
    '1e234',
    '',
  ];

  it.for(badPins)(
    'returns 400 bad_request with field pin when creating a user with PIN %j',
    async (pin, { t, admin }) => {
      const before = await snapshotDatabase(t);
      const res = await admin.post(
        '/api/users',
        newUserBody({ username: 'carl', loginMethod: 'password_and_pin', pin }),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
      expect(await snapshotDatabase(t)).toEqual(before);
    },
  );

  it.for(badPins)(
    'returns 400 bad_request with field pin when updating a user to PIN %j',
    async (pin, { t, admin }) => {
      const user = await createUser(admin, {
        username: 'carl',
        loginMethod: 'password_and_pin',
        pin: '24680',
      });
      const before = await snapshotDatabase(t);
      const res = await admin.patch(`/api/users/${user.id}`, { pin });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
      expect(await snapshotDatabase(t)).toEqual(before);
    },
  );

  it.for([[12345], [1234], [null], [true], [['12345']], [{ value: '12345' }]])(
    'returns 400 bad_request when the PIN is sent as %j instead of a string',
    async ([pin], { admin }) => {
      const res = await admin.post('/api/users', {
        ...newUserBody({ username: 'carl', loginMethod: 'pin_only' }),
        pin,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
    },
  );
});

describe('My account > Users: editing the login method', () => {
  it('returns 400 bad_request with field pin when switching to "Password and PIN" without a PIN', async ({
    admin,
  }) => {
    const user = await createUser(admin, { username: 'paul' });
    const res = await admin.patch(`/api/users/${user.id}`, { loginMethod: 'password_and_pin' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
    expect((await getUser(admin, user.id)).body.user).toMatchObject({
      loginMethod: 'password',
      hasPin: false,
    });
  });

  it('returns 200 and keeps the PIN when only the name changes', async ({ admin }) => {
    const user = await createUser(admin, { username: 'carl', loginMethod: 'password_and_pin', pin: '11235' });
    const res = await admin.patch<{ user: UserJSON }>(`/api/users/${user.id}`, { name: 'Carl Cashier' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      name: 'Carl Cashier',
      hasPin: true,
      loginMethod: 'password_and_pin',
    });
  });

  it('returns 200 and clears the PIN when switching to "Password", which frees the PIN', async ({
    t,
    admin,
  }) => {
    const carl = await createUser(admin, { username: 'carl', loginMethod: 'password_and_pin', pin: '11235' });
    const dora = await createUser(admin, { username: 'dora' });
    const res = await admin.patch<{ user: UserJSON }>(`/api/users/${carl.id}`, { loginMethod: 'password' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ loginMethod: 'password', hasPin: false, hasPassword: true });
    const row = await t.deps.database.db
      .selectFrom('users')
      .select('pin_hmac')
      .where('id', '=', carl.id)
      .executeTakeFirstOrThrow();
    expect(row.pin_hmac).toBeNull();
    // Nobody holds 11235 now, so another user may take it.
    const taken = await admin.patch<{ user: UserJSON }>(`/api/users/${dora.id}`, {
      loginMethod: 'password_and_pin',
      pin: '11235',
    });
    expect(taken.status).toBe(200);
    expect(taken.body.user.hasPin).toBe(true);
  });

  it('returns 400 bad_request with field password when switching a "PIN only" user to "Password" without one', async ({
    admin,
  }) => {
    const pia = await createUser(admin, { username: 'pia', loginMethod: 'pin_only', pin: '31415' });
    const res = await admin.patch(`/api/users/${pia.id}`, { loginMethod: 'password' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'password' } });
    expect((await getUser(admin, pia.id)).body.user).toMatchObject({ loginMethod: 'pin_only', hasPin: true });
  });

  it('returns 200 and drops the password when switching to "PIN only", so password login stops', async ({
    t,
    admin,
  }) => {
    const carl = await createUser(admin, { username: 'carl', loginMethod: 'password_and_pin', pin: '11235' });
    const res = await admin.patch<{ user: UserJSON }>(`/api/users/${carl.id}`, { loginMethod: 'pin_only' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ loginMethod: 'pin_only', hasPin: true, hasPassword: false });
    const login = await new TestClient(t).login('carl', STAFF_PASSWORD);
    expect(login.status).toBe(401);
  });

  it('returns 400 bad_request with field password when a "PIN only" user is given a password', async ({
    admin,
  }) => {
    const pia = await createUser(admin, { username: 'pia', loginMethod: 'pin_only', pin: '31415' });
    const res = await admin.patch(`/api/users/${pia.id}`, { password: STAFF_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'password' } });
  });
});

describe('My account > Users: sessions follow credential changes', () => {
  it("returns 401 to the user's old session after an admin changes their password", async ({ t, admin }) => {
    await createUser(admin, { username: 'carl' });
    const carl = await loginAs(t, 'carl');
    const carlId = (await sessionOf(carl)).user.id;
    const res = await admin.patch(`/api/users/${carlId}`, { password: 'a brand new password' });
    expect(res.status).toBe(200);
    expect((await carl.get('/api/auth/session')).status).toBe(401);
    // The admin's own session is untouched.
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    await loginAs(t, 'carl', 'a brand new password');
  });

  it('returns 401 to a manager demoted to cashier, whose session no longer opens the admin environment', async ({
    t,
    admin,
  }) => {
    const mona = await createUser(admin, { username: 'mona', role: 'manager' });
    const client = await loginAs(t, 'mona');
    expect((await client.get('/api/users')).status).toBe(200);
    expect((await admin.patch(`/api/users/${mona.id}`, { role: 'cashier' })).status).toBe(200);
    expect((await client.get('/api/users')).status).toBe(401);
    const again = await loginAs(t, 'mona');
    expect((await again.get('/api/users')).status).toBe(403);
  });

  it("keeps the user's session when only the name changes", async ({ t, admin }) => {
    await createUser(admin, { username: 'carl' });
    const carl = await loginAs(t, 'carl');
    const carlId = (await sessionOf(carl)).user.id;
    expect((await admin.patch(`/api/users/${carlId}`, { name: 'Carl C.' })).status).toBe(200);
    expect((await carl.get('/api/auth/session')).status).toBe(200);
  });
});

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
    const res = await admin.patch(`/api/users/${me.user.id}`, { role: 'manager' });
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
        admins.map((a) => a.client.patch(`/api/users/${a.id}`, { role: 'manager' })),
      );
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses, `round ${round + 1}`).toEqual([200, 200, 200, 409]);
      const left = await db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
      expect(left).toHaveLength(1);
    }
  });
});
