import { describe, expect } from 'vitest';
import type { DeviceStateJSON, ErrorBodyJSON, PinChallengeJSON, SessionJSON } from '@tapin/shared';
import { CHALLENGE_TTL_MS } from '../src/devices/device-challenges.js';
import { ORG_FAILURES_ALLOWED, ORG_FAILURE_WINDOW_MS } from '../src/pin-login/pin-login-throttle.js';
import { countInWindow, peekWindow } from '../src/rate-limit/fixed-window.js';
import { snapshotDatabase } from './support/database.js';
import { CARA_PIN, test } from './support/fixtures.js';
import type { TestApp } from './support/test-app.js';
import { TestClient } from './support/test-client.js';
import { TestDevice } from './support/test-device.js';

/** Ada's register, with Cara to log in on it. */
const it = test.extend('register', { auto: true }, async ({ device, cara }) => {
  expect(cara.hasPin).toBe(true);
  return device;
});

const codeOf = (body: unknown) => (body as ErrorBodyJSON).error.code;

async function loginBody(device: TestDevice, challenge: string, pin = CARA_PIN) {
  return { deviceId: device.id, pin, proof: await device.proofFor(challenge) };
}

async function sessionCount(device: TestDevice, t: TestApp) {
  const rows = await t.deps.database.db
    .selectFrom('sessions')
    .select('id')
    .where('device_id', '=', device.id)
    .execute();
  return rows.length;
}

describe('issuing a PIN-login challenge', () => {
  it('stores nothing, however often anyone asks, so no one can block a register from outside', async ({
    t,
    device,
  }) => {
    const before = await snapshotDatabase(t);
    const stranger = new TestClient(t);
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => stranger.post('/api/devices/challenge', { deviceId: device.id })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(await snapshotDatabase(t)).toEqual(before);
    // The register itself still logs in at once.
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
  });
});

