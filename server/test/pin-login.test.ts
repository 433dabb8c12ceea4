import { describe, expect } from 'vitest';
import type { DeviceDetailsJSON, DeviceStateJSON } from '@tapin/shared';
import { CHALLENGE_TTL_MS } from '../src/devices/device-challenges.js';
import { CARA_PIN, test } from './support/fixtures.js';
import { TestClient } from './support/test-client.js';
import { TestDevice } from './support/test-device.js';

/** Every refusal is the same, and hands the device its next challenge. */
const GENERIC = {
  error: {
    code: 'invalid_credentials',
    message: 'Invalid credentials',
    nextChallenge: expect.objectContaining({ challenge: expect.any(String) }),
  },
};
/**
 * A wrong PIN: the same refusal, counted against the device, so it also says how many wrong PINs
 * are left before the lock and, once the delays start, how long the next attempt waits.
 */
const wrongPin = (attemptsLeft: number, retryAfterSeconds?: number) => ({
  error: {
    ...GENERIC.error,
    attemptsLeft,
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
  },
});
/** A challenge that is not this device's to spend (any more): the device signs the new one. */
const STALE = {
  error: {
    code: 'challenge_expired',
    message: 'Sign the new challenge and try again.',
    nextChallenge: expect.objectContaining({ challenge: expect.any(String) }),
  },
};

async function addUser(by: TestClient, username: string, pin: string | undefined, loginMethod = 'pin_only') {
  const res = await by.post<{ user: { id: string } }>('/api/users', {
    name: username,
    username,
    role: 'cashier',
    loginMethod,
    ...(pin && { pin }),
    ...(loginMethod !== 'pin_only' && { password: 'a long password' }),
  });
  expect(res.status).toBe(201);
  return res.body.user.id;
}

/** Every test here starts on Ada's approved register, with Cara ("PIN only", CARA_PIN) to log in. */
const it = test.extend('register', { auto: true }, async ({ device, cara }) => {
  expect(cara.hasPin).toBe(true);
  return device;
});

