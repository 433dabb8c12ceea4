import { describe, expect } from 'vitest';
import type { PinLoginSettingsJSON, SessionJSON } from '@tapin/shared';
import { CARA_PIN, test } from './support/fixtures.js';
import { DEFAULT_SETUP } from './support/test-client.js';
import { TestDevice } from './support/test-device.js';
import { createUser } from './support/users.js';

const BOB_PIN = '77777';

/**
 * The moment Ada deactivates PIN login from a register on which she stepped up with her password.
 * Open at that moment: Ada's web session (`admin`), Cara's register session on a second till
 * (`tillTwo`), and a register session of the bakery's cashier Bob (`bakeryTill`).
 */
const it = test
  .extend('tillTwo', async ({ t, admin, pinLogin, cara }) => {
    expect(pinLogin.active).toBe(true);
    const till = await TestDevice.create(t);
    expect((await till.approveWith(admin, 'Till 2')).status).toBe(201);
    const login = await till.pinLogin(CARA_PIN);
    expect(login.body).toMatchObject({ kind: 'register', user: { id: cara.id } });
    return till;
  })
  .extend('bakeryTill', async ({ t, bakery }) => {
    expect((await bakery.postCurrent('/api/organisation/pin-login/activate', {})).status).toBe(200);
    await createUser(bakery, { username: 'bob', loginMethod: 'pin_only', pin: BOB_PIN });
    const till = await TestDevice.create(t);
    expect((await till.approveWith(bakery, 'Bakery till')).status).toBe(201);
    expect((await till.pinLogin(BOB_PIN)).status).toBe(200);
    return till;
  })
  .extend('deactivated', async ({ adaOnRegister, tillTwo, bakeryTill }) => {
    // Every session is open before the switch goes off.
    for (const till of [tillTwo, bakeryTill])
      expect((await till.client.get('/api/auth/session')).status).toBe(200);
    const up = await adaOnRegister.client.post<SessionJSON>('/api/auth/step-up', {
      password: DEFAULT_SETUP.password,
    });
    expect(up.body).toMatchObject({ kind: 'register', adminAccess: true });
    const off = await adaOnRegister.client.postCurrent<PinLoginSettingsJSON>(
      '/api/organisation/pin-login/deactivate',
      {},
    );
    expect(off.status).toBe(200);
    return off.body;
  });

describe('My account > Log in with PIN code: Deactivate from a register session', () => {
  it('returns 401 unauthenticated to another register session of the organisation', async ({
    deactivated,
    tillTwo,
  }) => {
    expect(deactivated.active).toBe(false);
    const res = await tillTwo.client.get('/api/auth/session');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('returns 200 to the register session that deactivated it, which keeps its step-up', async ({
    deactivated,
    adaOnRegister,
  }) => {
    expect(deactivated.active).toBe(false);
    const me = await adaOnRegister.client.get<SessionJSON>('/api/auth/session');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'register', adminAccess: true, user: { username: 'ada' } });
    expect((await adaOnRegister.client.get('/api/users')).status).toBe(200);
  });

  it('returns 200 to a web session of the organisation', async ({ deactivated, admin }) => {
    expect(deactivated.active).toBe(false);
    const me = await admin.get<SessionJSON>('/api/auth/session');
    expect(me.status).toBe(200);
    expect(me.body.kind).toBe('web');
  });

  it("returns 200 to another organisation's register session, whose PIN login stays active", async ({
    deactivated,
    bakery,
    bakeryTill,
  }) => {
    expect(deactivated.active).toBe(false);
    const me = await bakeryTill.client.get<SessionJSON>('/api/auth/session');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'register', user: { username: 'bob' } });
    const theirs = await bakery.get<PinLoginSettingsJSON>('/api/organisation/pin-login');
    expect(theirs.body.active).toBe(true);
    expect((await bakeryTill.pinLogin(BOB_PIN)).status).toBe(200);
  });
});
