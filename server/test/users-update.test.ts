import { describe, expect } from 'vitest';
import type { UserJSON } from '@tapin/shared';
import { CARA_PIN, it } from './support/fixtures.js';
import { DEFAULT_SETUP, TestClient } from './support/test-client.js';
import { STAFF_PASSWORD, createUser, getUser, loginAs, sessionOf } from './support/users.js';

describe('My account > Users: editing the login method', () => {
  it('returns 400 bad_request with field pin when switching to "Password and PIN" without a PIN', async ({
    admin,
  }) => {
    const user = await createUser(admin, { username: 'paul' });
    const res = await admin.patchCurrent(`/api/users/${user.id}`, { loginMethod: 'password_and_pin' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
    expect((await getUser(admin, user.id)).body.user).toMatchObject({
      loginMethod: 'password',
      hasPin: false,
    });
  });

  it('returns 200 and keeps the PIN when only the name changes', async ({ admin }) => {
    const user = await createUser(admin, { username: 'carl', loginMethod: 'password_and_pin', pin: '11235' });
    const res = await admin.patchCurrent<{ user: UserJSON }>(`/api/users/${user.id}`, {
      name: 'Carl Cashier',
    });
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
    const res = await admin.patchCurrent<{ user: UserJSON }>(`/api/users/${carl.id}`, {
      loginMethod: 'password',
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ loginMethod: 'password', hasPin: false, hasPassword: true });
    const row = await t.deps.database.db
      .selectFrom('users')
      .select('pin_hmac')
      .where('id', '=', carl.id)
      .executeTakeFirstOrThrow();
    expect(row.pin_hmac).toBeNull();
    // Nobody holds 11235 now, so another user may take it.
    const taken = await admin.patchCurrent<{ user: UserJSON }>(`/api/users/${dora.id}`, {
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
    const res = await admin.patchCurrent(`/api/users/${pia.id}`, { loginMethod: 'password' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'password' } });
    expect((await getUser(admin, pia.id)).body.user).toMatchObject({ loginMethod: 'pin_only', hasPin: true });
  });

  it('returns 200 and drops the password when switching to "PIN only", so password login stops', async ({
    t,
    admin,
  }) => {
    const carl = await createUser(admin, { username: 'carl', loginMethod: 'password_and_pin', pin: '11235' });
    const res = await admin.patchCurrent<{ user: UserJSON }>(`/api/users/${carl.id}`, {
      loginMethod: 'pin_only',
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ loginMethod: 'pin_only', hasPin: true, hasPassword: false });
    const login = await new TestClient(t).login('carl', STAFF_PASSWORD);
    expect(login.status).toBe(401);
  });

  it('returns 400 bad_request with field password when a "PIN only" user is given a password', async ({
    admin,
  }) => {
    const pia = await createUser(admin, { username: 'pia', loginMethod: 'pin_only', pin: '31415' });
    const res = await admin.patchCurrent(`/api/users/${pia.id}`, { password: STAFF_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'password' } });
  });
});

describe('My account > Users: sessions follow credential changes', () => {
  it("returns 401 to the user's old session after an admin changes their password", async ({ t, admin }) => {
    await createUser(admin, { username: 'carl' });
    const carl = await loginAs(t, 'carl');
    const carlId = (await sessionOf(carl)).user.id;
    const res = await admin.patchCurrent(`/api/users/${carlId}`, { password: 'a brand new password' });
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
    expect((await admin.patchCurrent(`/api/users/${mona.id}`, { role: 'cashier' })).status).toBe(200);
    expect((await client.get('/api/users')).status).toBe(401);
    const again = await loginAs(t, 'mona');
    expect((await again.get('/api/users')).status).toBe(403);
  });

  it("returns 401 to a cashier's register session after an admin changes their PIN", async ({
    admin,
    device,
    cara,
  }) => {
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    expect((await admin.patchCurrent(`/api/users/${cara.id}`, { pin: '86420' })).status).toBe(200);
    const res = await device.client.get('/api/auth/session');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await device.pinLogin('86420')).status).toBe(200);
  });

  it('returns 200 to the session of an admin who changes their own password, and 401 to their other sessions', async ({
    t,
    admin,
    adminId,
  }) => {
    const elsewhere = await loginAs(t, DEFAULT_SETUP.username, DEFAULT_SETUP.password);
    const res = await admin.patchCurrent(`/api/users/${adminId}`, { password: 'my own new password' });
    expect(res.status).toBe(200);
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/session')).status).toBe(401);
  });

  it("returns 200 to the user's session after only their name changes", async ({ t, admin }) => {
    await createUser(admin, { username: 'carl' });
    const carl = await loginAs(t, 'carl');
    const carlId = (await sessionOf(carl)).user.id;
    expect((await admin.patchCurrent(`/api/users/${carlId}`, { name: 'Carl C.' })).status).toBe(200);
    expect((await carl.get('/api/auth/session')).status).toBe(200);
  });
});
