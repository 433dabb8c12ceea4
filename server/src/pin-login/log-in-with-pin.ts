import type { Kysely } from 'kysely';
import { PinLoginProofPayload, allowsPin } from '@tapin/shared';
import { recordAudit } from '../audit/record-audit.js';
import type { ActiveSession } from '../access/actor.js';
import type { DB, Device, Organisation, Session, User } from '../db/schema.js';
import { serialise } from '../db/serialise.js';
import { checkDeviceChallenge } from '../devices/device-challenges.js';
import {
  findDeviceWithOrganisation,
  recordPinFailure,
  settlePinAttempt,
} from '../devices/device-repository.js';
import { verifyDeviceProof } from '../devices/verify-device-proof.js';
import { findPinUser } from '../pins/find-pin-user.js';
import type { PinPeppers } from '../pins/pin-peppers.js';
import { countInWindow, peekWindow } from '../rate-limit/fixed-window.js';
import { resumeOrReplaceSession } from '../sessions/resume-or-replace.js';
import {
  LOCK_AFTER_FAILURES,
  ORG_FAILURES_ALLOWED,
  ORG_FAILURE_WINDOW_MS,
  delayAfterFailures,
} from './pin-login-throttle.js';

export type PinLoginResult =
  /** `token` is null when the login resumed the session the browser holds (see resumeOrReplaceSession). */
  | {
      ok: true;
      user: User;
      device: Device;
      organisation: Organisation;
      token: string | null;
      session: Session;
    }
  /**
   * Every refusal looks the same to the caller; `reason` is for tests and logs only. `counted`
   * (a wrong PIN, or a locked device) says how many wrong PINs are left before the lock and how
   * long the next attempt must wait; only the holder of the device key ever gets that far.
   */
  | {
      ok: false;
      kind: 'refused';
      reason: string;
      device: Device | null;
      counted?: { attemptsLeft: number; waitSeconds: number };
    }
  | { ok: false; kind: 'throttled'; retryAfterSeconds: number; device: Device; attemptsLeft?: number }
  /** The device itself signed a challenge it may no longer use: it retries with a new one. */
  | { ok: false; kind: 'stale_challenge'; device: Device };

export interface PinLoginAttempt {
  deviceId: string;
  pin: string;
  proof: string;
  ip: string | null;
  now: number;
  /** The session behind the browser's cookie, if any: the same person resumes it, anyone else ends it. */
  current?: ActiveSession | null;
}

class Retry extends Error {}
class OrgCeiling extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('organisation failure ceiling');
  }
}

/**
 * Where a PIN login is decided. The device proves it holds its key by signing a challenge the
 * server issued to it; only then is a PIN guess counted against it, and only then is the PIN
 * looked up. The challenge is spent, the guess checked and counted and the session opened in one
 * transaction that holds the device's row and the organisation's failure count, so no guess is
 * ever evaluated beyond the device's or the organisation's limit, however many arrive at once.
 */
