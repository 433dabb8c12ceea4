import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pinHmac } from '../src/pins/pin-hmac.js';
import { createTestApp, type TestApp } from './test-app.js';
import { setUpOrganisation, type TestClient } from './test-client.js';
import { TestDevice } from './test-device.js';

let t: TestApp;
let admin: TestClient;
let device: TestDevice;

async function addPinUser(username: string, pin: string) {
  return admin.post<{ user: { id: string } }>('/api/users', {
    name: username,
    username,
    role: 'cashier',
    loginMethod: 'pin_only',
    pin,
  });
}

beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpOrganisation(t);
  await admin.post('/api/organisation/pin-login/activate');
  device = await TestDevice.create(t);
  await device.approveWith(admin);
  expect((await addPinUser('cara', '01234')).status).toBe(201);
  expect((await addPinUser('dan', '43210')).status).toBe(201);
  // Rotate: new pepper, old one kept as previous.
  t.deps.secrets.previousPinPepper = t.deps.secrets.pinPepper;
  t.deps.secrets.pinPepper = randomBytes(32);
});
afterEach(async () => {
  await t.close();
});

describe('rotating the PIN pepper', () => {
  it('returns 200 for a PIN stored under the previous pepper and moves it to the new one', async () => {
    const res = await device.pinLogin('01234');
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('cara');
    const orgId = res.body.organisation.id;
    const row = await t.deps.database.db
      .selectFrom('users')
      .select('pin_hmac')
      .where('username', '=', 'cara')
      .executeTakeFirstOrThrow();
    expect(row.pin_hmac).toBe(pinHmac(t.deps.secrets.pinPepper, orgId, '01234'));
    // Once the previous pepper is gone, the moved PIN still works and the unmoved one does not.
    t.deps.secrets.previousPinPepper = null;
    expect((await device.pinLogin('01234')).status).toBe(200);
    expect((await device.pinLogin('43210')).status).toBe(401);
  });

  it('returns 409 pin_taken for a PIN that is still stored under the previous pepper', async () => {
    const res = await addPinUser('erin', '43210');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'pin_taken', field: 'pin' } });
    expect((await addPinUser('erin', '55555')).status).toBe(201);
  });
});