describe('PIN login by signed challenge', () => {
  it('returns 200 and a register session for the right PIN on an approved device', async ({ device }) => {
    const res = await device.pinLogin(CARA_PIN);
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('cara');
    expect(res.body.kind).toBe('register');
    expect(res.body.deviceId).toBe(device.id);
    const me = await device.client.get<{ user: { username: string } }>('/api/auth/session');
    expect(me.body.user.username).toBe('cara');
  });

  it('returns 401 challenge_expired for a replayed challenge', async ({ t, device }) => {
    const challenge = await device.challenge();
    const proof = await device.proofFor(challenge);
    const body = { deviceId: device.id, pin: CARA_PIN, proof };
    expect((await device.client.post('/api/pin-login', body)).status).toBe(200);
    const replay = await new TestClient(t).post('/api/pin-login', body);
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual(STALE);
  });

  it('returns 401 challenge_expired for an expired challenge', async ({ t, device }) => {
    const challenge = await device.challenge();
    t.clock.advance(CHALLENGE_TTL_MS + 1);
    const res = await device.client.post('/api/pin-login', {
      deviceId: device.id,
      pin: CARA_PIN,
      proof: await device.proofFor(challenge),
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(STALE);
  });

  it('returns 401 when device B uses a challenge issued to device A', async ({ t, admin, device }) => {
    const other = await TestDevice.create(t);
    await other.approveWith(admin, 'Till 2');
    const challengeForA = await device.challenge();
    const res = await other.client.post('/api/pin-login', {
      deviceId: other.id,
      pin: CARA_PIN,
      proof: await other.proofFor(challengeForA),
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(STALE);
    // The challenge survives for its own device.
    const own = await device.client.post('/api/pin-login', {
      deviceId: device.id,
      pin: CARA_PIN,
      proof: await device.proofFor(challengeForA),
    });
    expect(own.status).toBe(200);
  });

  it('returns 401 for a signature by another key, and for a proof naming another device', async ({
    t,
    device,
  }) => {
    const stranger = await TestDevice.create(t);
    const challenge = await device.challenge();
    const forged = await stranger.sign({ purpose: 'tapin:pin-login', challenge, deviceId: device.id });
    const res = await device.client.post('/api/pin-login', {
      deviceId: device.id,
      pin: CARA_PIN,
      proof: forged,
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(GENERIC);
    const challenge2 = await device.challenge();
    const misnamed = await device.proofFor(challenge2, stranger.id);
    const res2 = await device.client.post('/api/pin-login', {
      deviceId: device.id,
      pin: CARA_PIN,
      proof: misnamed,
    });
    expect(res2.status).toBe(401);
  });

  it('returns 401 for an unknown device that signs correctly', async ({ t }) => {
    const stranger = await TestDevice.create(t);
    const res = await stranger.pinLogin(CARA_PIN);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(GENERIC);
  });

  it('returns 4xx, never 5xx, for malformed proofs', async ({ device }) => {
    const challenge = await device.challenge();
    const good = await device.proofFor(challenge);
    const [h, p, s] = good.split('.');
    const bad = [
      '',
      'not-a-jws',
      'a.b.c',
      `${h}.${p}.`,
      `${h}.${p}.${'A'.repeat(86)}`,
      `${h}.${p}.${s}x`,
      `eyJhbGciOiJub25lIn0.${p}.`,
      `eyJhbGciOiJIUzI1NiJ9.${p}.${s}`,
      `${h}.${Buffer.from('{"purpose":"tapin:pin-login"').toString('base64url')}.${s}`,
      'x'.repeat(3000),
    ];
    for (const proof of bad) {
      const res = await device.client.post('/api/pin-login', { deviceId: device.id, pin: CARA_PIN, proof });
      expect(res.status, proof.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.status, proof.slice(0, 40)).toBeLessThan(500);
    }
  });

  it('returns 401 for the right PIN while PIN login is deactivated', async ({ admin, device }) => {
    await admin.postCurrent('/api/organisation/pin-login/deactivate');
    const res = await device.pinLogin(CARA_PIN);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(GENERIC);
    await admin.postCurrent('/api/organisation/pin-login/activate');
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
  });

  it('returns 401 for a user whose login method is Password', async ({ admin, device }) => {
    const id = await addUser(admin, 'dave', '55555', 'password_and_pin');
    expect((await device.pinLogin('55555')).status).toBe(200);
    // Switching to "Password" clears the PIN, so it no longer logs anyone in.
    expect((await admin.patchCurrent(`/api/users/${id}`, { loginMethod: 'password' })).status).toBe(200);
    const res = await device.pinLogin('55555');
    expect(res.status).toBe(401);
    // Exactly what any wrong PIN gets.
    expect(res.body).toEqual(wrongPin(9));
  });

  it('returns 401 for a revoked device, whose sessions are already gone', async ({ admin, device }) => {
    const login = await device.pinLogin(CARA_PIN);
    expect(login.status).toBe(200);
    expect((await admin.postCurrent(`/api/devices/${device.id}/revoke`)).status).toBe(200);
    expect((await device.client.get('/api/auth/session')).status).toBe(401);
    const res = await device.pinLogin(CARA_PIN);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(GENERIC);
    // Approving it again brings back the same device.
    const again = await device.approveWith(admin, 'Till 1 again');
    expect(again.status).toBe(200);
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
  });

  it('returns 401 for a deleted device, whose sessions are already gone', async ({ t, admin, device }) => {
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    expect((await admin.delete(`/api/devices/${device.id}`)).status).toBe(200);
    expect((await device.client.get('/api/auth/session')).status).toBe(401);
    expect((await device.pinLogin(CARA_PIN)).status).toBe(401);
    const rows = await t.deps.database.db
      .selectFrom('sessions')
      .select('id')
      .where('device_id', '=', device.id)
      .execute();
    expect(rows).toHaveLength(0);
    const list = await admin.get<{ devices: unknown[] }>('/api/devices');
    expect(list.body.devices).toHaveLength(0);
  });

  it("returns 401 to an organisation-B user's PIN on an organisation-A device, and 404 to B's admin on A's device", async ({
    device,
    bakery,
  }) => {
    await bakery.postCurrent('/api/organisation/pin-login/activate');
    await addUser(bakery, 'bob', '77777');
    const res = await device.pinLogin('77777');
    expect(res.status).toBe(401);
    // Organisation B's admin can neither see nor touch organisation A's device.
    expect((await bakery.get<{ devices: unknown[] }>('/api/devices')).body.devices).toHaveLength(0);
    expect((await bakery.get(`/api/devices/${device.id}`)).status).toBe(404);
    expect((await bakery.patchCurrent(`/api/devices/${device.id}`, { name: 'Mine' })).status).toBe(404);
    expect((await bakery.postCurrent(`/api/devices/${device.id}/revoke`)).status).toBe(404);
    expect((await bakery.postCurrent(`/api/devices/${device.id}/unlock`)).status).toBe(404);
    expect((await bakery.delete(`/api/devices/${device.id}`)).status).toBe(404);
    expect((await bakery.post('/api/devices/approve', await device.approvalRequest('Steal'))).status).toBe(
      409,
    );
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
  });
});

describe('throttling', () => {
  it('returns 429 rate_limited after the third failure in a row, then 401 from the tenth on, even for the right PIN, until unlocked', async ({
    t,
    admin,
    device,
  }) => {
    const expectWrong = async (attemptsLeft: number, retryAfterSeconds?: number) => {
      const res = await device.pinLogin('99999');
      expect(res.status).toBe(401);
      expect(res.body).toEqual(wrongPin(attemptsLeft, retryAfterSeconds));
      expect(res.headers.get('retry-after')).toBe(
        retryAfterSeconds === undefined ? null : String(retryAfterSeconds),
      );
    };
    await expectWrong(9);
    await expectWrong(8);
    await expectWrong(7, 1); // third failure: the next attempt must wait 1 s, and the answer says so
    const early = await device.pinLogin(CARA_PIN);
    expect(early.status).toBe(429);
    expect(early.body).toMatchObject({
      error: { code: 'rate_limited', retryAfterSeconds: 1, attemptsLeft: 7 },
    });
    for (let failures = 3; failures < 9; failures++) {
      t.clock.advance(2 ** (failures - 3) * 1000);
      await expectWrong(9 - failures, 2 ** (failures - 2));
    }
    // The tenth locks the device: nothing left, and nothing to wait for.
    t.clock.advance(64 * 1000);
    await expectWrong(0);
    t.clock.advance(60 * 60 * 1000);
    const locked = await device.pinLogin(CARA_PIN);
    expect(locked.status).toBe(401);
    expect(locked.body).toEqual(wrongPin(0));
    // The device's own state says so too, after a reload as before it.
    const state = await device.client.post<DeviceStateJSON>('/api/devices/state', { deviceId: device.id });
    expect(state.body).toMatchObject({ state: 'approved', locked: true, pinLoginActive: true });
    expect(state.body.nextChallenge).toBeUndefined();

    // The admin's web session went idle meanwhile.
    await admin.login('ada', 'correct horse battery');
    const details = await admin.get<{ device: { status: string }; failedAttempts: number }>(
      `/api/devices/${device.id}`,
    );
    expect(details.body.device.status).toBe('locked');
    expect(details.body.failedAttempts).toBe(10);
    expect((await admin.postCurrent(`/api/devices/${device.id}/unlock`)).status).toBe(200);
    const unlocked = await device.client.post<DeviceStateJSON>('/api/devices/state', { deviceId: device.id });
    expect(unlocked.body.locked).toBe(false);
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    const types = (await t.deps.database.db.selectFrom('audit_events').select('type').execute()).map(
      (r) => r.type,
    );
    expect(types.filter((x) => x === 'login.pin_failed')).toHaveLength(10);
    expect(types).toContain('device.locked');
    expect(types).toContain('device.unlocked');
  });

  it('returns 200 to approving a locked device again, which unlocks it and audits device.unlocked', async ({
    t,
    admin,
    device,
  }) => {
    for (let failures = 0; failures < 10; failures++) {
      if (failures >= 3) t.clock.advance(2 ** (failures - 3) * 1000);
      expect((await device.pinLogin('99999')).status).toBe(401);
    }
    await admin.login('ada', 'correct horse battery');
    expect(
      (await admin.get<{ device: { status: string } }>(`/api/devices/${device.id}`)).body.device.status,
    ).toBe('locked');
    expect((await device.approveWith(admin, 'Till 1')).status).toBe(200);
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    const rows = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['type', 'device_id', 'detail'])
      .where('type', 'in', ['device.approved', 'device.unlocked'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.type)).toEqual(['device.approved', 'device.approved', 'device.unlocked']);
    expect(rows[2]?.device_id).toBe(device.id);
    expect(JSON.parse(rows[2]?.detail ?? '{}')).toMatchObject({ byApproval: true, failedAttempts: 10 });
  });

  it('returns 200 with failedAttempts 0 after a successful login', async ({ admin, device }) => {
    await device.pinLogin('99999');
    await device.pinLogin('99998');
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    const details = await admin.get<{ failedAttempts: number }>(`/api/devices/${device.id}`);
    expect(details.body.failedAttempts).toBe(0);
  });

  it('evaluates between 1 and 3 of ten parallel wrong PINs and refuses the rest unevaluated, counting each evaluated one as a failure', async ({
    t,
    admin,
    device,
  }) => {
    const challenges = await Promise.all(Array.from({ length: 10 }, () => device.challenge()));
    const results = await Promise.all(
      challenges.map(async (challenge, i) =>
        device.client.post('/api/pin-login', {
          deviceId: device.id,
          pin: String(90000 + i),
          proof: await device.proofFor(challenge),
        }),
      ),
    );
    expect(results.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    // Unevaluated: 429 to wait, or challenge_expired when a parallel attempt spent a newer challenge.
    const evaluated = results.filter(
      (r) => (r.body as { error: { code: string } }).error.code === 'invalid_credentials',
    ).length;
    // Some guess was checked (a 429 for every one would also "not exceed the limit"), and no more
    // than the three that come before the first delay.
    expect(evaluated).toBeGreaterThanOrEqual(1);
    expect(evaluated).toBeLessThanOrEqual(3);
    // Every guess that was checked is counted: none slipped past the device's failure count.
    const details = await admin.get<DeviceDetailsJSON>(`/api/devices/${device.id}`);
    expect(details.status).toBe(200);
    expect(details.body.failedAttempts).toBe(evaluated);
    const failures = await t.deps.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('type', '=', 'login.pin_failed')
      .where('device_id', '=', device.id)
      .execute();
    expect(failures).toHaveLength(evaluated);
  });

  it('returns 429 across the organisation once its failure ceiling is reached', async ({
    t,
    admin,
    device,
  }) => {
    const devices = await Promise.all(Array.from({ length: 34 }, () => TestDevice.create(t)));
    for (const [i, d] of devices.entries()) await d.approveWith(admin, `Till ${i + 2}`);
    // 34 devices × 3 immediate failures each = 102 > 100.
    for (const d of devices) for (const pin of ['90001', '90002', '90003']) await d.pinLogin(pin);
    const res = await device.pinLogin(CARA_PIN);
    expect(res.status).toBe(429);
    t.clock.advance(60 * 60 * 1000 + 1);
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
  });
});

describe('register sessions', () => {
  it('returns 403 step_up_required on the admin API until the password is confirmed', async ({
    t,
    admin,
    device,
  }) => {
    const adminUser = await admin.get<{ user: { id: string } }>('/api/auth/session');
    expect(
      (
        await admin.patchCurrent(`/api/users/${adminUser.body.user.id}`, {
          loginMethod: 'password_and_pin',
          pin: '24680',
        })
      ).status,
    ).toBe(200);
    const login = await device.pinLogin('24680');
    expect(login.status).toBe(200);
    expect(login.body.adminAccess).toBe(false);
    const blocked = await device.client.get('/api/users');
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ error: { code: 'step_up_required' } });
    expect((await device.client.post('/api/auth/step-up', { password: 'wrong password' })).status).toBe(401);
    const up = await device.client.post<{ adminAccess: boolean }>('/api/auth/step-up', {
      password: 'correct horse battery',
    });
    expect(up.status).toBe(200);
    expect(up.body.adminAccess).toBe(true);
    expect((await device.client.get('/api/users')).status).toBe(200);
    t.clock.advance(16 * 60 * 1000);
    expect((await device.client.get('/api/users')).status).toBe(403);
  });
});
