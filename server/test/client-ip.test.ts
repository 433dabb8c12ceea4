import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceDetailsJSON } from '@tapin/shared';
import { createTestApp, type TestApp } from './test-app.js';
import { setUpOrganisation } from './test-client.js';
import { TestDevice } from './test-device.js';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

async function loginFromProxy(trustProxy: boolean): Promise<string | null> {
  t = await createTestApp({ trustProxy });
  const admin = await setUpOrganisation(t);
  await admin.post('/api/organisation/pin-login/activate');
  await admin.post('/api/users', {
    name: 'Cara',
    username: 'cara',
    role: 'cashier',
    loginMethod: 'pin_only',
    pin: '01234',
  });
  const device = await TestDevice.create(t);
  await device.approveWith(admin);
  const challenge = await device.challenge();
  const res = await device.client.call(
    'POST',
    '/api/pin-login',
    {
      deviceId: device.id,
      pin: '01234',
      proof: await device.proofFor(challenge),
    },
    { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' },
  );
  expect(res.status).toBe(200);
  const details = await admin.get<DeviceDetailsJSON>(`/api/devices/${device.id}`);
  return details.body.sessions[0]?.ip ?? null;
}

describe('client IP address of a session', () => {
  it('ignores X-Forwarded-For without the trusted-proxy setting', async () => {
    // In memory there is no socket, so the untrusted header must leave the address empty.
    expect(await loginFromProxy(false)).toBeNull();
  });

  it('takes the first X-Forwarded-For hop when a trusted proxy is configured', async () => {
    expect(await loginFromProxy(true)).toBe('203.0.113.7');
  });
});
