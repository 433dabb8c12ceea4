import { base64url } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDb } from '../lib/storage/local-db';
import { OFFLINE_FAILURE_LIMIT } from './offline-policy';
import { offlineLogin, resetOfflineFailures } from './offline-login';
import { wipeOfflineAccess } from './wipe-offline-access';
import { checkRoster } from './check-roster';
import { storeRoster, storeSigningKey } from './offline-roster';
import { rememberOfflineVerifier } from './offline-verifier';
import { noteServerTime } from './server-time';
import { rosterSigner } from '../../test/roster-signer';

const DEVICE = 'd'.repeat(43);
const NOW = Date.UTC(2026, 5, 1, 9, 0, 0);
const cara = { id: 'user-cara-01', name: 'Cara', role: 'cashier' as const, until: NOW + 12 * 60 * 60_000 };

let db: LocalDb;
let signer: Awaited<ReturnType<typeof rosterSigner>>;

beforeEach(async () => {
  db = new LocalDb(`offline-${Math.random()}`);
  signer = await rosterSigner();
  await storeSigningKey(signer.publicJwk, db);
  await storeRoster(await signer.sign(DEVICE, NOW, [cara]), db);
  await noteServerTime(NOW, db);
  await rememberOfflineVerifier(cara.id, '01234', db);
});
afterEach(async () => {
  await db.delete();
});

describe('offline PIN login', () => {
  it('lets a user in the signed roster log in with the PIN they last used online', async () => {
    const res = await offlineLogin('01234', { deviceId: DEVICE, now: NOW + 60_000, db });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.user.name).toBe('Cara');
    expect(await db.offlineQueue.count()).toBe(1);
  });

  it('refuses a roster whose payload was tampered with', async () => {
    const token = await signer.sign(DEVICE, NOW, [cara]);
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(p))) as {
      users: { until: number }[];
    };
    claims.users[0]!.until = NOW + 365 * 24 * 60 * 60_000;
    const forged = base64url.encode(JSON.stringify(claims));
    await storeRoster(`${h}.${forged}.${s}`, db);
    expect(await checkRoster(DEVICE, NOW, db)).toEqual({ ok: false, problem: 'invalid' });
    const res = await offlineLogin('01234', { deviceId: DEVICE, now: NOW, db });
    expect(res).toMatchObject({ ok: false, reason: 'unavailable' });
  });

  it('refuses a roster signed by another key, and one made for another device', async () => {
    const other = await rosterSigner();
    await storeRoster(await other.sign(DEVICE, NOW, [cara]), db);
    expect((await checkRoster(DEVICE, NOW, db)).ok).toBe(false);
    await storeRoster(await signer.sign('e'.repeat(43), NOW, [cara]), db);
    expect((await checkRoster(DEVICE, NOW, db)).ok).toBe(false);
  });

  it('refuses an expired roster', async () => {
    await storeRoster(await signer.sign(DEVICE, NOW, [cara], NOW + 60_000), db);
    expect(await checkRoster(DEVICE, NOW + 2 * 60_000, db)).toEqual({ ok: false, problem: 'expired' });
    const res = await offlineLogin('01234', { deviceId: DEVICE, now: NOW + 2 * 60_000, db });
    expect(res).toMatchObject({ ok: false, reason: 'unavailable' });
  });

  it("refuses a user whose own grace period ran out though the roster hasn't", async () => {
    const shortCara = { ...cara, until: NOW + 60_000 };
    await storeRoster(await signer.sign(DEVICE, NOW, [shortCara]), db);
    const res = await offlineLogin('01234', { deviceId: DEVICE, now: NOW + 2 * 60_000, db });
    expect(res).toMatchObject({ ok: false, reason: 'not-allowed' });
  });

  it('refuses when the device clock is behind the last server time it saw', async () => {
    await noteServerTime(NOW + 60 * 60_000, db);
    const res = await offlineLogin('01234', { deviceId: DEVICE, now: NOW + 30 * 60_000, db });
    expect(res).toMatchObject({ ok: false, reason: 'clock-behind' });
    expect(await db.offlineQueue.count()).toBe(0);
  });

  it('refuses a user who never logged in online on this device, saying why', async () => {
    const res = await offlineLogin('99999', { deviceId: DEVICE, now: NOW, db });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.reason).toBe('not-allowed');
    expect(res.message).toMatch(/logged in on this device recently/);
  });

  it(`switches offline login off after ${OFFLINE_FAILURE_LIMIT} wrong PINs, even for the right one`, async () => {
    for (let i = 0; i < OFFLINE_FAILURE_LIMIT; i++) {
      expect((await offlineLogin(String(90000 + i), { deviceId: DEVICE, now: NOW, db })).ok).toBe(false);
    }
    const res = await offlineLogin('01234', { deviceId: DEVICE, now: NOW, db });
    expect(res).toMatchObject({ ok: false, reason: 'locked-out' });
    await resetOfflineFailures(db);
    expect((await offlineLogin('01234', { deviceId: DEVICE, now: NOW, db })).ok).toBe(true);
  });

  it('stores no PIN: only a verifier that differs from every plain encoding of it', async () => {
    const stored = await db.verifiers.toArray();
    expect(stored).toHaveLength(1);
    const text = JSON.stringify(stored);
    expect(text).not.toContain('01234');
    expect(stored[0]?.verifier).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('refuses everyone after the offline access was wiped', async () => {
    await wipeOfflineAccess(db);
    expect(await db.verifiers.count()).toBe(0);
    const res = await offlineLogin('01234', { deviceId: DEVICE, now: NOW, db });
    expect(res).toMatchObject({ ok: false, reason: 'unavailable' });
  });

  it('resumes the session a locked register holds for the same person, queueing nothing', async () => {
    const res = await offlineLogin('01234', { deviceId: DEVICE, now: NOW, db, resumeUserId: cara.id });
    expect(res).toMatchObject({ ok: true, resumed: true, user: { id: cara.id } });
    expect(await db.offlineQueue.count()).toBe(0);
    // Someone else locked it: the same PIN is an offline login of its own.
    const other = await offlineLogin('01234', {
      deviceId: DEVICE,
      now: NOW,
      db,
      resumeUserId: 'user-dave-01',
    });
    expect(other).toMatchObject({ ok: true, user: { id: cara.id } });
    expect('resumed' in other).toBe(false);
    expect(await db.offlineQueue.count()).toBe(1);
  });

  it('counts a wrong PIN at a locked register like any other', async () => {
    const res = await offlineLogin('99999', { deviceId: DEVICE, now: NOW, db, resumeUserId: cara.id });
    expect(res).toMatchObject({ ok: false, reason: 'not-allowed' });
  });
});