describe('a challenge is used once', () => {
  it('lets exactly one of 1,000 parallel replays of one signed login through, across two instances', async ({
    t,
    device,
  }) => {
    const other = await t.secondInstance();
    try {
      const body = await loginBody(device, await device.challenge());
      const clients = [new TestClient(t), new TestClient(other)];
      const answers = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => clients[i % 2]!.post('/api/pin-login', body)),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      // The rest are refused without a guess being counted: spent, or told to wait for the one that won.
      for (const a of answers.filter((x) => x.status !== 200)) {
        expect([401, 429]).toContain(a.status);
        expect(['challenge_expired', 'rate_limited']).toContain(codeOf(a.body));
      }
      expect(await sessionCount(device, t)).toBe(1);
      const row = await t.deps.database.db
        .selectFrom('devices')
        .select('failed_attempts')
        .where('id', '=', device.id)
        .executeTakeFirstOrThrow();
      expect(row.failed_attempts).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('refuses a challenge once its lifetime is over, and not a moment before', async ({ t, device }) => {
    const early = await device.challenge();
    const late = await device.challenge();
    t.clock.advance(CHALLENGE_TTL_MS - 1);
    expect((await device.client.post('/api/pin-login', await loginBody(device, early))).status).toBe(200);
    t.clock.advance(1);
    const res = await device.client.post('/api/pin-login', await loginBody(device, late));
    expect(res.status).toBe(401);
    expect(codeOf(res.body)).toBe('challenge_expired');
  });

  it('refuses an older challenge once a newer one was spent', async ({ t, device }) => {
    const older = await device.challenge();
    t.clock.advance(1000);
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    const res = await device.client.post('/api/pin-login', await loginBody(device, older));
    expect(codeOf(res.body)).toBe('challenge_expired');
  });

  it('refuses a PIN-login challenge for an offline upload, and a tampered one for either', async ({
    device,
  }) => {
    const pinChallenge = await device.challenge();
    const upload = await device.client.post('/api/offline/upload', {
      deviceId: device.id,
      proof: await device.sign({
        purpose: 'tapin:offline-upload',
        challenge: pinChallenge,
        deviceId: device.id,
        entries: [],
      }),
    });
    expect(upload.status).toBe(403);
    expect(codeOf(upload.body)).toBe('offline_upload_refused');
    const raw = Buffer.from(pinChallenge, 'base64url');
    raw[0] = (raw[0] ?? 0) ^ 1;
    const tampered = await device.client.post(
      '/api/pin-login',
      await loginBody(device, raw.toString('base64url')),
    );
    expect(codeOf(tampered.body)).toBe('challenge_expired');
  });
});

describe('one round trip per login', () => {
  it('hands the next challenge with every answer: the PIN-pad start, a refusal, a login and the session check', async ({
    device,
  }) => {
    const post = (challenge: PinChallengeJSON | undefined, pin: string) => {
      if (!challenge) throw new Error('no next challenge in the answer');
      return loginBody(device, challenge.challenge, pin).then((b) => device.client.post('/api/pin-login', b));
    };
    const state = await device.client.post<DeviceStateJSON>('/api/devices/state', { deviceId: device.id });
    expect(state.body.nextChallenge?.validForSeconds).toBe(CHALLENGE_TTL_MS / 1000);

    const wrong = await post(state.body.nextChallenge, '99999');
    expect(codeOf(wrong.body)).toBe('invalid_credentials');

    const ok = await post((wrong.body as ErrorBodyJSON).error.nextChallenge, CARA_PIN);
    expect(ok.status).toBe(200);
    const session = ok.body as SessionJSON;
    expect(session.nextChallenge).toBeDefined();

    const check = await device.client.get<SessionJSON>('/api/auth/session');
    expect((await post(check.body.nextChallenge, CARA_PIN)).status).toBe(200);
    // The login answer's challenge was issued before the session check's; that one is now spent.
    expect(codeOf((await post(session.nextChallenge, CARA_PIN)).body)).toBe('challenge_expired');
  });

  it('does not hand a challenge to a device that is unknown, or whose organisation has PIN login off', async ({
    t,
    admin,
    device,
  }) => {
    const stranger = await TestDevice.create(t);
    const unknown = await stranger.client.post<DeviceStateJSON>('/api/devices/state', {
      deviceId: stranger.id,
    });
    expect(unknown.body.state).toBe('unknown');
    expect(unknown.body.nextChallenge).toBeUndefined();
    expect((await admin.postCurrent('/api/organisation/pin-login/deactivate', {})).status).toBe(200);
    const off = await device.client.post<DeviceStateJSON>('/api/devices/state', { deviceId: device.id });
    expect(off.body.nextChallenge).toBeUndefined();
  });
});

describe('the organisation-wide failure ceiling', () => {
  it('is never exceeded, even by many devices guessing at once', async ({ t, admin, device: _device }) => {
    const devices = await Promise.all(Array.from({ length: 24 }, () => TestDevice.create(t)));
    for (const [i, d] of devices.entries())
      expect((await d.approveWith(admin, `Till ${i + 2}`)).status).toBe(201);
    const org = await t.deps.database.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    // 95 failures already counted this hour, through the counter PIN login itself uses.
    const orgKey = `pin-failures:${org.id}`;
    for (let i = 0; i < ORG_FAILURES_ALLOWED - 5; i++) {
      await countInWindow(t.deps.database.db, orgKey, ORG_FAILURE_WINDOW_MS, t.clock.now());
    }

    const bodies = await Promise.all(devices.map(async (d) => loginBody(d, await d.challenge(), '99999')));
    const answers = await Promise.all(devices.map((d, i) => d.client.post('/api/pin-login', bodies[i])));
    const evaluated = answers.filter((a) => codeOf(a.body) === 'invalid_credentials').length;
    expect(evaluated).toBe(5);
    expect(answers.filter((a) => codeOf(a.body) === 'rate_limited')).toHaveLength(19);
    const counted = await peekWindow(t.deps.database.db, orgKey, ORG_FAILURE_WINDOW_MS, t.clock.now());
    expect(counted.count).toBe(ORG_FAILURES_ALLOWED);
  });
});
