import { describe, expect } from 'vitest';
import type { DeviceDetailsJSON } from '@tapin/shared';
import { CARA_PIN, test } from './support/fixtures.js';
import type { TestClient } from './support/test-client.js';
import type { TestDevice } from './support/test-device.js';

/** Cara logs in on the device through a proxy; returns the IP address her session records. */
async function loginFromProxy(admin: TestClient, device: TestDevice): Promise<string | null> {
  const challenge = await device.challenge();
  const res = await device.client.call(
    'POST',
    '/api/pin-login',
    {
      deviceId: device.id,
      pin: CARA_PIN,
      proof: await device.proofFor(challenge),
    },
    { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' },
  );
  expect(res.status).toBe(200);
  const details = await admin.get<DeviceDetailsJSON>(`/api/devices/${device.id}`);
  return details.body.sessions[0]?.ip ?? null;
}

describe('client IP address of a session', () => {
  describe('without the trusted-proxy setting', () => {
    test.override('appOptions', { trustProxy: false });

    test('returns 200 and records no address from X-Forwarded-For without the trusted-proxy setting', async ({
      admin,
      device,
      cara,
    }) => {
      expect(cara.hasPin).toBe(true);
      // In memory there is no socket, so the untrusted header must leave the address empty.
      expect(await loginFromProxy(admin, device)).toBeNull();
    });
  });

  describe('behind a trusted proxy', () => {
    test.override('appOptions', { trustProxy: true });

    test('returns 200 and records the first X-Forwarded-For hop when a trusted proxy is configured', async ({
      admin,
      device,
      cara,
    }) => {
      expect(cara.hasPin).toBe(true);
      expect(await loginFromProxy(admin, device)).toBe('203.0.113.7');
    });
  });
});
