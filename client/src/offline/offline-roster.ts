import { importJWK, jwtVerify } from 'jose';
import { OfflineRosterClaims, type SigningKeyJSON } from '@tapin/shared';
import { localDb, type LocalDb } from '../lib/storage/local-db';

const ROSTER = 'offlineRoster';
const SIGNING_KEY = 'signingKey';

export async function storeSigningKey(key: SigningKeyJSON['jwk'], db: LocalDb = localDb): Promise<void> {
  await db.cache.put({ key: SIGNING_KEY, value: key });
}

export async function storeRoster(token: string, db: LocalDb = localDb): Promise<void> {
  await db.cache.put({ key: ROSTER, value: token });
}

/** The roster and the key that checks it; without them nobody can log in offline here. */
export async function forgetRoster(db: LocalDb = localDb): Promise<void> {
  await db.cache.bulkDelete([ROSTER, SIGNING_KEY]);
}

export type RosterCheck =
  { ok: true; claims: OfflineRosterClaims } | { ok: false; problem: 'missing' | 'invalid' | 'expired' };

/**
 * The stored roster, only if the server's signature verifies, it was made for this device, and it
 * has not expired by the device clock. Anything tampered with is "invalid".
 */
export async function checkRoster(
  deviceId: string,
  now: number,
  db: LocalDb = localDb,
): Promise<RosterCheck> {
  const [token, jwk] = await Promise.all([db.cache.get(ROSTER), db.cache.get(SIGNING_KEY)]);
  if (typeof token?.value !== 'string' || !jwk) return { ok: false, problem: 'missing' };
  try {
    const key = await importJWK({ ...(jwk.value as SigningKeyJSON['jwk']), alg: 'ES256' }, 'ES256');
    const { payload } = await jwtVerify(token.value, key, {
      algorithms: ['ES256'],
      issuer: 'tapin',
      audience: 'tapin:offline-roster',
      subject: deviceId,
      currentDate: new Date(now),
      clockTolerance: 0,
    });
    const claims = OfflineRosterClaims.safeParse(payload);
    return claims.success ? { ok: true, claims: claims.data } : { ok: false, problem: 'invalid' };
  } catch (err) {
    const code = (err as { code?: string }).code;
    return { ok: false, problem: code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid' };
  }
}
