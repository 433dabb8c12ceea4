import { OfflineRosterClaims } from '@tapin/shared';
import { verifyEs256 } from '../lib/crypto/es256-verify';
import { localDb, type LocalDb } from '../lib/storage/local-db';
import { storedRoster } from './offline-roster';

const ISSUER = 'tapin';
const AUDIENCE = 'tapin:offline-roster';

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
  const stored = await storedRoster(db);
  if (!stored) return { ok: false, problem: 'missing' };
  // The signature first: nothing in a payload is read before it is known to be the server's.
  const payload = await verifyEs256(stored.token, stored.jwk);
  if (!payload) return { ok: false, problem: 'invalid' };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  const parsed = OfflineRosterClaims.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'invalid' };
  const claims = parsed.data;
  // Made by this server for offline login on this very device.
  if (claims.iss !== ISSUER || claims.aud !== AUDIENCE || claims.sub !== deviceId) {
    return { ok: false, problem: 'invalid' };
  }
  // `exp` is in seconds, and it is over once the device clock reaches it (no tolerance), as jose
  // counts it: a stretched clock is the clock check's business, not this one's.
  if (claims.exp <= Math.floor(now / 1000)) return { ok: false, problem: 'expired' };
  return { ok: true, claims };
}
