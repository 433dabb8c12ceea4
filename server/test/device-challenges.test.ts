import { describe, expect } from 'vitest';
import { CARA_PIN, test } from './support/fixtures.js';
import { CHALLENGE_TTL_MS } from '../src/devices/device-challenges.js';
import { TestDevice } from './support/test-device.js';

/** A challenge that is not this device's to spend (any more): the device signs the new one. */
const STALE = {
  error: {
    code: 'challenge_expired',
    message: 'Sign the new challenge and try again.',
    nextChallenge: expect.objectContaining({ challenge: expect.any(String) }),
  },
};

/** Ada's register, with Cara to log in on it. */
const it = test.extend('register', { auto: true }, async ({ device, cara }) => {
  expect(cara.hasPin).toBe(true);
  return device;
});

async function loginWith(device: TestDevice, challenge: string) {
  return device.client.post('/api/pin-login', {
    deviceId: device.id,
    pin: CARA_PIN,
    proof: await device.proofFor(challenge),
  });
}

describe('device challenges and revocation', () => {
  it('returns 401 for a challenge issued before the device was revoked, once it is approved again', async ({
    admin,
    device,
  }) => {
    const before = await device.challenge();
    expect((await admin.postCurrent(`/api/devices/${device.id}/revoke`, {})).status).toBe(200);
    expect((await device.approveWith(admin, 'Till 1 again')).status).toBe(200);
    const res = await loginWith(device, before);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(STALE);
    // A challenge issued after the new approval works.
    expect((await loginWith(device, await device.challenge())).status).toBe(200);
  });

  it('returns 401 for a challenge handed to the device while it was revoked, once it is approved again', async ({
    admin,
    device,
  }) => {
    expect((await admin.postCurrent(`/api/devices/${device.id}/revoke`, {})).status).toBe(200);
    const whileRevoked = await device.challenge();
    expect((await device.approveWith(admin, 'Till 1 again')).status).toBe(200);
    const res = await loginWith(device, whileRevoked);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(STALE);
    expect((await loginWith(device, await device.challenge())).status).toBe(200);
  });

  it('returns 401 for an offline-upload challenge used for PIN login, and 200 for a PIN login one', async ({
    device,
  }) => {
    const upload = await device.client.post<{ challenge: string }>('/api/devices/challenge', {
      deviceId: device.id,
      purpose: 'offline-upload',
    });
    expect(upload.status).toBe(200);
    const res = await loginWith(device, upload.body.challenge);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(STALE);
    expect((await loginWith(device, await device.challenge())).status).toBe(200);
  });
});

describe('approval needs proof that the device holds its key', () => {
  const refusal = { error: { code: 'device_proof_invalid', message: expect.any(String) as unknown } };

  it('returns 400 device_proof_invalid for a proof by another key, and stores nothing', async ({
    t,
    admin,
  }) => {
    const device = await TestDevice.create(t);
    const impostor = await TestDevice.create(t);
    const challenge = await device.challenge('approval');
    const proof = await impostor.sign({ purpose: 'tapin:approve-device', challenge, deviceId: device.id });
    const res = await admin.post('/api/devices/approve', {
      name: 'Till 2',
      publicKey: device.publicKey,
      proof,
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(refusal);
    const rows = await t.deps.database.db
      .selectFrom('devices')
      .select('id')
      .where('id', '=', device.id)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("returns 400 for another device's challenge, a PIN-login challenge, a wrong purpose and an expired challenge", async ({
    t,
    admin,
  }) => {
    const device = await TestDevice.create(t);
    const other = await TestDevice.create(t);
    const approve = (proof: string) =>
      admin.post('/api/devices/approve', { name: 'Till 2', publicKey: device.publicKey, proof });
    const signed = (challenge: string, purpose = 'tapin:approve-device') =>
      device.sign({ purpose, challenge, deviceId: device.id });

    expect((await approve(await signed(await other.challenge('approval')))).body).toEqual(refusal);
    expect((await approve(await signed(await device.challenge('pin-login')))).body).toEqual(refusal);
    expect((await approve(await signed(await device.challenge('approval'), 'tapin:pin-login'))).body).toEqual(
      refusal,
    );
    const old = await device.challenge('approval');
    t.clock.advance(CHALLENGE_TTL_MS);
    expect((await approve(await signed(old))).body).toEqual(refusal);
    // A fresh one, properly signed, approves it.
    expect((await device.approveWith(admin, 'Till 2')).status).toBe(201);
  });
});
