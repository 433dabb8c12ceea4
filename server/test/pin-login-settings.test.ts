import { describe, expect } from 'vitest';
import {
  DEFAULT_IDLE_LOCK_MINUTES,
  DEFAULT_OFFLINE_GRACE_MINUTES,
  MAX_IDLE_LOCK_MINUTES,
  MAX_OFFLINE_GRACE_MINUTES,
  type AuditPageJSON,
  type DeviceStateJSON,
  type PinLoginSettingsJSON,
} from '@tapin/shared';
import { auditTypes } from './support/database.js';
import { it } from './support/fixtures.js';
import { TestClient } from './support/test-client.js';
import { createUser, loginAs } from './support/users.js';

const count = (types: string[], type: string) => types.filter((x) => x === type).length;

describe('My account > Log in with PIN code: Activate and Deactivate', () => {
  it('returns 200 with PIN login inactive for a new organisation, with the default settings', async ({
    admin,
  }) => {
    const res = await admin.get<PinLoginSettingsJSON>('/api/organisation/pin-login');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      active: false,
      offlineGraceMinutes: DEFAULT_OFFLINE_GRACE_MINUTES,
      idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
      requirePasskey: false,
      registerLanguage: null,
      version: 1,
    });
  });

  it('returns 200 and toggles, auditing pin_login.activated and pin_login.deactivated once per change', async ({
    t,
    admin,
  }) => {
    const on = await admin.postCurrent<PinLoginSettingsJSON>('/api/organisation/pin-login/activate', {});
    expect(on.status).toBe(200);
    expect(on.body.active).toBe(true);
    expect((await admin.get<PinLoginSettingsJSON>('/api/organisation/pin-login')).body.active).toBe(true);
    expect(count(await auditTypes(t), 'pin_login.activated')).toBe(1);

    // Activating what is already active changes nothing and audits nothing.
    const again = await admin.postCurrent<PinLoginSettingsJSON>('/api/organisation/pin-login/activate', {});
    expect(again.status).toBe(200);
    expect(again.body.active).toBe(true);
    expect(count(await auditTypes(t), 'pin_login.activated')).toBe(1);

    const off = await admin.postCurrent<PinLoginSettingsJSON>('/api/organisation/pin-login/deactivate', {});
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await admin.get<PinLoginSettingsJSON>('/api/organisation/pin-login')).body.active).toBe(false);
    expect((await admin.postCurrent('/api/organisation/pin-login/deactivate', {})).status).toBe(200);
    const types = await auditTypes(t);
    expect(count(types, 'pin_login.deactivated')).toBe(1);

    const log = await admin.get<AuditPageJSON>('/api/audit');
    expect(log.body.events.slice(0, 2).map((e) => [e.type, e.actor?.name])).toEqual([
      ['pin_login.deactivated', 'Ada Admin'],
      ['pin_login.activated', 'Ada Admin'],
    ]);
  });

  it('returns 401 to register sessions after Deactivate, and PIN login is refused until Activate', async ({
    admin,
    device,
  }) => {
    await createUser(admin, { username: 'pia', loginMethod: 'pin_only', pin: '42424' });
    expect((await device.pinLogin('42424')).status).toBe(200);
    expect((await device.client.get('/api/auth/session')).status).toBe(200);

    expect((await admin.postCurrent('/api/organisation/pin-login/deactivate', {})).status).toBe(200);
    expect((await device.client.get('/api/auth/session')).status).toBe(401);
    // The admin's own password session goes on.
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    const state = await device.client.post<{ pinLoginActive: boolean }>('/api/devices/state', {
      deviceId: device.id,
    });
    expect(state.body.pinLoginActive).toBe(false);
    const refused = await device.pinLogin('42424');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({
      error: { code: 'invalid_credentials', message: 'Invalid credentials' },
    });

    expect((await admin.postCurrent('/api/organisation/pin-login/activate', {})).status).toBe(200);
    expect((await device.pinLogin('42424')).status).toBe(200);
  });

  it('returns 200 to a cashier reading the settings, which a register needs', async ({ t, admin }) => {
    await createUser(admin, { username: 'carl' });
    const carl = await loginAs(t, 'carl');
    const res = await carl.get<PinLoginSettingsJSON>('/api/organisation/pin-login');
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
  });

  it('returns 401 unauthenticated to a caller without a session', async ({ t }) => {
    const res = await new TestClient(t).get('/api/organisation/pin-login');
    expect(res.status).toBe(401);
  });
});

