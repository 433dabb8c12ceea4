import { describe, expect } from 'vitest';
import type { PasskeyRequestOptionsJSON, SessionJSON } from '@tapin/shared';
import { auditTypes } from './support/database.js';
import { it } from './support/fixtures.js';
import { addPasskey, loginOptions, requirePasskeys } from './support/passkey-ceremonies.js';
import { DEFAULT_SETUP, TestClient } from './support/test-client.js';
import { TestAuthenticator } from './support/test-authenticator.js';
import { STAFF_PASSWORD, createUser, loginAs } from './support/users.js';

const INVALID = { error: { code: 'invalid_credentials', message: 'Invalid credentials' } };

describe('require a passkey for admins and managers', () => {
  it('returns 403 passkey_required to the right password of an admin who has a passkey, and 401 to a wrong one', async ({
    t,
    admin,
  }) => {
    expect((await addPasskey(admin, new TestAuthenticator())).status).toBe(201);
    await requirePasskeys(admin, true);
    const right = await new TestClient(t).login('ada', DEFAULT_SETUP.password);
    expect(right.status).toBe(403);
    expect(right.body).toEqual({
      error: { code: 'passkey_required', message: 'Use your passkey to log in' },
    });
    expect(right.headers.get('set-cookie')).toBeNull();
    const wrong = await new TestClient(t).login('ada', 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(INVALID);
  });

  it('returns 200 with mustAddPasskey to an admin or manager without a passkey, and on every session read', async ({
    t,
    admin,
  }) => {
    await createUser(admin, { username: 'mia', role: 'manager' });
    await createUser(admin, { username: 'carl', role: 'cashier' });
    await requirePasskeys(admin, true);
    const mia = new TestClient(t);
    const login = await mia.login('mia', STAFF_PASSWORD);
    expect(login.status).toBe(200);
    expect(login.body.mustAddPasskey).toBe(true);
    expect((await mia.get<SessionJSON>('/api/auth/session')).body.mustAddPasskey).toBe(true);
    // Once they add one, the flag goes, and the password stops working for them.
    expect((await addPasskey(mia, new TestAuthenticator())).status).toBe(201);
    expect((await mia.get<SessionJSON>('/api/auth/session')).body.mustAddPasskey).toBe(false);
    expect((await new TestClient(t).login('mia', STAFF_PASSWORD)).status).toBe(403);
    // Cashiers are not asked.
    const carl = await new TestClient(t).login('carl', STAFF_PASSWORD);
    expect(carl.status).toBe(200);
    expect(carl.body.mustAddPasskey).toBe(false);
  });

  it('returns 200 with mustAddPasskey false while the setting is off, passkey or not', async ({
    t,
    admin,
  }) => {
    expect((await new TestClient(t).login('ada', DEFAULT_SETUP.password)).body.mustAddPasskey).toBe(false);
    expect((await addPasskey(admin, new TestAuthenticator())).status).toBe(201);
    const login = await new TestClient(t).login('ada', DEFAULT_SETUP.password);
    expect(login.status).toBe(200);
    expect(login.body.mustAddPasskey).toBe(false);
  });

  it('returns 403 passkey_required to a password step-up of an admin who has a passkey', async ({
    admin,
    adaOnRegister,
  }) => {
    const device = adaOnRegister;
    expect((await addPasskey(admin, new TestAuthenticator())).status).toBe(201);
    await requirePasskeys(admin, true);
    const res = await device.client.post('/api/auth/step-up', { password: DEFAULT_SETUP.password });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'passkey_required' } });
    const wrong = await device.client.post('/api/auth/step-up', { password: 'not the password' });
    expect(wrong.body).toEqual(INVALID);
    expect((await device.client.get('/api/users')).status).toBe(403);
  });
});

describe('step-up with a passkey', () => {
  it('returns 200 and opens the admin environment from a PIN session with the same user’s passkey', async ({
    admin,
    adaOnRegister,
  }) => {
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const device = adaOnRegister;
    const options = await device.client.post<PasskeyRequestOptionsJSON>(
      '/api/auth/step-up/passkey/options',
      {},
    );
    expect(options.status).toBe(200);
    expect(options.body.allowCredentials).toEqual([
      { id: phone.id, type: 'public-key', transports: ['internal', 'hybrid'] },
    ]);
    const res = await device.client.post<SessionJSON>('/api/auth/step-up/passkey', {
      response: phone.assert(options.body),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'register', adminAccess: true, user: { username: 'ada' } });
    expect((await device.client.get('/api/users')).status).toBe(200);
  });

  it('returns 200 with a challenge from the passkey login options too', async ({ admin, adaOnRegister }) => {
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const device = adaOnRegister;
    const options = await loginOptions(device.client);
    const res = await device.client.post<SessionJSON>('/api/auth/step-up/passkey', {
      response: phone.assert(options),
    });
    expect(res.status).toBe(200);
    expect(res.body.adminAccess).toBe(true);
  });

  it('returns 401 for another user’s passkey, and the session stays without admin access', async ({
    t,
    admin,
    adaOnRegister,
  }) => {
    await createUser(admin, { username: 'mia', role: 'manager' });
    const miaKey = new TestAuthenticator();
    expect((await addPasskey(await loginAs(t, 'mia'), miaKey)).status).toBe(201);
    expect((await addPasskey(admin, new TestAuthenticator())).status).toBe(201);
    const device = adaOnRegister;
    const options = await loginOptions(device.client);
    const res = await device.client.post('/api/auth/step-up/passkey', { response: miaKey.assert(options) });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
    const session = await device.client.get<SessionJSON>('/api/auth/session');
    expect(session.body.adminAccess).toBe(false);
    expect((await device.client.get('/api/users')).status).toBe(403);
    expect(await auditTypes(t)).toContain('login.passkey_failed');
  });

  it('returns 401 for a challenge issued to another user’s step-up', async ({ t, admin, adaOnRegister }) => {
    await createUser(admin, { username: 'mia', role: 'manager' });
    const mia = await loginAs(t, 'mia');
    expect((await addPasskey(mia, new TestAuthenticator())).status).toBe(201);
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const miaOptions = await mia.post<PasskeyRequestOptionsJSON>('/api/auth/step-up/passkey/options', {});
    const device = adaOnRegister;
    const res = await device.client.post('/api/auth/step-up/passkey', {
      response: phone.assert(miaOptions.body),
    });
    expect(res.status).toBe(401);
  });

  it('returns 409 no_passkey_yet for step-up options of a user without a passkey, and 401 without a session', async ({
    t,
    adaOnRegister,
  }) => {
    const device = adaOnRegister;
    const res = await device.client.post('/api/auth/step-up/passkey/options', {});
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'no_passkey_yet' } });
    expect((await new TestClient(t).post('/api/auth/step-up/passkey/options', {})).status).toBe(401);
    expect((await new TestClient(t).post('/api/auth/step-up/passkey', { response: {} })).status).toBe(401);
  });
});
