import type { OfflineRosterClaims } from '@tapin/shared';
import { localDb, type LocalDb, type OfflineQueueRecord } from '../lib/storage/local-db';
import { deletePreferences, readPreference, writePreference } from '../lib/storage/preferences';
import { OFFLINE_FAILURE_LIMIT } from './offline-policy';
import { checkRoster } from './check-roster';
import { deriveOfflineVerifier, findVerifiedUser } from './offline-verifier';
import { queueOfflineLogin } from './offline-queue';
import { clockIsBehind } from './server-time';

export type OfflineUser = OfflineRosterClaims['users'][number];

export type OfflineLoginResult =
  | {
      ok: true;
      user: OfflineUser;
      organisationId: string;
      entry: OfflineQueueRecord;
      idleLockMinutes: number;
    }
  /** The PIN of the person the register is locked on: their session goes on, nothing is queued. */
  | { ok: true; resumed: true; user: OfflineUser }
  | { ok: false; reason: OfflineRefusal; message: string };

export type OfflineRefusal = 'unavailable' | 'clock-behind' | 'locked-out' | 'not-allowed';

const MESSAGES: Record<OfflineRefusal, string> = {
  unavailable:
    "Offline login isn't available on this device right now. Log in again when the server can be reached.",
  'clock-behind':
    "This device's clock is behind the time it last saw from the server, so offline login is off.",
  'locked-out': 'Offline login is off after too many wrong PINs. It comes back at the next online login.',
  'not-allowed':
    "That PIN can't be used offline here. Offline login works only for people who logged in on this device recently while it was online.",
};

const refuse = (reason: OfflineRefusal): OfflineLoginResult => ({
  ok: false,
  reason,
  message: MESSAGES[reason],
});

/**
 * Offline PIN login, when the server cannot be reached. Allowed only for a user in the server-signed
 * roster whose grace period has not run out, whose verifier on this device matches, on a clock that
 * has not gone back, and while the local failure limit is not used up.
 */
export async function offlineLogin(
  pin: string,
  opts: { deviceId: string; now: number; db?: LocalDb; resumeUserId?: string },
): Promise<OfflineLoginResult> {
  const db = opts.db ?? localDb;
  const { now } = opts;
  const failures = (await readPreference('offlineFailures', db)) ?? 0;
  if (failures >= OFFLINE_FAILURE_LIMIT) return refuse('locked-out');
  if (await clockIsBehind(now, db)) return refuse('clock-behind');
  const roster = await checkRoster(opts.deviceId, now, db);
  if (!roster.ok) return refuse('unavailable');

  const userId = await findVerifiedUser(await deriveOfflineVerifier(pin, db), db);
  const user = roster.claims.users.find((u) => u.id === userId && u.until > now);
  if (!user) {
    const count = failures + 1;
    await writePreference('offlineFailures', count, db);
    return refuse(count >= OFFLINE_FAILURE_LIMIT ? 'locked-out' : 'not-allowed');
  }
  await deletePreferences(['offlineFailures'], db);
  if (user.id === opts.resumeUserId) return { ok: true, resumed: true, user };
  const entry = await queueOfflineLogin(user, now, db);
  return {
    ok: true,
    user,
    organisationId: roster.claims.org,
    entry,
    idleLockMinutes: roster.claims.idleLockMinutes,
  };
}

/** An online login proves the device is in order again: offline login may be tried afresh. */
export async function resetOfflineFailures(db: LocalDb = localDb): Promise<void> {
  await deletePreferences(['offlineFailures'], db);
}
