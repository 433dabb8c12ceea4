import { describe, expect } from 'vitest';
import type { PasskeyListJSON, SessionJSON } from '@tapin/shared';
import { auditTypes, snapshotDatabase } from './support/database.js';
import { it } from './support/fixtures.js';
import { addPasskey, loginOptions, passkeyLogin, passkeyRows } from './support/passkey-ceremonies.js';
import { TestClient } from './support/test-client.js';
import { TestAuthenticator } from './support/test-authenticator.js';
import { createUser, loginAs } from './support/users.js';

const INVALID = { error: { code: 'invalid_credentials', message: 'Invalid credentials' } };
const MINUTE = 60 * 1000;

describe('logging in with a passkey', () => {
  it('returns 200 authentication options without allowCredentials, and stores nothing, however often anyone asks', async ({
    t,
  }) => {
    const before = await snapshotDatabase(t);
    const options = await loginOptions(new TestClient(t));
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'preferred' });
    expect(options.allowCredentials ?? []).toEqual([]);
    const many = await Promise.all(
      Array.from({ length: 100 }, () => new TestClient(t).post('/api/auth/passkey/options', {})),
    );
    expect(many.every((r) => r.status === 200)).toBe(true);
    expect(await snapshotDatabase(t)).toEqual(before);
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
    expect((await admin.patchCurrent(`/api/users/${mia.id}`, { role: 'cashier' })).status).toBe(200);
    expect((await passkeyLogin(new TestClient(t), key)).status).toBe(401);
    expect(
      (
        await admin.patchCurrent(`/api/users/${mia.id}`, {
          role: 'manager',
          loginMethod: 'pin_only',
          pin: '55555',
        })
      ).status,
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

  it('returns 200 and logs a user of another organisation into their own organisation', async ({
    t,
    bakery,
  }) => {
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