describe('My account > Log in with PIN code: settings', () => {
  it('returns 200 with the new settings and audits settings.changed with what changed', async ({ admin }) => {
    const res = await admin.patchCurrent<PinLoginSettingsJSON>('/api/organisation/pin-login', {
      offlineGraceMinutes: 0,
      idleLockMinutes: 5,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ offlineGraceMinutes: 0, idleLockMinutes: 5, requirePasskey: false });
    const log = await admin.get<AuditPageJSON>('/api/audit');
    expect(log.body.events[0]).toMatchObject({
      type: 'settings.changed',
      detail: { offlineGraceMinutes: 0, idleLockMinutes: 5 },
    });
  });

  it.for([
    [{}],
    [{ idleLockMinutes: 0 }],
    [{ idleLockMinutes: MAX_IDLE_LOCK_MINUTES + 1 }],
    [{ offlineGraceMinutes: -1 }],
    [{ offlineGraceMinutes: MAX_OFFLINE_GRACE_MINUTES + 1 }],
    [{ offlineGraceMinutes: 1.5 }],
    [{ requirePasskey: 'yes' }],
    [{ registerLanguage: 'de' }],
    [{ registerLanguage: 'NL' }],
    [{ registerLanguage: 1 }],
    [{ active: true }],
  ])('returns 400 bad_request for %j and changes nothing', async ([body], { t, admin }) => {
    const before = await admin.get<PinLoginSettingsJSON>('/api/organisation/pin-login');
    const auditBefore = await auditTypes(t);
    const res = await admin.patchCurrent('/api/organisation/pin-login', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request' } });
    expect((await admin.get('/api/organisation/pin-login')).body).toEqual(before.body);
    expect(await auditTypes(t)).toEqual(auditBefore);
  });
});

describe("My account > Log in with PIN code: the registers' language", () => {
  it('returns 200 with the language set, tells approved registers, audits it, and null gives it back to the browser', async ({
    t,
    admin,
    device,
  }) => {
    const state = async () =>
      (await device.client.post<DeviceStateJSON>('/api/devices/state', { deviceId: device.id })).body;
    expect((await state()).registerLanguage).toBeNull();

    const res = await admin.patchCurrent<PinLoginSettingsJSON>('/api/organisation/pin-login', {
      registerLanguage: 'nl',
    });
    expect(res.status).toBe(200);
    expect(res.body.registerLanguage).toBe('nl');
    expect((await admin.get<PinLoginSettingsJSON>('/api/organisation/pin-login')).body.registerLanguage).toBe(
      'nl',
    );
    expect((await state()).registerLanguage).toBe('nl');
    const log = await admin.get<AuditPageJSON>('/api/audit');
    expect(log.body.events[0]).toMatchObject({
      type: 'settings.changed',
      detail: { registerLanguage: 'nl' },
    });

    const back = await admin.patchCurrent<PinLoginSettingsJSON>('/api/organisation/pin-login', {
      registerLanguage: null,
    });
    expect(back.status).toBe(200);
    expect(back.body.registerLanguage).toBeNull();
    expect((await state()).registerLanguage).toBeNull();
    expect(count(await auditTypes(t), 'settings.changed')).toBe(2);
  });

  it("tells a device that is not approved nothing of any organisation's language", async ({ t, admin }) => {
    await admin.patchCurrent('/api/organisation/pin-login', { registerLanguage: 'nl' });
    const stranger = await new TestClient(t).post<DeviceStateJSON>('/api/devices/state', {
      deviceId: 'A'.repeat(43),
    });
    expect(stranger.status).toBe(200);
    expect(stranger.body.state).toBe('unknown');
    expect(stranger.body).not.toHaveProperty('registerLanguage');
  });

  it('returns 403 to a cashier, for whom the settings are not', async ({ t, admin }) => {
    await createUser(admin, { username: 'mia', role: 'cashier' });
    const mia = await loginAs(t, 'mia');
    const res = await mia.patchCurrent('/api/organisation/pin-login', { registerLanguage: 'nl' });
    expect(res.status).toBe(403);
    expect(
      (await admin.get<PinLoginSettingsJSON>('/api/organisation/pin-login')).body.registerLanguage,
    ).toBeNull();
  });
});
