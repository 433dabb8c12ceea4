import { describe, expect } from 'vitest';
import type { PasskeyJSON, PasskeyListJSON } from '@tapin/shared';
import { auditTypes } from './support/database.js';
import { it } from './support/fixtures.js';
import {
  addPasskey,
  passkeyLogin,
  passkeyRows,
  registrationOptions,
  requirePasskeys,
} from './support/passkey-ceremonies.js';
import { DEFAULT_SETUP, TestClient } from './support/test-client.js';
import { TestAuthenticator } from './support/test-authenticator.js';
import { createUser, loginAs } from './support/users.js';

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

  it('returns 200 creation options that exclude the passkeys the user already has', async ({ admin }) => {
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
