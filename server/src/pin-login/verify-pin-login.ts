import type { Kysely } from 'kysely';
import { PinLoginProofPayload, allowsPin } from '@tapin/shared';
import { recordAudit } from '../audit/record-audit.js';
import type { DB, Device, Organisation, User } from '../db/schema.js';
import { consumeDeviceChallenge } from '../devices/device-challenges.js';
import { findDeviceWithOrganisation, settlePinAttempt } from '../devices/device-repository.js';
import { verifyDeviceProof } from '../devices/verify-device-proof.js';
import { findPinUser } from '../pins/find-pin-user.js';
import type { PinPeppers } from '../pins/pin-peppers.js';
import { countInWindow, peekWindow } from '../rate-limit/fixed-window.js';
import {
  LOCK_AFTER_FAILURES,
  ORG_FAILURES_ALLOWED,
  ORG_FAILURE_WINDOW_MS,
  delayAfterFailures,
} from './pin-login-throttle.js';

export type PinLoginResult =
  | { ok: true; user: User; device: Device; organisation: Organisation }
  /** Every failure looks the same to the caller; `reason` is for the audit log only. */
  | { ok: false; throttled: false; reason: string }
  | { ok: false; throttled: true; retryAfterSeconds: number };

export interface PinLoginAttempt {
  deviceId: string;
  pin: string;
  proof: string;
  ip: string | null;
  now: number;
}

const fail = (reason: string): PinLoginResult => ({ ok: false, throttled: false, reason });

/**
 * Where a PIN login is decided. The device proves it holds its key by signing a fresh challenge;
 * only then is a PIN guess counted against it, and only then is the PIN looked up.
 */
export async function verifyPinLogin(
  db: Kysely<DB>,
  peppers: PinPeppers,
  a: PinLoginAttempt,
): Promise<PinLoginResult> {
  // The device must exist and still be approved. Device and organisation come in one read.
  const found = await findDeviceWithOrganisation(db, a.deviceId);
  if (!found || found.device.revoked_at !== null) return fail('unknown or revoked device');
  const { device, organisation } = found;

  // It must prove possession of its key over a challenge that was issued to it.
  const proof = await verifyDeviceProof(device, a.proof, PinLoginProofPayload);
  if (proof === null) return fail('bad device proof');
  const fresh = await consumeDeviceChallenge(db, {
    challenge: proof.challenge,
    deviceId: device.id,
    purpose: 'pin-login',
    now: a.now,
  });
  if (!fresh) return fail('challenge unknown, used or expired');

  // The organisation must have PIN login switched on.
  if (organisation.pin_login_active !== 1) return fail('PIN login inactive');

  // A locked device tries nothing, not even the right PIN.
  if (device.locked_at !== null) return fail('device locked');

  // Growing delays between consecutive failures.
  const wait =
    device.last_failed_at === null
      ? 0
      : device.last_failed_at + delayAfterFailures(device.failed_attempts) - a.now;
  if (wait > 0) return { ok: false, throttled: true, retryAfterSeconds: Math.ceil(wait / 1000) };

  const orgKey = `pin-failures:${organisation.id}`;
  const orgFailures = await peekWindow(db, orgKey, ORG_FAILURE_WINDOW_MS, a.now);
  if (orgFailures.count >= ORG_FAILURES_ALLOWED) {
    return { ok: false, throttled: true, retryAfterSeconds: orgFailures.retryAfterSeconds };
  }

  const user = await findPinUser(db, peppers, organisation.id, a.pin);
  const success = user !== undefined && allowsPin(user.login_method);
  const failures = success ? 0 : device.failed_attempts + 1;
  const lock = failures >= LOCK_AFTER_FAILURES;

  // One compare-and-set on the failure count settles this attempt. Of parallel attempts made at
  // the same count only one is settled; the others are told to retry without learning anything,
  // so no guess escapes the count.
  const settled = await settlePinAttempt(
    db,
    device.id,
    device.failed_attempts,
    success
      ? { failed_attempts: 0, last_failed_at: null, last_login_at: a.now }
      : { failed_attempts: failures, last_failed_at: a.now, ...(lock && { locked_at: a.now }) },
  );
  if (!settled) return { ok: false, throttled: true, retryAfterSeconds: 1 };

  if (!success) {
    await countInWindow(db, orgKey, ORG_FAILURE_WINDOW_MS, a.now);
    const scope = { organisationId: organisation.id, actorUserId: null, ip: a.ip, now: a.now };
    const detail = { consecutiveFailures: failures };
    await recordAudit(db, scope, { type: 'login.pin_failed', deviceId: device.id, detail });
    if (lock) {
      await recordAudit(db, scope, {
        type: 'device.locked',
        deviceId: device.id,
        detail: { name: device.name, ...detail },
      });
    }
    return fail('no user with this PIN may log in by PIN');
  }

  return {
    ok: true,
    user,
    device: { ...device, failed_attempts: 0, last_failed_at: null, last_login_at: a.now },
    organisation,
  };
}
