import { describe, expect } from 'vitest';
import type { PasskeyJSON, PasskeyListJSON, PasskeyRequestOptionsJSON, SessionJSON } from '@tapin/shared';
import { auditTypes } from './support/database.js';
import { it } from './support/fixtures.js';
import {
  addPasskey,
  loginOptions,
  passkeyLogin,
  passkeyRows,
  registrationOptions,
  requirePasskeys,
} from './support/passkey-ceremonies.js';
import { DEFAULT_SETUP, TestClient } from './support/test-client.js';
import { TestAuthenticator } from './support/test-authenticator.js';
import { STAFF_PASSWORD, createUser, loginAs } from './support/users.js';

const INVALID = { error: { code: 'invalid_credentials', message: 'Invalid credentials' } };
const MINUTE = 60 * 1000;

describe('adding a passkey', () => {
  it('returns 200 creation options for a discoverable passkey, with the user and no attestation', async ({
    t,
    admin,
  }) => {
    const options = await registrationOptions(admin);
    expect(options).toMatchObject({
      rp: { id: 'localhost', name: 'Tapin' },
      user: { name: 'ada', displayName: DEFAULT_SETUP.name },
      attestation: 'none',
      excludeCredentials: [],
      authenticatorSelection: {
        residentKey: 'required',
        requireResidentKey: true,
        userVerification: 'preferred',
      },
    });
    expect(options.pubKeyCredParams.map((p) => p.alg)).toContain(-7);
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const stored = await t.deps.database.db.selectFrom('webauthn_challenges').selectAll().execute();
    expect(stored).toEqual([
      {
        id: options.challenge,
        purpose: 'registration',
        user_id: expect.any(String) as string,
        expires_at: t.clock.now() + 5 * MINUTE,
      },
    ]);
  });

  it('returns 201 and the passkey for a verified registration, lists it, stores its key and audits it', async ({
    t,
    admin,
  }) => {
    const phone = new TestAuthenticator();
    const res = await addPasskey(admin, phone, 'Ada’s phone');
    expect(res.status).toBe(201);
    expect(res.body).toEqual<PasskeyJSON>({
      id: phone.id,
      name: 'Ada’s phone',
      createdAt: new Date(t.clock.now()).toISOString(),
      lastUsedAt: null,
    });
    const list = await admin.get<PasskeyListJSON>('/api/passkeys');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ passkeys: [res.body] });
    // The public key stays on the server.
    expect(list.text).not.toContain('public');

    const [row] = await passkeyRows(t);
    expect(row).toMatchObject({
      id: phone.id,
      name: 'Ada’s phone',
      counter: 0,
      transports: '["internal","hybrid"]',
      device_type: 'singleDevice',
      backed_up: 0,
      last_used_at: null,
    });
    expect(row?.public_key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await auditTypes(t)).toContain('passkey.added');
    // The challenge was used up.
    expect(await t.deps.database.db.selectFrom('webauthn_challenges').selectAll().execute()).toEqual([]);
  });

  it('excludes the passkeys the user already has from new creation options', async ({ admin }) => {
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const options = await registrationOptions(admin);
    expect(options.excludeCredentials).toEqual([
      { id: phone.id, type: 'public-key', transports: ['internal', 'hybrid'] },
    ]);
  });

  it('returns 409 passkey_already_registered for a passkey that is already registered', async ({
    t,
    admin,
  }) => {
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const again = await addPasskey(admin, phone, 'Again');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'passkey_already_registered' } });
    expect(await passkeyRows(t)).toHaveLength(1);
  });

  it('returns 400 when the registration challenge is replayed', async ({ t, admin }) => {
    const options = await registrationOptions(admin);
    const first = await admin.post('/api/passkeys/registration', {
      name: 'Phone',
      response: new TestAuthenticator().register(options),
    });
    expect(first.status).toBe(201);
    const replay = await admin.post('/api/passkeys/registration', {
      name: 'Key',
      response: new TestAuthenticator().register(options),
    });
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error: { code: 'bad_request' } });
    expect(await passkeyRows(t)).toHaveLength(1);
  });

  it('returns 400 for a registration from another origin, for another RP ID, or with an expired or foreign challenge', async ({
    t,
    admin,
  }) => {
    const attempts = [
      { origin: 'https://evil.example' },
      { rpId: 'evil.example' },
      { challenge: 'bm90LWlzc3VlZC1ieS10aGUtc2VydmVy' },
    ];
    for (const overrides of attempts) {
      const res = await addPasskey(admin, new TestAuthenticator(), 'Phone', overrides);
      expect(res.status, JSON.stringify(overrides)).toBe(400);
    }
    const options = await registrationOptions(admin);
    t.clock.advance(5 * MINUTE);
    const late = await admin.post('/api/passkeys/registration', {
      name: 'Phone',
      response: new TestAuthenticator().register(options),
    });
    expect(late.status).toBe(400);
    expect(await passkeyRows(t)).toEqual([]);
  });

  it('returns 400 when another user answers the challenge issued to this one', async ({ t, admin }) => {
    await createUser(admin, { username: 'mia', role: 'manager' });
    const mia = await loginAs(t, 'mia');
    const adaOptions = await registrationOptions(admin);
    const res = await mia.post('/api/passkeys/registration', {
      name: 'Phone',
      response: new TestAuthenticator().register(adaOptions),
    });
    expect(res.status).toBe(400);
  });

  it('returns 403 to a cashier, and 401 without a session', async ({ t, admin }) => {
    await createUser(admin, { username: 'carl', role: 'cashier' });
    const carl = await loginAs(t, 'carl');
    const options = await carl.post('/api/passkeys/registration/options', {});
    expect(options.status).toBe(403);
    expect(options.body).toMatchObject({ error: { code: 'forbidden' } });
    const adaOptions = await registrationOptions(admin);
    const finish = await carl.post('/api/passkeys/registration', {
      name: 'Phone',
      response: new TestAuthenticator().register(adaOptions),
    });
    expect(finish.status).toBe(403);
    expect((await carl.get('/api/passkeys')).status).toBe(403);
    expect((await new TestClient(t).post('/api/passkeys/registration/options', {})).status).toBe(401);
    expect(await passkeyRows(t)).toEqual([]);
  });

  it('returns 200 to a manager, whose passkeys are their own', async ({ t, admin }) => {
    await createUser(admin, { username: 'mia', role: 'manager' });
    const mia = await loginAs(t, 'mia');
    expect((await addPasskey(mia, new TestAuthenticator(), 'Mia’s key')).status).toBe(201);
    expect((await addPasskey(admin, new TestAuthenticator(), 'Ada’s key')).status).toBe(201);
    const mine = await mia.get<PasskeyListJSON>('/api/passkeys');
    expect(mine.body.passkeys.map((p) => p.name)).toEqual(['Mia’s key']);
  });

  it('returns 403 step_up_required to an admin on a PIN session that has not confirmed it is them', async ({
    adaOnRegister,
  }) => {
    const device = adaOnRegister;
    const res = await device.client.post('/api/passkeys/registration/options', {});
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'step_up_required' } });
  });

  it('returns 400 bad_request for a missing name or a response without its fields', async ({ t, admin }) => {
    const options = await registrationOptions(admin);
    const response = new TestAuthenticator().register(options);
    const noName = await admin.post('/api/passkeys/registration', { response });
    expect(noName.body).toMatchObject({ error: { code: 'bad_request', field: 'name' } });
    const partial: Record<string, unknown> = { ...response.response };
    delete partial.attestationObject;
    const broken = await admin.post('/api/passkeys/registration', {
      name: 'x',
      response: { ...response, response: partial },
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({
      error: { code: 'bad_request', field: 'response.response.attestationObject' },
    });
    const extra = await admin.post('/api/passkeys/registration', { name: 'x', response, admin: true });
    expect(extra.status).toBe(400);
    expect(await passkeyRows(t)).toEqual([]);
  });
});

