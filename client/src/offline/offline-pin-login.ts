import type { SessionJSON } from '@tapin/shared';
import { deviceIdentity } from '../device/device-identity';
import { ApiClientError } from '../lib/api/api-error';
import * as offlineApi from '../lib/api/offline-api';
import { offlineLogin, resetOfflineFailures } from './offline-login';
import { storeRoster, storeSigningKey } from './offline-roster';
import { openOfflineSession } from './offline-session';
import { offlineSync } from './offline-sync';
import { rememberOfflineVerifier } from './offline-verifier';
import { noteServerTime } from './server-time';

// The register's side of offline login: preparing for it after each online PIN login, and the
// login itself. A chunk of its own (see register/pin-login-flow.ts): the PIN pad does not need
// it to start, and the verifier's PBKDF2 and the roster check run only here.

/** Readies the register for the next outage after an online PIN login; throws what went wrong. */
export async function prepareForOffline(s: SessionJSON, pin: string): Promise<void> {
  await noteServerTime(s.serverTime);
  await resetOfflineFailures();
  await rememberOfflineVerifier(s.user.id, pin);
  await refreshOfflineAccess();
  offlineSync.now();
}

/**
 * Fetches the server's public key and the signed list of who may log in offline here, so the
 * register is ready for the next outage.
 */
async function refreshOfflineAccess(): Promise<void> {
  const [{ jwk }, { roster, serverTime }] = await Promise.all([offlineApi.signingKey(), offlineApi.roster()]);
  await storeSigningKey(jwk);
  await storeRoster(roster);
  await noteServerTime(serverTime);
}

/**
 * A PIN typed while the server can't be reached; throws the refusal the PIN login screen shows.
 * On a locked register, the PIN of `lockedOn` resumes their session; anyone else's first has
 * `endLocked` end it (reported to the server once it is back), then opens theirs.
 */
export async function offlinePinLogin(
  pin: string,
  lock: { lockedOn?: string; endLocked?: () => Promise<void> } = {},
): Promise<void> {
  const { deviceId } = await deviceIdentity();
  const now = Date.now();
  const result = await offlineLogin(pin, { deviceId, now, resumeUserId: lock.lockedOn });
  if (!result.ok) throw new ApiClientError('offline_login_refused', result.message, 0);
  if ('resumed' in result) return;
  await lock.endLocked?.();
  // The session store hears of it and shows the register.
  await openOfflineSession(
    {
      user: result.user,
      organisationId: result.organisationId,
      entryKey: result.entry.idempotencyKey,
      until: result.user.until,
    },
    now,
  );
}
