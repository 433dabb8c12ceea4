import { jwkThumbprint } from '../lib/crypto/es256-jws';
import { localDb, type DeviceKeyRecord, type LocalDb } from '../lib/storage/local-db';

/**
 * The device's identity: an ECDSA P-256 key pair made once with WebCrypto, `extractable: false`,
 * kept in IndexedDB. The private key never leaves the browser; the device ID is the thumbprint of
 * the public key, the same one the server computes.
 */
export async function deviceIdentity(db: LocalDb = localDb): Promise<DeviceKeyRecord> {
  const existing = await db.deviceKeys.get('device');
  if (existing) return existing;
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  if (!jwk.x || !jwk.y) throw new Error('WebCrypto returned an incomplete public key');
  const publicJwk = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } as const;
  const record: DeviceKeyRecord = {
    id: 'device',
    deviceId: await jwkThumbprint(publicJwk),
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicJwk,
    createdAt: Date.now(),
  };
  try {
    await db.deviceKeys.add(record);
    return record;
  } catch {
    // Another tab made the key first: use that one, so the device keeps a single identity.
    const winner = await db.deviceKeys.get('device');
    if (!winner) throw new Error('The device key could not be stored');
    return winner;
  }
}
