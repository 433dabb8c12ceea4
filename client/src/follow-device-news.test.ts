import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionJSON } from '@tapin/shared';
import { apiError, fakeServer, type FakeRoute } from '../test/fake-server';
import { DeviceState } from './device/device-state.svelte';
import { followDeviceNews } from './follow-device-news';
import { LocalDb } from './lib/storage/local-db';
import { rememberOfflineVerifier } from './offline/offline-verifier';
import { lastServerTime } from './offline/server-time';
import { session } from './session/session.svelte';
import { loginNotice } from './session/login-notice.svelte';

const SERVER_TIME = '2026-01-05T09:00:00.000Z';
let db: LocalDb;
beforeEach(() => {
  db = new LocalDb(`news-${Math.random()}`);
});
afterEach(async () => {
  vi.unstubAllGlobals();
  session.set(null);
  loginNotice.pinLoginSwitchedOff = false;
  await db.delete();
});

const REGISTER_SESSION = {
  user: { id: 'user-cara-01', name: 'Cara', username: 'cara', role: 'cashier' },
  organisation: { id: 'org-00001', name: 'Shop' },
  kind: 'register',
  adminAccess: false,
  deviceId: 'd'.repeat(43),
  expiresAt: '2026-01-05T21:00:00.000Z',
  serverTime: SERVER_TIME,
} satisfies SessionJSON;

/** A device whose organisation switches PIN login off between two answers. */
async function switchedOff(sessionAnswer: FakeRoute): Promise<void> {
  let pinLoginActive = true;
  fakeServer({
    'POST /api/devices/state': () => [200, { state: 'approved', pinLoginActive, serverTime: SERVER_TIME }],
    'GET /api/auth/session': sessionAnswer,
  });
  const device = new DeviceState(db);
  followDeviceNews(device, db);
  await device.refresh();
  pinLoginActive = false;
  await device.refresh();
}

describe('followDeviceNews', () => {
  it('wipes offline access when the device turns out revoked, and keeps the cached session', async () => {
    await rememberOfflineVerifier('user-cara-01', '01234', db);
    await db.cache.bulkPut([
      { key: 'offlineRoster', value: 'token' },
      { key: 'session', value: { kept: true } },
    ]);
    fakeServer({
      'POST /api/devices/state': () => [
        200,
        { state: 'revoked', pinLoginActive: false, serverTime: SERVER_TIME },
      ],
    });
    const device = new DeviceState(db);
    followDeviceNews(device, db);
    await device.refresh();
    expect(await db.verifiers.count()).toBe(0);
    expect(await db.cache.get('offlineRoster')).toBeUndefined();
    expect(await db.cache.get('session')).toBeDefined();
    expect(await lastServerTime(db)).toBe(Date.parse(SERVER_TIME));
  });

  it('keeps offline access on an approved device', async () => {
    await rememberOfflineVerifier('user-cara-01', '01234', db);
    fakeServer({
      'POST /api/devices/state': () => [
        200,
        { state: 'approved', pinLoginActive: true, serverTime: SERVER_TIME },
      ],
    });
    const device = new DeviceState(db);
    followDeviceNews(device, db);
    await device.refresh();
    expect(await db.verifiers.count()).toBe(1);
  });

  it('ends the register at once when PIN login is switched off, and says why', async () => {
    session.set(REGISTER_SESSION);
    await switchedOff(() => [401, apiError('unauthenticated', 'Log in first')]);
    expect(session.active).toBeNull();
    expect(loginNotice.text).toBe('Log in with PIN code was switched off by an admin');
  });

  it('says nothing to a session the server keeps, such as the admin who switched it off', async () => {
    const admin = { ...REGISTER_SESSION, user: { ...REGISTER_SESSION.user, role: 'admin' as const } };
    session.set(admin);
    await switchedOff(() => [200, { ...admin, adminAccess: true }]);
    expect(session.active?.user.role).toBe('admin');
    expect(loginNotice.text).toBeNull();
  });
});
