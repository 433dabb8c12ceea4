import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OfflineRosterJSON, SessionJSON, SigningKeyJSON } from '@tapin/shared';
import { createTestApp, type TestApp } from '../../server/test/support/test-app';
import { TestClient, setUpOrganisation } from '../../server/test/support/test-client';
import { deviceIdentity } from '../src/device/device-identity';
import { signDeviceProof } from '../src/device/sign-device-proof';
import { base64urlEncode } from '../src/lib/crypto/es256-jws';
import { base64urlDecode } from '../src/lib/crypto/es256-verify';
import { LocalDb, type DeviceKeyRecord } from '../src/lib/storage/local-db';
import { checkRoster } from '../src/offline/check-roster';
import { approveRegister } from './approve-register';
import { storeRoster, storeSigningKey } from '../src/offline/offline-roster';

// The register's WebCrypto JWS code against the real server app (in memory): its device proof
// must pass the server's jose check, and the roster the server signs with jose must pass its own.
let t: TestApp;
let register: TestClient;
let db: LocalDb;
let key: DeviceKeyRecord;
let roster: string;
let signingKey: SigningKeyJSON['jwk'];
let caraId: string;

beforeEach(async () => {
  t = await createTestApp();
  const admin = await setUpOrganisation(t);
  db = new LocalDb(`roster-${Math.random()}`);
  key = await deviceIdentity(db);
  await admin.postCurrent('/api/organisation/pin-login/activate', {});
  await approveRegister(admin, key);
  const cara = await admin.post<{ user: { id: string } }>('/api/users', {
    name: 'Cara',
    username: 'cara',
    role: 'cashier',
    loginMethod: 'pin_only',
    pin: '01234',
  });
  caraId = cara.body.user.id;

  // A PIN login with the register's own proof, then the roster, as the register fetches them.
  register = new TestClient(t);
  const { body } = await register.post<{ challenge: string }>('/api/devices/challenge', {
    deviceId: key.deviceId,
  });
  const proof = await signDeviceProof(key, {
    purpose: 'tapin:pin-login',
    challenge: body.challenge,
    deviceId: key.deviceId,
  });
  const login = await register.post<SessionJSON>('/api/pin-login', {
    deviceId: key.deviceId,
    pin: '01234',
    proof,
  });
  expect(login.status).toBe(200);
  roster = (await register.get<OfflineRosterJSON>('/api/offline/roster')).body.roster;
  signingKey = (await register.get<SigningKeyJSON>('/api/offline/signing-key')).body.jwk;
  await storeSigningKey(signingKey, db);
  await storeRoster(roster, db);
});
afterEach(async () => {
  await db.delete();
  await t.close();
});

/** The roster with its parts replaced, as someone editing the device's storage would. */
function edited(parts: {
  header?: object;
  claims?: (c: Record<string, unknown>) => void;
  signature?: string;
}) {
  const [h, p, s] = roster.split('.') as [string, string, string];
  const claims = JSON.parse(new TextDecoder().decode(base64urlDecode(p))) as Record<string, unknown>;
  parts.claims?.(claims);
  return [
    parts.header ? base64urlEncode(JSON.stringify(parts.header)) : h,
    parts.claims ? base64urlEncode(JSON.stringify(claims)) : p,
    parts.signature ?? s,
  ].join('.');
}

describe('checkRoster with a roster signed by the server', () => {
  it('accepts it for this device, with the user who just logged in by PIN', async () => {
    const res = await checkRoster(key.deviceId, t.clock.now(), db);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.claims.users).toEqual([
      expect.objectContaining({ id: caraId, name: 'Cara', role: 'cashier' }),
    ]);
    expect(res.claims.sub).toBe(key.deviceId);
  });

  it('refuses it for another device', async () => {
    expect(await checkRoster('e'.repeat(43), t.clock.now(), db)).toEqual({ ok: false, problem: 'invalid' });
  });

  it('refuses it once expired by the device clock, from the very second of its exp', async () => {
    const res = await checkRoster(key.deviceId, t.clock.now(), db);
    if (!res.ok) throw new Error('the roster did not verify');
    const exp = res.claims.exp * 1000;
    expect((await checkRoster(key.deviceId, exp - 1, db)).ok).toBe(true);
    expect(await checkRoster(key.deviceId, exp, db)).toEqual({ ok: false, problem: 'expired' });
  });

  it('refuses a changed payload, a changed signature and a changed algorithm', async () => {
    const forged = [
      edited({ claims: (c) => (c.exp = Number(c.exp) + 365 * 24 * 3600) }),
      edited({ claims: (c) => (c.sub = 'e'.repeat(43)) }),
      edited({ signature: base64urlEncode(new Uint8Array(64)) }),
      edited({ signature: roster.split('.')[2]?.slice(0, -2) }),
      edited({ header: { alg: 'none' }, signature: '' }),
      edited({ header: { alg: 'ES256', crit: ['exp'], exp: 0 } }),
      `${roster}.`,
      'not a roster',
    ];
    for (const token of forged) {
      await storeRoster(token, db);
      expect(await checkRoster(key.deviceId, t.clock.now(), db)).toEqual({ ok: false, problem: 'invalid' });
    }
  });

  it("refuses it with another key than the server's, and says what is missing", async () => {
    const other = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', other.publicKey);
    await storeSigningKey({ ...signingKey, x: jwk.x ?? '', y: jwk.y ?? '' }, db);
    expect(await checkRoster(key.deviceId, t.clock.now(), db)).toEqual({ ok: false, problem: 'invalid' });
    await db.cache.clear();
    expect(await checkRoster(key.deviceId, t.clock.now(), db)).toEqual({ ok: false, problem: 'missing' });
  });
});
