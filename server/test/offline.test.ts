import { randomBytes } from 'node:crypto';
import { importJWK, jwtVerify } from 'jose';
import { describe, expect } from 'vitest';
import {
  OfflineRosterClaims,
  type DeviceDetailsJSON,
  type OfflineRosterJSON,
  type OfflineSessionEntry,
  type OfflineUploadResultJSON,
  type SigningKeyJSON,
} from '@tapin/shared';
import { CARA_PIN, test as base } from './support/fixtures.js';
import type { TestApp } from './support/test-app.js';
import type { TestClient } from './support/test-client.js';
import type { TestDevice } from './support/test-device.js';
import { createUser } from './support/users.js';

/** Every test here runs on Ada's approved register, with Cara as its "PIN only" cashier. */
const it = base.extend('caraId', { auto: true }, async ({ cara }) => cara.id);

async function verifiedRoster(t: TestApp, client: TestClient) {
  const res = await client.get<OfflineRosterJSON>('/api/offline/roster');
  expect(res.status).toBe(200);
  const { body } = await client.get<SigningKeyJSON>('/api/offline/signing-key');
  const key = await importJWK({ ...body.jwk, alg: 'ES256' });
  const { payload } = await jwtVerify(res.body.roster, key, {
    issuer: 'tapin',
    audience: 'tapin:offline-roster',
    currentDate: new Date(t.clock.now()),
  });
  return OfflineRosterClaims.parse(payload);
}

async function upload(d: TestDevice, entries: OfflineSessionEntry[]) {
  const challenge = await d.client.post<{ challenge: string }>('/api/devices/challenge', {
    deviceId: d.id,
    purpose: 'offline-upload',
  });
  const proof = await d.sign({
    purpose: 'tapin:offline-upload',
    challenge: challenge.body.challenge,
    deviceId: d.id,
    entries,
  });
  return d.client.post<OfflineUploadResultJSON>('/api/offline/upload', { deviceId: d.id, proof });
}

function entry(userId: string, loginAt: number, logoutAt: number | null = null): OfflineSessionEntry {
  return {
    idempotencyKey: randomBytes(16).toString('base64url'),
    userId,
    loginAt: new Date(loginAt).toISOString(),
    logoutAt: logoutAt === null ? null : new Date(logoutAt).toISOString(),
  };
}

describe('offline roster', () => {
  it('returns 200 with a signed roster naming users who logged in online on this device within the grace period', async ({
    t,
    device,
    caraId,
  }) => {
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    const roster = await verifiedRoster(t, device.client);
    expect(roster.sub).toBe(device.id);
    expect(roster.users.map((u) => u.id)).toEqual([caraId]);
    expect(roster.users[0]?.until).toBe(t.clock.now() + 12 * 60 * 60_000);
    expect(roster.idleLockMinutes).toBe(15);
    expect(roster.serverTime).toBe(t.clock.now());
  });

  it('returns 200 with an empty roster when the grace period is 0', async ({ t, admin, device }) => {
    await admin.patch('/api/organisation/pin-login', { offlineGraceMinutes: 0 });
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    expect((await verifiedRoster(t, device.client)).users).toEqual([]);
  });

  it('returns 200 with a roster that leaves out users whose last login here is older than the grace period, or who lost PIN login', async ({
    t,
    admin,
    device,
    caraId,
  }) => {
    await admin.patch('/api/organisation/pin-login', { offlineGraceMinutes: 60 });
    await device.pinLogin(CARA_PIN);
    const dan = await admin.post<{ user: { id: string } }>('/api/users', {
      name: 'Dan',
      username: 'dan',
      role: 'cashier',
      loginMethod: 'password_and_pin',
      pin: '22222',
      password: 'a long password',
    });
    t.clock.advance(61 * 60_000);
    await admin.login('ada', 'correct horse battery');
    await device.pinLogin('22222');
    expect((await verifiedRoster(t, device.client)).users.map((u) => u.id)).toEqual([dan.body.user.id]);
    await admin.patch(`/api/users/${dan.body.user.id}`, { loginMethod: 'password' });
    await device.pinLogin(CARA_PIN);
    expect((await verifiedRoster(t, device.client)).users.map((u) => u.id)).toEqual([caraId]);
  });

  it('returns 403 for a web session, which belongs to no device', async ({ admin }) => {
    expect((await admin.get('/api/offline/roster')).status).toBe(403);
  });
});