describe('logging in with a passkey', () => {
  it('returns 200 authentication options without allowCredentials, and stores the challenge for nobody in particular', async ({
    t,
  }) => {
    const options = await loginOptions(new TestClient(t));
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'preferred' });
    expect(options.allowCredentials ?? []).toEqual([]);
    const stored = await t.deps.database.db.selectFrom('webauthn_challenges').selectAll().execute();
    expect(stored).toEqual([
      {
        id: options.challenge,
        purpose: 'authentication',
        user_id: null,
        expires_at: t.clock.now() + 5 * MINUTE,
      },
    ]);
  });

  it('returns 200 and a web session for a verified assertion, and records the use', async ({ t, admin }) => {
    const phone = new TestAuthenticator({ counting: true });
    expect((await addPasskey(admin, phone)).status).toBe(201);
    t.clock.advance(MINUTE);
    const client = new TestClient(t);
    const res = await passkeyLogin(client, phone);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'web',
      adminAccess: true,
      mustAddPasskey: false,
      user: { username: 'ada', role: 'admin' },
      deviceId: null,
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await client.get<SessionJSON>('/api/auth/session')).body.user.username).toBe('ada');
    expect((await client.get('/api/users')).status).toBe(200);

    const [row] = await passkeyRows(t);
    expect(row).toMatchObject({ counter: 2, last_used_at: t.clock.now() });
    const list = await client.get<PasskeyListJSON>('/api/passkeys');
    expect(list.body.passkeys[0]?.lastUsedAt).toBe(new Date(t.clock.now()).toISOString());
  });

  it('returns 200 for a passkey that always reports counter 0', async ({ t, admin }) => {
    const key = new TestAuthenticator({ counting: false });
    expect((await addPasskey(admin, key)).status).toBe(201);
    expect((await passkeyLogin(new TestClient(t), key)).status).toBe(200);
    expect((await passkeyLogin(new TestClient(t), key)).status).toBe(200);
  });

  it('returns 401 when the assertion is replayed with its used challenge', async ({ t, admin }) => {
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const options = await loginOptions(new TestClient(t));
    const response = phone.assert(options);
    expect((await new TestClient(t).post('/api/auth/passkey', { response })).status).toBe(200);
    const replay = new TestClient(t);
    const res = await replay.post('/api/auth/passkey', { response });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
    expect(replay.cookie).toBeUndefined();
    expect(await auditTypes(t)).toContain('login.passkey_failed');
  });

  it('returns 200 to only one of three racing requests with the same assertion', async ({ t, admin }) => {
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const options = await loginOptions(new TestClient(t));
    const response = phone.assert(options);
    const results = await Promise.all(
      [1, 2, 3].map(() => new TestClient(t).post('/api/auth/passkey', { response })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('returns 401 for a fresh assertion over a challenge that expired after 5 minutes', async ({
    t,
    admin,
  }) => {
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const options = await loginOptions(new TestClient(t));
    t.clock.advance(5 * MINUTE);
    const res = await new TestClient(t).post('/api/auth/passkey', { response: phone.assert(options) });
    expect(res.status).toBe(401);
  });

  it('returns 401 for an assertion made on another origin or for another RP ID, and audits both', async ({
    t,
    admin,
  }) => {
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const before = (await auditTypes(t)).length;
    const wrongOrigin = await passkeyLogin(new TestClient(t), phone, { origin: 'https://evil.example' });
    expect(wrongOrigin.status).toBe(401);
    expect(wrongOrigin.body).toEqual(INVALID);
    const wrongRpId = await passkeyLogin(new TestClient(t), phone, { rpId: 'evil.example' });
    expect(wrongRpId.status).toBe(401);
    expect(wrongRpId.body).toEqual(INVALID);
    const subdomain = await passkeyLogin(new TestClient(t), phone, { origin: 'http://shop.localhost' });
    expect(subdomain.status).toBe(401);
    expect((await auditTypes(t)).slice(before)).toEqual([
      'login.passkey_failed',
      'login.passkey_failed',
      'login.passkey_failed',
    ]);
    expect(await t.deps.database.db.selectFrom('sessions').select('id').execute()).toHaveLength(1);
  });

  it('returns 401 for a signature made with another key or a challenge the server never issued', async ({
    t,
    admin,
  }) => {
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const options = await loginOptions(new TestClient(t));
    const forged = new TestAuthenticator().assert(options);
    const res = await new TestClient(t).post('/api/auth/passkey', {
      response: { ...forged, id: phone.id, rawId: phone.id },
    });
    expect(res.status).toBe(401);
    const made = await passkeyLogin(new TestClient(t), phone, {
      challenge: 'bm90LWlzc3VlZC1ieS10aGUtc2VydmVy',
    });
    expect(made.status).toBe(401);
  });

  it('returns 401 and audits passkey.counter_regressed when the counter goes backwards', async ({
    t,
    admin,
  }) => {
    const key = new TestAuthenticator({ counting: true });
    expect((await addPasskey(admin, key)).status).toBe(201);
    expect((await passkeyLogin(new TestClient(t), key)).status).toBe(200); // counter 2
    expect((await passkeyLogin(new TestClient(t), key)).status).toBe(200); // counter 3
    // A clone that stayed at an older counter.
    const same = await passkeyLogin(new TestClient(t), key, { counter: 3 });
    expect(same.status).toBe(401);
    expect(same.body).toEqual(INVALID);
    const lower = await passkeyLogin(new TestClient(t), key, { counter: 1 });
    expect(lower.status).toBe(401);
    const zero = await passkeyLogin(new TestClient(t), key, { counter: 0 });
    expect(zero.status).toBe(401);
    const types = await auditTypes(t);
    expect(types.filter((x) => x === 'passkey.counter_regressed')).toHaveLength(3);
    const event = await t.deps.database.db
      .selectFrom('audit_events')
      .select('detail')
      .where('type', '=', 'passkey.counter_regressed')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.detail)).toMatchObject({ storedCounter: 3, receivedCounter: 3 });
    expect((await passkeyRows(t))[0]?.counter).toBe(3);
    // The real authenticator, counting on, still works.
    expect((await passkeyLogin(new TestClient(t), key)).status).toBe(200);
  });

  it("returns 401 passkey_not_registered for a passkey this server doesn't know", async ({ t }) => {
    const res = await passkeyLogin(new TestClient(t), new TestAuthenticator());
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: { code: 'passkey_not_registered', message: "This passkey isn't registered here" },
    });
  });

  it('returns 401 when the user handle is not the passkey owner’s', async ({ t, admin }) => {
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const res = await passkeyLogin(new TestClient(t), phone, {
      userHandle: Buffer.from('someone-else').toString('base64url'),
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
  });

  it('returns 401 to the passkey of a manager who became a cashier, or whose login method became "PIN only"', async ({
    t,
    admin,
  }) => {
    const mia = await createUser(admin, { username: 'mia', role: 'manager' });
    const miaClient = await loginAs(t, 'mia');
    const key = new TestAuthenticator();
    expect((await addPasskey(miaClient, key)).status).toBe(201);
    expect((await passkeyLogin(new TestClient(t), key)).status).toBe(200);
    expect((await admin.patch(`/api/users/${mia.id}`, { role: 'cashier' })).status).toBe(200);
    expect((await passkeyLogin(new TestClient(t), key)).status).toBe(401);
    expect(
      (await admin.patch(`/api/users/${mia.id}`, { role: 'manager', loginMethod: 'pin_only', pin: '55555' }))
        .status,
    ).toBe(200);
    expect((await passkeyLogin(new TestClient(t), key)).status).toBe(401);
  });

  it('returns 401 passkey_not_registered once the user who owned the passkey is deleted', async ({
    t,
    admin,
  }) => {
    const mia = await createUser(admin, { username: 'mia', role: 'manager' });
    const key = new TestAuthenticator();
    expect((await addPasskey(await loginAs(t, 'mia'), key)).status).toBe(201);
    expect((await admin.delete(`/api/users/${mia.id}`, {})).status).toBe(200);
    expect(await passkeyRows(t)).toEqual([]);
    const res = await passkeyLogin(new TestClient(t), key);
    expect(res.body).toMatchObject({ error: { code: 'passkey_not_registered' } });
  });

  it('logs a user of another organisation into their own organisation', async ({ t, bakery }) => {
    const bea = bakery;
    const key = new TestAuthenticator();
    expect((await addPasskey(bea, key)).status).toBe(201);
    const res = await passkeyLogin(new TestClient(t), key);
    expect(res.status).toBe(200);
    expect(res.body.organisation.name).toBe('Bakery');
  });

  it('returns 400 bad_request for a response that is not a WebAuthn assertion', async ({ t }) => {
    const options = await loginOptions(new TestClient(t));
    const response = new TestAuthenticator().assert(options);
    for (const body of [
      {},
      { response: { ...response, type: 'password' } },
      { response: { ...response, response: { ...response.response, signature: 'not base64url!' } } },
      { response, extra: 1 },
    ]) {
      const res = await new TestClient(t).post('/api/auth/passkey', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request' } });
    }
  });
});

describe('removing a passkey', () => {
  it('returns 200, removes it, audits it and ends the user’s other sessions', async ({ t, admin }) => {
    const phone = new TestAuthenticator();
    expect((await addPasskey(admin, phone)).status).toBe(201);
    const other = new TestClient(t);
    expect((await passkeyLogin(other, phone)).status).toBe(200);
    const res = await admin.delete(`/api/passkeys/${phone.id}`, {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(await passkeyRows(t)).toEqual([]);
    expect(await auditTypes(t)).toContain('passkey.removed');
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    expect((await other.get('/api/auth/session')).status).toBe(401);
    const afterwards = await passkeyLogin(new TestClient(t), phone);
    expect(afterwards.body).toMatchObject({ error: { code: 'passkey_not_registered' } });
  });

  it('returns 404 for another user’s passkey', async ({ t, admin }) => {
    await createUser(admin, { username: 'mia', role: 'manager' });
    const mia = await loginAs(t, 'mia');
    const key = new TestAuthenticator();
    expect((await addPasskey(mia, key)).status).toBe(201);
    const res = await admin.delete(`/api/passkeys/${key.id}`, {});
    expect(res.status).toBe(404);
    expect(await passkeyRows(t)).toHaveLength(1);
  });

  it('returns 409 last_passkey_required for the last passkey while the organisation requires one, and 200 for any other', async ({
    t,
    admin,
  }) => {
    const phone = new TestAuthenticator();
    const key = new TestAuthenticator();
    expect((await addPasskey(admin, phone, 'Phone')).status).toBe(201);
    expect((await addPasskey(admin, key, 'Key')).status).toBe(201);
    await requirePasskeys(admin, true);
    expect((await admin.delete(`/api/passkeys/${phone.id}`, {})).status).toBe(200);
    const last = await admin.delete(`/api/passkeys/${key.id}`, {});
    expect(last.status).toBe(409);
    expect(last.body).toMatchObject({
      error: {
        code: 'last_passkey_required',
        message: expect.stringContaining('cannot remove your last one') as string,
      },
    });
    expect(await passkeyRows(t)).toHaveLength(1);
    await requirePasskeys(admin, false);
    expect((await admin.delete(`/api/passkeys/${key.id}`, {})).status).toBe(200);
  });

  it('keeps one passkey when the last two are removed at once while one is required: 200 and 409', async ({
    t,
    admin,
  }) => {
    const phone = new TestAuthenticator();
    const key = new TestAuthenticator();
    expect((await addPasskey(admin, phone, 'Phone')).status).toBe(201);
    expect((await addPasskey(admin, key, 'Key')).status).toBe(201);
    await requirePasskeys(admin, true);
    const results = await Promise.all([phone, key].map((p) => admin.delete(`/api/passkeys/${p.id}`, {})));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await passkeyRows(t)).toHaveLength(1);
  });
});

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
