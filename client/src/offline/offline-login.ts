import type { OfflineRosterClaims } from '@tapin/shared';
import { m } from '../paraglide/messages.js';
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

/** Each refusal's words, in the language on screen at the moment it is refused. */
const MESSAGES: Record<OfflineRefusal, () => string> = {
  unavailable: m.offline_login_unavailable,
  'clock-behind': m.offline_login_clock_behind,
  'locked-out': m.offline_login_locked_out,
  'not-allowed': m.offline_login_not_allowed,
};

const refuse = (reason: OfflineRefusal): OfflineLoginResult => ({
  ok: false,
  reason,
  message: MESSAGES[reason](),
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
