import { describe, expect } from 'vitest';
import type { DeviceDetailsJSON, DeviceStateJSON, SessionJSON } from '@tapin/shared';
import { ADA_PIN, CARA_PIN, test } from './support/fixtures.js';
import { DEFAULT_SETUP } from './support/test-client.js';
import { TestDevice } from './support/test-device.js';
import { createUser } from './support/users.js';

const DAVE_PIN = '55555';
const MINUTE = 60 * 1000;

/** Ada's register with Cara logged in on it by her PIN, and Dave, another "PIN only" cashier. */
const it = test
  .extend('dave', async ({ admin }) =>
    createUser(admin, { name: 'Dave', username: 'dave', loginMethod: 'pin_only', pin: DAVE_PIN }),
  )
  .extend('caraOnRegister', async ({ device, cara }) => {
    const login = await device.pinLogin(CARA_PIN);
    expect(login.body).toMatchObject({ kind: 'register', user: { id: cara.id } });
    return device;
  });

async function sessionsOf(admin: { get: TestDevice['client']['get'] }, device: TestDevice) {
  const res = await admin.get<DeviceDetailsJSON>(`/api/devices/${device.id}`);
  expect(res.status).toBe(200);
  return res.body.sessions.map((s) => ({ user: s.user?.name, active: s.active, id: s.id }));
}

describe('Lock keeps the session: the same PIN on the same register resumes it', () => {
  it('returns 200 with the same session and no new cookie or session row', async ({
    admin,
    caraOnRegister: register,
  }) => {
    const [before] = await sessionsOf(admin, register);
    const cookie = register.client.cookie;
    const again = await register.pinLogin(CARA_PIN);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ kind: 'register', user: { username: 'cara' } });
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(register.client.cookie).toBe(cookie);
    expect(await sessionsOf(admin, register)).toEqual([{ user: 'Cara', active: true, id: before?.id }]);
    expect((await register.client.get('/api/auth/session')).status).toBe(200);
  });

  it('returns 200 without the admin access a password step-up gave: a PIN alone never opens it', async ({
    adaOnRegister: register,
  }) => {
    const up = await register.client.post<SessionJSON>('/api/auth/step-up', {
      password: DEFAULT_SETUP.password,
    });
    expect(up.body.adminAccess).toBe(true);
    const resumed = await register.pinLogin(ADA_PIN);
    expect(resumed.status).toBe(200);
    expect(resumed.body.adminAccess).toBe(false);
    expect((await register.client.get('/api/users')).status).toBe(403);
  });

  it('returns 200 with a new session once the server ended the old one for going unused', async ({
    t,
    admin,
    caraOnRegister: register,
  }) => {
    // Unused for longer than "Lock after inactivity" (15 minutes) plus the minute of slack.
    t.clock.advance(17 * MINUTE);
    const again = await register.pinLogin(CARA_PIN);
    expect(again.status).toBe(200);
    expect(again.headers.get('set-cookie')).not.toBeNull();
    await admin.login('ada', DEFAULT_SETUP.password);
    const sessions = await sessionsOf(admin, register);
    expect(sessions.map(({ user, active }) => ({ user, active }))).toEqual([
      { user: 'Cara', active: true },
      { user: 'Cara', active: false },
    ]);
  });

  it('leaves the session alone at a wrong PIN', async ({ admin, caraOnRegister: register }) => {
    expect((await register.pinLogin('99999')).status).toBe(401);
    expect((await register.client.get('/api/auth/session')).status).toBe(200);
    expect((await sessionsOf(admin, register)).map((s) => s.active)).toEqual([true]);
  });
});

describe("another person's PIN on a locked register", () => {
  it('returns 200 to them, ends the session before theirs and audits session.switched_user', async ({
    t,
    admin,
    cara,
    dave,
    caraOnRegister: register,
  }) => {
    const caraCookie = register.client.cookie;
    t.clock.advance(1000);
    const login = await register.pinLogin(DAVE_PIN);
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(dave.id);
    expect(register.client.cookie).not.toBe(caraCookie);
    const sessions = await sessionsOf(admin, register);
    expect(sessions.map(({ user, active }) => ({ user, active }))).toEqual([
      { user: 'Dave', active: true },
      { user: 'Cara', active: false },
    ]);
    const events = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'target_user_id', 'device_id'])
      .where('type', '=', 'session.switched_user')
      .execute();
    expect(events).toEqual([{ actor_user_id: dave.id, target_user_id: cara.id, device_id: register.id }]);
  });

  it('ends only the session of the browser it is typed in, never one on another register', async ({
    t,
    admin,
    dave: _dave,
    caraOnRegister: register,
  }) => {
    const other = await TestDevice.create(t);
    expect((await other.approveWith(admin, 'Till 2')).status).toBe(201);
    expect((await other.pinLogin(DAVE_PIN)).status).toBe(200);
    expect((await register.client.get('/api/auth/session')).status).toBe(200);
    expect((await sessionsOf(admin, register)).map((s) => s.active)).toEqual([true]);
  });
});

describe('what the device state tells a register', () => {
  it("returns the organisation's and the device's names to an approved device, for its PIN screen", async ({
    device,
  }) => {
    const state = await device.client.post<DeviceStateJSON>('/api/devices/state', { deviceId: device.id });
    expect(state.body).toMatchObject({
      state: 'approved',
      pinLoginActive: true,
      locked: false,
      deviceName: 'Till 1',
      organisationName: 'Corner Shop',
    });
  });

  it('returns no names to an unknown or revoked device', async ({ t, admin, device }) => {
    const stranger = await TestDevice.create(t);
    const unknown = await stranger.client.post<DeviceStateJSON>('/api/devices/state', {
      deviceId: stranger.id,
    });
    expect(unknown.body).toMatchObject({ state: 'unknown', locked: false });
    expect(unknown.body.organisationName).toBeUndefined();
    expect((await admin.postCurrent(`/api/devices/${device.id}/revoke`)).status).toBe(200);
    const revoked = await device.client.post<DeviceStateJSON>('/api/devices/state', { deviceId: device.id });
    expect(revoked.body).toMatchObject({ state: 'revoked', locked: false });
    expect(revoked.body.deviceName).toBeUndefined();
    expect(revoked.body.organisationName).toBeUndefined();
  });
});
