import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceDetailsJSON, OfflineUploadResultJSON } from '@tapin/shared';
import { createTestApp, type TestApp } from '../../server/test/support/test-app';
import { TestClient, setUpOrganisation } from '../../server/test/support/test-client';
import { deviceIdentity } from '../src/device/device-identity';
import { signDeviceProof } from '../src/device/sign-device-proof';
import { LocalDb, type DeviceKeyRecord } from '../src/lib/storage/local-db';
import { queueOfflineLogin, queueOfflineLogout } from '../src/offline/offline-queue';
import { uploadOfflineQueue, type UploadTransport } from '../src/offline/offline-upload';
import { approveRegister } from './approve-register';

// The register's upload code against the real server app (in memory), so "exactly once" is the
// server's own answer, not a stand-in's.
let t: TestApp;
let admin: TestClient;
let db: LocalDb;
let key: DeviceKeyRecord;
let userId: string;

function transport(): UploadTransport {
  return {
    async challenge(deviceId) {
      const res = await admin.post<{ challenge: string }>('/api/devices/challenge', {
        deviceId,
        purpose: 'offline-upload',
      });
      return res.body;
    },
    async upload(body) {
      const res = await admin.post<OfflineUploadResultJSON>('/api/offline/upload', body);
      if (res.status !== 200) throw new Error(`upload refused: ${res.status}`);
      return res.body;
    },
  };
}

async function deviceSessions(): Promise<DeviceDetailsJSON['sessions']> {
  const res = await admin.get<DeviceDetailsJSON>(`/api/devices/${key.deviceId}`);
  // The sessions uploaded after an outage, not Cara's online login that gave the register its roster.
  return res.body.sessions.filter((s) => s.offline);
}

beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpOrganisation(t);
  db = new LocalDb(`upload-${Math.random()}`);
  key = await deviceIdentity(db);
  await admin.postCurrent('/api/organisation/pin-login/activate', {});
  await approveRegister(admin, key);
  const res = await admin.post<{ user: { id: string } }>('/api/users', {
    name: 'Cara',
    username: 'cara',
    role: 'cashier',
    loginMethod: 'pin_only',
    pin: '01234',
  });
  userId = res.body.user.id;
  // Cara logs in on this register and it fetches its roster: what an upload is held against.
  const register = new TestClient(t);
  const { challenge } = (
    await register.post<{ challenge: string }>('/api/devices/challenge', { deviceId: key.deviceId })
  ).body;
  const proof = await signDeviceProof(key, { purpose: 'tapin:pin-login', challenge, deviceId: key.deviceId });
  expect(
    (await register.post('/api/pin-login', { deviceId: key.deviceId, pin: '01234', proof })).status,
  ).toBe(200);
  expect((await register.get('/api/offline/roster')).status).toBe(200);
  t.clock.advance(2 * 60_000);
});
afterEach(async () => {
  await db.delete();
  await t.close();
});

describe('offline queue upload', () => {
  it('creates one session when the same queue is uploaded twice', async () => {
    const entry = await queueOfflineLogin({ id: userId, name: 'Cara' }, t.clock.now() - 60_000, db);
    expect(await uploadOfflineQueue(key, transport(), db)).toBe(1);
    // Lose the confirmation, as if the reply never arrived, and upload again.
    await db.offlineQueue.update(entry.idempotencyKey, { uploaded: 0 });
    expect(await uploadOfflineQueue(key, transport(), db)).toBe(1);
    const sessions = await deviceSessions();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ offline: true, user: { name: 'Cara' } });
    expect(sessions[0]?.loginAt).toBe(new Date(entry.loginAt).toISOString());
  });

  it('sends a later logout of an uploaded session and then nothing more', async () => {
    const entry = await queueOfflineLogin({ id: userId, name: 'Cara' }, t.clock.now() - 60_000, db);
    await uploadOfflineQueue(key, transport(), db);
    await queueOfflineLogout(entry.idempotencyKey, t.clock.now() - 1_000, db);
    expect(await uploadOfflineQueue(key, transport(), db)).toBe(1);
    expect(await uploadOfflineQueue(key, transport(), db)).toBe(0);
    const sessions = await deviceSessions();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.active).toBe(false);
  });

  it('keeps the queue when the server refuses, so nothing is lost', async () => {
    await queueOfflineLogin({ id: userId, name: 'Cara' }, t.clock.now() - 60_000, db);
    await admin.postCurrent(`/api/devices/${key.deviceId}/revoke`);
    await expect(uploadOfflineQueue(key, transport(), db)).rejects.toThrow(/403/);
    expect(await db.offlineQueue.where('uploaded').equals(0).count()).toBe(1);
  });
});
