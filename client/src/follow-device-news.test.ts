import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../test/fake-server';
import { DeviceState } from './device/device-state.svelte';
import { followDeviceNews } from './follow-device-news';
import { LocalDb } from './lib/storage/local-db';
import { rememberOfflineVerifier } from './offline/offline-verifier';
import { lastServerTime } from './offline/server-time';

const SERVER_TIME = '2026-01-05T09:00:00.000Z';
let db: LocalDb;
beforeEach(() => {
  db = new LocalDb(`news-${Math.random()}`);
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
});

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
});
