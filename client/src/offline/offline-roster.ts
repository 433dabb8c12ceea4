import type { SigningKeyJSON } from '@tapin/shared';
import { localDb, type LocalDb } from '../lib/storage/local-db';

const ROSTER = 'offlineRoster';
const SIGNING_KEY = 'signingKey';

export async function storeSigningKey(key: SigningKeyJSON['jwk'], db: LocalDb = localDb): Promise<void> {
  await db.cache.put({ key: SIGNING_KEY, value: key });
}

export async function storeRoster(token: string, db: LocalDb = localDb): Promise<void> {
  await db.cache.put({ key: ROSTER, value: token });
}

/** The roster and the key that checks it, as stored; `check-roster.ts` decides whether they hold. */
export async function storedRoster(
  db: LocalDb = localDb,
): Promise<{ token: string; jwk: SigningKeyJSON['jwk'] } | null> {
  const [token, jwk] = await Promise.all([db.cache.get(ROSTER), db.cache.get(SIGNING_KEY)]);
  if (typeof token?.value !== 'string' || !jwk) return null;
  return { token: token.value, jwk: jwk.value as SigningKeyJSON['jwk'] };
}

/** The roster and the key that checks it; without them nobody can log in offline here. */
export async function forgetRoster(db: LocalDb = localDb): Promise<void> {
  await db.cache.bulkDelete([ROSTER, SIGNING_KEY]);
}
