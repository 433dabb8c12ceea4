import type { SessionJSON } from '@tapin/shared';
import { ApiClientError } from '../lib/api/api-error';
import { loadPart } from '../lib/load-part';
import { session } from '../session/session.svelte';
import { logInWithPin } from './log-in-with-pin';

/** Offline login and the preparation for it: fetched after the PIN pad is up, when first needed. */
const offlinePart = () => loadPart(() => import('../offline/offline-pin-login'));

/**
 * A PIN typed on the register: online when the server answers, else offline for people who
 * logged in here recently. On a locked register the same person's PIN resumes their session and
 * anyone else's replaces it. Throws what the PIN login screen shows.
 */
export async function pinLogin(pin: string): Promise<void> {
  let online: SessionJSON;
  try {
    online = await logInWithPin(pin);
  } catch (err) {
    if (!(err instanceof ApiClientError && err.offline)) throw err;
    const locked = session.locked ? session.active : null;
    await (
      await offlinePart()
    ).offlinePinLogin(pin, locked ? { lockedOn: locked.user.id, endLocked: () => session.logout() } : {});
    session.unlock();
    return;
  }
  await session.pinLoggedIn(online);
  void prepareForOffline(online, pin);
}

/** Readies the register for the next outage; best effort, the next online login tries again. */
async function prepareForOffline(s: SessionJSON, pin: string): Promise<void> {
  try {
    await (await offlinePart()).prepareForOffline(s, pin);
  } catch {
    // Offline login then simply stays unavailable for this person until their next online login.
  }
}
