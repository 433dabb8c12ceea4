import { randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import { pinHmac } from '../src/pins/pin-hmac.js';
import { CARA_PIN, test } from './support/fixtures.js';
import type { TestClient } from './support/test-client.js';

async function addPinUser(admin: TestClient, username: string, pin: string) {
  return admin.post<{ user: { id: string } }>('/api/users', {
    name: username,
    username,
    role: 'cashier',
    loginMethod: 'pin_only',
    pin,
  });
}

/** Cara and Dan have PINs stored under the pepper that the rotation then makes the previous one. */
const it = test.extend('rotated', { auto: true }, async ({ t, admin, cara }) => {
  expect(cara.hasPin).toBe(true);
  expect((await addPinUser(admin, 'dan', '43210')).status).toBe(201);
  // Rotate: new pepper, old one kept as previous.
  t.deps.secrets.previousPinPepper = t.deps.secrets.pinPepper;
  t.deps.secrets.pinPepper = randomBytes(32);
  return true;
});

describe('rotating the PIN pepper', () => {
  it('returns 200 for a PIN stored under the previous pepper and moves it to the new one', async ({
    t,
    device,
  }) => {
    const res = await device.pinLogin(CARA_PIN);
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('cara');
    const orgId = res.body.organisation.id;
    const row = await t.deps.database.db
      .selectFrom('users')
      .select('pin_hmac')
      .where('username', '=', 'cara')
      .executeTakeFirstOrThrow();
    expect(row.pin_hmac).toBe(pinHmac(t.deps.secrets.pinPepper, orgId, CARA_PIN));
    // Once the previous pepper is gone, the moved PIN still works and the unmoved one does not.
    t.deps.secrets.previousPinPepper = null;
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    expect((await device.pinLogin('43210')).status).toBe(401);
  });

  it('returns 409 pin_taken for a PIN that is still stored under the previous pepper', async ({ admin }) => {
    const res = await addPinUser(admin, 'erin', '43210');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'pin_taken', field: 'pin' } });
    expect((await addPinUser(admin, 'erin', '55555')).status).toBe(201);
  });
});
