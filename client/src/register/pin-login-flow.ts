import type { SessionJSON } from '@tapin/shared';
import { deviceIdentity } from '../device/device-identity';
import { ApiClientError } from '../lib/api/api-error';
import { offlineLogin, resetOfflineFailures } from '../offline/offline-login';
import { openOfflineSession } from '../offline/offline-session';
import { offlineSync, refreshOfflineAccess } from '../offline/offline-sync';
import { rememberOfflineVerifier } from '../offline/offline-verifier';
import { noteServerTime } from '../offline/server-time';
import { session } from '../session/session.svelte';
import { logInWithPin } from './log-in-with-pin';

/**
 * A PIN typed on the register: online when the server answers, else offline for people who
 * logged in here recently. Throws what the PIN login screen shows.
 */
export async function pinLogin(pin: string): Promise<void> {
  let online: SessionJSON;
  try {
    online = await logInWithPin(pin);
  } catch (err) {
    if (err instanceof ApiClientError && err.offline) return offlinePinLogin(pin);
    throw err;
  }
  session.set(online);
  void prepareForOffline(online, pin);
}

/** Readies the register for the next outage; best effort, the next online login tries again. */
async function prepareForOffline(s: SessionJSON, pin: string): Promise<void> {
  try {
    await noteServerTime(s.serverTime);
    await resetOfflineFailures();
    await rememberOfflineVerifier(s.user.id, pin);
    await refreshOfflineAccess();
    offlineSync.now();
  } catch {
    // Offline login then simply stays unavailable for this person until their next online login.
  }
}

async function offlinePinLogin(pin: string): Promise<void> {
  const { deviceId } = await deviceIdentity();
  const now = Date.now();
  const result = await offlineLogin(pin, { deviceId, now });
  if (!result.ok) throw new ApiClientError('offline_login_refused', result.message, 0);
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
