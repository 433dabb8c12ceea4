import type { Kysely } from 'kysely';
import { PinLoginProofPayload, allowsPin } from '@tapin/shared';
import { recordAudit } from '../audit/record-audit.js';
import { pinHmac } from '../auth/pin-hmac.js';
import type { DB, Device, Organisation, User } from '../db/schema.js';
import { countInWindow, peekWindow } from '../rate-limit/fixed-window.js';
import { consumeChallenge } from './challenge-store.js';
import {
  LOCK_AFTER_FAILURES,
  ORG_FAILURES_ALLOWED,
  ORG_FAILURE_WINDOW_MS,
  delayAfterFailures,
} from './pin-login-throttle.js';
import { verifyDeviceProof } from './verify-device-proof.js';

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
  peppers: { current: Buffer; previous: Buffer | null },
  a: PinLoginAttempt,
): Promise<PinLoginResult> {
  // The device must exist and still be approved. Device and organisation come in one read.
  const row = await db
    .selectFrom('devices')
    .innerJoin('organisations as o', 'o.id', 'devices.organisation_id')
    .selectAll('devices')
    .select([
      'o.name as org_name',
      'o.pin_login_active',
      'o.offline_grace_minutes',
      'o.idle_lock_minutes',
      'o.require_passkey',
      'o.created_at as org_created_at',
    ])
    .where('devices.id', '=', a.deviceId)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return fail('unknown or revoked device');
  const {
    org_name,
    pin_login_active,
    offline_grace_minutes,
    idle_lock_minutes,
    require_passkey,
    org_created_at,
    ...device
  } = row;
  const organisation: Organisation = {
    id: device.organisation_id,
    name: org_name,
    pin_login_active,
    offline_grace_minutes,
    idle_lock_minutes,
    require_passkey,
    created_at: org_created_at,
  };

  // It must prove possession of its key over a challenge that was issued to it.
  const proof = await verifyDeviceProof(device, a.proof, PinLoginProofPayload);
  if (proof === null) return fail('bad device proof');
  const fresh = await consumeChallenge(db, {
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
  const settled = await db
    .updateTable('devices')
    .set(
      success
        ? { failed_attempts: 0, last_failed_at: null, last_login_at: a.now }
        : { failed_attempts: failures, last_failed_at: a.now, ...(lock && { locked_at: a.now }) },
    )
    .where('id', '=', device.id)
    .where('failed_attempts', '=', device.failed_attempts)
    .where('locked_at', 'is', null)
    .executeTakeFirst();
  if (settled.numUpdatedRows === 0n) return { ok: false, throttled: true, retryAfterSeconds: 1 };

  if (!success) {
    await countInWindow(db, orgKey, ORG_FAILURE_WINDOW_MS, a.now);
    await recordAudit(db, {
      organisationId: organisation.id,
      type: 'login.pin_failed',
      deviceId: device.id,
      ip: a.ip,
      detail: { consecutiveFailures: failures },
      now: a.now,
    });
    if (lock) {
      await recordAudit(db, {
        organisationId: organisation.id,
        type: 'device.locked',
        deviceId: device.id,
        ip: a.ip,
        detail: { name: device.name, consecutiveFailures: failures },
        now: a.now,
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

/** The user with this PIN; during a pepper rotation, a match under the old pepper moves to the new. */
async function findPinUser(
  db: Kysely<DB>,
  peppers: { current: Buffer; previous: Buffer | null },
  organisationId: string,
  pin: string,
): Promise<User | undefined> {
  const byHmac = (hmac: string) =>
    db
      .selectFrom('users')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('pin_hmac', '=', hmac)
      .executeTakeFirst();
  const current = pinHmac(peppers.current, organisationId, pin);
  const user = await byHmac(current);
  if (user || !peppers.previous) return user;
  const old = await byHmac(pinHmac(peppers.previous, organisationId, pin));
  if (!old) return undefined;
  await db.updateTable('users').set({ pin_hmac: current }).where('id', '=', old.id).execute();
  return { ...old, pin_hmac: current };
}