export async function logInWithPin(
  db: Kysely<DB>,
  keys: { peppers: PinPeppers; challengeKey: Buffer },
  a: PinLoginAttempt,
): Promise<PinLoginResult> {
  // The device must exist and still be approved. Device and organisation come in one read.
  const found = await findDeviceWithOrganisation(db, a.deviceId);
  if (!found || found.device.revoked_at !== null) return refused('unknown or revoked device', null);
  const { device, organisation } = found;

  // It must prove possession of its key, over a challenge issued to it and not yet spent.
  const proof = verifyDeviceProof(device, a.proof, PinLoginProofPayload);
  if (proof === null) return refused('bad device proof', device);
  const issuedAt = checkDeviceChallenge(keys.challengeKey, device, 'pin-login', proof.challenge, a.now);
  if (issuedAt === null) return { ok: false, kind: 'stale_challenge', device };

  if (organisation.pin_login_active !== 1) return refused('PIN login inactive', device);
  // A locked device tries nothing, not even the right PIN.
  if (device.locked_at !== null) return refused('device locked', device, { attemptsLeft: 0, waitSeconds: 0 });
  // Growing delays between consecutive failures.
  const wait =
    device.last_failed_at === null
      ? 0
      : device.last_failed_at + delayAfterFailures(device.failed_attempts) - a.now;
  if (wait > 0)
    return throttled(Math.ceil(wait / 1000), device, LOCK_AFTER_FAILURES - device.failed_attempts);

  const orgKey = `pin-failures:${organisation.id}`;
  try {
    return await db.transaction().execute(async (trx): Promise<PinLoginResult> => {
      // First the compare-and-set that spends the challenge, written as if the PIN were right (the
      // common case, one write): of parallel attempts from this device only one gets past it, and
      // the others fail here at once. A wrong PIN rewrites the row before the commit, so no one
      // ever sees the optimistic values.
      const settled = await settlePinAttempt(
        trx,
        device.id,
        { failures: device.failed_attempts, challengeIssuedAt: issuedAt },
        a.now,
      );
      if (!settled) throw new Retry();

      // Holds the organisation's failure count until this guess is counted (SQLite runs one
      // transaction at a time anyway), so parallel guesses from many devices cannot pass it.
      await serialise(trx, orgKey);
      const orgFailures = await peekWindow(trx, orgKey, ORG_FAILURE_WINDOW_MS, a.now);
      if (orgFailures.count >= ORG_FAILURES_ALLOWED) throw new OrgCeiling(orgFailures.retryAfterSeconds);

      const user = await findPinUser(trx, keys.peppers, organisation.id, a.pin);
      if (user !== undefined && allowsPin(user.login_method)) {
        // The session row is the record of a successful login: no audit event to write as well. A
        // resumed session is the same login going on.
        const { token, session } = await resumeOrReplaceSession(trx, {
          current: a.current ?? null,
          organisationId: organisation.id,
          userId: user.id,
          deviceId: device.id,
          ip: a.ip,
          now: a.now,
        });
        const after = { failed_attempts: 0, last_failed_at: null, last_login_at: a.now };
        return { ok: true, user, organisation, token, session, device: spent(device, issuedAt, after) };
      }

      const failures = device.failed_attempts + 1;
      const lock = failures >= LOCK_AFTER_FAILURES;
      const after = {
        failed_attempts: failures,
        last_failed_at: a.now,
        last_login_at: device.last_login_at,
        locked_at: lock ? a.now : null,
      };
      await recordPinFailure(trx, device.id, after);
      await countInWindow(trx, orgKey, ORG_FAILURE_WINDOW_MS, a.now);
      const scope = { organisationId: organisation.id, actorUserId: null, ip: a.ip, now: a.now };
      const detail = { consecutiveFailures: failures };
      await recordAudit(trx, scope, { type: 'login.pin_failed', deviceId: device.id, detail });
      if (lock) {
        await recordAudit(trx, scope, {
          type: 'device.locked',
          deviceId: device.id,
          detail: { name: device.name, ...detail },
        });
      }
      return refused('no user with this PIN may log in by PIN', spent(device, issuedAt, after), {
        attemptsLeft: LOCK_AFTER_FAILURES - Math.min(failures, LOCK_AFTER_FAILURES),
        waitSeconds: lock ? 0 : Math.ceil(delayAfterFailures(failures) / 1000),
      });
    });
  } catch (err) {
    // Another attempt from this device was settled since it was read: nothing was counted or
    // learned here, so it is told to try again.
    if (err instanceof Retry) return throttled(1, device);
    // Rolled back, so the challenge stays unspent and the device's count untouched.
    if (err instanceof OrgCeiling) return throttled(err.retryAfterSeconds, device);
    throw err;
  }
}

const spent = (device: Device, issuedAt: number, after: Partial<Device>): Device => ({
  ...device,
  ...after,
  pin_challenge_at: issuedAt,
});

function refused(
  reason: string,
  device: Device | null,
  counted?: { attemptsLeft: number; waitSeconds: number },
): PinLoginResult {
  return { ok: false, kind: 'refused', reason, device, ...(counted && { counted }) };
}

function throttled(retryAfterSeconds: number, device: Device, attemptsLeft?: number): PinLoginResult {
  return {
    ok: false,
    kind: 'throttled',
    retryAfterSeconds,
    device,
    ...(attemptsLeft !== undefined && { attemptsLeft }),
  };
}
