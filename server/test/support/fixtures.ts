import { test as base } from 'vitest';
import type { PinLoginSettingsJSON, SetupRequest, UserJSON } from '@tapin/shared';
import { createTestApp, type TestAppOptions } from './test-app.js';
import { addOrganisation, setUpOrganisation } from './test-client.js';
import { TestDevice } from './test-device.js';
import { createUser, sessionOf } from './users.js';

/** The second organisation, for tests that one organisation cannot see or touch another. */
export const BAKERY_SETUP: SetupRequest = {
  organisationName: 'Bakery',
  name: 'Bea Admin',
  username: 'bea',
  password: 'another long password',
};

/** The PIN of `cara`, the "PIN only" cashier. Its leading zero must survive every step. */
export const CARA_PIN = '01234';

/** The PIN Ada gets for `adaOnRegister`. */
export const ADA_PIN = '90909';

const DEFAULT_APP_OPTIONS: TestAppOptions = {};

/**
 * The server tests' `test` (also exported as `it`). Each fixture is set up only for the tests that
 * name it (or name a fixture that needs it), fresh for every test:
 *
 * - `t`: a fresh app on a fresh database, closed after the test; `appOptions` configures it
 *   (`test.override('appOptions', { trustProxy: true })` inside a describe);
 * - `admin`: the first admin (Ada, of "Corner Shop"), logged in with a password; `adminId` is her id;
 * - `pinLogin`: PIN login activated for Ada's organisation (its settings as the API returned them);
 * - `device`: a register approved by Ada, "Till 1", with PIN login active;
 * - `cara`: a "PIN only" cashier of Ada's organisation whose PIN is CARA_PIN;
 * - `adaOnRegister`: `device` with Ada logged in on it by her PIN (ADA_PIN; her method becomes
 *   "Password and PIN"): a register session that has not stepped up;
 * - `bakery`: the admin of a second organisation (BAKERY_SETUP), logged in with a password.
 */
export const test = base
  .extend('appOptions', DEFAULT_APP_OPTIONS)
  .extend('t', async ({ appOptions }, { onCleanup }) => {
    const t = await createTestApp(appOptions);
    onCleanup(() => t.close());
    return t;
  })
  .extend('admin', async ({ t }) => setUpOrganisation(t))
  .extend('adminId', async ({ admin }) => (await sessionOf(admin)).user.id)
  .extend('pinLogin', async ({ admin }): Promise<PinLoginSettingsJSON> => {
    const res = await admin.postCurrent<PinLoginSettingsJSON>('/api/organisation/pin-login/activate', {});
    if (res.status !== 200) throw new Error(`activating PIN login failed: ${res.status} ${res.text}`);
    return res.body;
  })
  .extend('device', async ({ t, admin, pinLogin }) => {
    if (!pinLogin.active) throw new Error('PIN login is not active');
    const device = await TestDevice.create(t);
    const res = await device.approveWith(admin);
    if (res.status !== 201) throw new Error(`approving the device failed: ${res.status} ${res.text}`);
    return device;
  })
  .extend('adaOnRegister', async ({ admin, adminId, device }) => {
    const patch = await admin.patchCurrent(`/api/users/${adminId}`, {
      loginMethod: 'password_and_pin',
      pin: ADA_PIN,
    });
    if (patch.status !== 200) throw new Error(`giving Ada a PIN failed: ${patch.status} ${patch.text}`);
    const login = await device.pinLogin(ADA_PIN);
    if (login.status !== 200 || login.body.kind !== 'register' || login.body.adminAccess) {
      throw new Error(`Ada's PIN login failed: ${login.status} ${login.text}`);
    }
    return device;
  })
  .extend('cara', async ({ admin }): Promise<UserJSON> =>
    createUser(admin, { name: 'Cara', username: 'cara', loginMethod: 'pin_only', pin: CARA_PIN }),
  )
  .extend('bakery', async ({ t, admin }) => {
    // First-run setup only runs on an empty database, so Ada's organisation comes first.
    if (!admin.cookie) throw new Error('the first organisation is not set up');
    return addOrganisation(t, BAKERY_SETUP);
  });

export const it = test;