describe('offline upload', () => {
  it('returns 200 and applies an upload exactly once, however often it is sent', async ({
    t,
    admin,
    device,
    caraId,
  }) => {
    const entries = [
      entry(caraId, t.clock.now() - 60_000, t.clock.now() - 30_000),
      entry(caraId, t.clock.now() - 10_000),
    ];
    const first = await upload(device, entries);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ applied: 2, duplicates: 0, rejected: 0 });
    const again = await upload(device, entries);
    expect(again.body).toEqual({ applied: 0, duplicates: 2, rejected: 0 });
    const details = await admin.get<DeviceDetailsJSON>(`/api/devices/${device.id}`);
    expect(details.body.sessions).toHaveLength(2);
    expect(details.body.sessions.every((s) => s.offline)).toBe(true);
    expect(details.body.sessions[0]?.loginAt).toBe(entries[1]?.loginAt);
  });

  it('returns 200 and records a later logout of an uploaded offline session once', async ({
    t,
    admin,
    device,
    caraId,
  }) => {
    const open = entry(caraId, t.clock.now() - 60_000);
    await upload(device, [open]);
    const closed = { ...open, logoutAt: new Date(t.clock.now() - 1000).toISOString() };
    expect((await upload(device, [closed])).body).toEqual({ applied: 1, duplicates: 0, rejected: 0 });
    expect((await upload(device, [closed])).body).toEqual({ applied: 0, duplicates: 1, rejected: 0 });
    const details = await admin.get<DeviceDetailsJSON>(`/api/devices/${device.id}`);
    expect(details.body.sessions[0]?.active).toBe(false);
  });

  it('returns 200 with entries for unknown users and for times from the future rejected', async ({
    t,
    device,
    caraId,
  }) => {
    const res = await upload(device, [
      entry('nosuchuser123', t.clock.now() - 1000),
      entry(caraId, t.clock.now() + 60 * 60_000),
    ]);
    expect(res.body).toEqual({ applied: 0, duplicates: 0, rejected: 2 });
  });

  it('returns 200 with the entry rejected for a user of another organisation, and records no session', async ({
    t,
    admin,
    device,
    bakery,
    caraId,
  }) => {
    const bob = await createUser(bakery, { username: 'bob', loginMethod: 'pin_only', pin: '77777' });
    const res = await upload(device, [
      entry(bob.id, t.clock.now() - 1000),
      entry(caraId, t.clock.now() - 1000),
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ applied: 1, duplicates: 0, rejected: 1 });
    const details = await admin.get<DeviceDetailsJSON>(`/api/devices/${device.id}`);
    expect(details.body.sessions.map((s) => s.user?.id)).toEqual([caraId]);
  });

  it('returns 403 for a replayed upload proof', async ({ t, device, caraId }) => {
    const challenge = await device.client.post<{ challenge: string }>('/api/devices/challenge', {
      deviceId: device.id,
      purpose: 'offline-upload',
    });
    const proof = await device.sign({
      purpose: 'tapin:offline-upload',
      challenge: challenge.body.challenge,
      deviceId: device.id,
      entries: [entry(caraId, t.clock.now() - 1000)],
    });
    expect((await device.client.post('/api/offline/upload', { deviceId: device.id, proof })).status).toBe(
      200,
    );
    const replay = await device.client.post('/api/offline/upload', { deviceId: device.id, proof });
    expect(replay.status).toBe(403);
    expect(replay.body).toMatchObject({ error: { code: 'offline_upload_refused' } });
  });

  it('returns 403 for a PIN login challenge used for an upload', async ({ t, device, caraId }) => {
    const challenge = await device.challenge();
    const proof = await device.sign({
      purpose: 'tapin:offline-upload',
      challenge,
      deviceId: device.id,
      entries: [entry(caraId, t.clock.now() - 1000)],
    });
    expect((await device.client.post('/api/offline/upload', { deviceId: device.id, proof })).status).toBe(
      403,
    );
  });

  it('returns 403 and audits uploads from a revoked or a deleted device', async ({
    t,
    admin,
    device,
    caraId,
  }) => {
    await admin.post(`/api/devices/${device.id}/revoke`);
    const revoked = await upload(device, [entry(caraId, t.clock.now() - 1000)]);
    expect(revoked.status).toBe(403);
    await admin.delete(`/api/devices/${device.id}`);
    const deleted = await upload(device, [entry(caraId, t.clock.now() - 1000)]);
    expect(deleted.status).toBe(403);
    const rows = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['type', 'detail'])
      .where('type', '=', 'offline.upload_refused')
      .execute();
    expect(rows.map((r) => JSON.parse(r.detail) as { reason: string })).toEqual(
      expect.arrayContaining([{ reason: 'revoked' }, { reason: 'deleted' }]),
    );
    const sessions = await t.deps.database.db
      .selectFrom('sessions')
      .select('id')
      .where('offline', '=', 1)
      .execute();
    expect(sessions).toHaveLength(0);
  });
});
