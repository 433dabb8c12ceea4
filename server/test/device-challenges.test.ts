import { describe, expect } from 'vitest';
import { CARA_PIN, test } from './support/fixtures.js';
import type { TestDevice } from './support/test-device.js';

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
    expect((await admin.post(`/api/devices/${device.id}/revoke`, {})).status).toBe(200);
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
    expect((await admin.post(`/api/devices/${device.id}/revoke`, {})).status).toBe(200);
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
