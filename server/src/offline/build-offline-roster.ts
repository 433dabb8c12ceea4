import type { Kysely } from 'kysely';
import { SignJWT, type JWK } from 'jose';
import { LOGIN_METHODS, allowsPin, type OfflineRosterClaims } from '@tapin/shared';
import type { DB, Organisation } from '../db/schema.js';
import { recentPinLoginsOnDevice } from './offline-session-repository.js';
import { recordOfflineGrants } from './record-offline-grants.js';
import { signingKey } from './signing-key.js';

/**
 * Signs the list of users who may log in offline on this device: those who logged in online here
 * within the organisation's grace period and may still log in by PIN. A grace period of 0 gives
 * an empty list, which turns offline login off. What the roster allows is recorded before it is
 * signed, so that the device's later upload of offline sessions can be held against it.
 */
export async function buildOfflineRoster(
  db: Kysely<DB>,
  opts: { organisation: Organisation; deviceId: string; signingJwk: JWK; now: number },
): Promise<string> {
  const { organisation, deviceId, now } = opts;
  const graceMs = organisation.offline_grace_minutes * 60_000;
  const rows =
    graceMs === 0
      ? []
      : await recentPinLoginsOnDevice(db, {
          organisationId: organisation.id,
          deviceId,
          since: now - graceMs,
          pinMethods: LOGIN_METHODS.filter(allowsPin),
        });
  const users = rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    until: Number(r.last_login) + graceMs,
  }));
  await recordOfflineGrants(db, { deviceId, users, now });
  // An empty roster stays verifiable for a little while, so the register can tell "nobody" from "broken".
  const exp = Math.floor(Math.max(now + 5 * 60_000, ...users.map((u) => u.until)) / 1000);
  const claims: Omit<OfflineRosterClaims, 'iss' | 'aud' | 'sub' | 'iat' | 'exp'> = {
    org: organisation.id,
    serverTime: now,
    idleLockMinutes: organisation.idle_lock_minutes,
    users,
  };
  const key = await signingKey(opts.signingJwk);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.publicJwk.kid })
    .setIssuer('tapin')
    .setAudience('tapin:offline-roster')
    .setSubject(deviceId)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(exp)
    .sign(key.privateKey);
}
