import { compactVerify, calculateJwkThumbprint, importJWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalDb } from '../lib/storage/local-db';
import { deviceIdentity } from './device-identity';
import { signDeviceProof } from './sign-device-proof';

let db: LocalDb;
afterEach(async () => {
  await db.delete();
});

describe('device identity', () => {
  it('creates one non-extractable key and returns the same one afterwards', async () => {
    db = new LocalDb(`test-${Math.random()}`);
    const first = await deviceIdentity(db);
    const again = await deviceIdentity(db);
    expect(again.deviceId).toBe(first.deviceId);
    expect(first.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', first.privateKey)).rejects.toThrow();
    expect(first.deviceId).toBe(await calculateJwkThumbprint(first.publicJwk, 'sha256'));
  });

  it('keeps a single identity when two callers race to create it', async () => {
    db = new LocalDb(`test-${Math.random()}`);
    const [a, b] = await Promise.all([deviceIdentity(db), deviceIdentity(db)]);
    expect(a.deviceId).toBe(b.deviceId);
    expect(await db.deviceKeys.count()).toBe(1);
  });

  it('signs a PIN login proof that verifies with the public key', async () => {
    db = new LocalDb(`test-${Math.random()}`);
    const key = await deviceIdentity(db);
    const jws = await signDeviceProof(key, {
      purpose: 'tapin:pin-login',
      challenge: 'challenge-123',
      deviceId: key.deviceId,
    });
    const { payload } = await compactVerify(jws, await importJWK({ ...key.publicJwk, alg: 'ES256' }));
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({
      purpose: 'tapin:pin-login',
      challenge: 'challenge-123',
      deviceId: key.deviceId,
    });
  });
});
