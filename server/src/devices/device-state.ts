import type { Kysely } from 'kysely';
import type { DeviceStateJSON } from '@tapin/shared';
import type { DB } from '../db/schema.js';
import { issueDeviceChallenge } from './device-challenges.js';
import { anyOrganisationWithPinLogin } from '../organisation/organisation-repository.js';
import { findDeviceState } from './device-repository.js';

/**
 * What a device needs to choose its login screen. Locked reads as approved: the lock is not
 * announced to whoever holds the device.
 */
export async function deviceState(
  db: Kysely<DB>,
  challengeKey: Buffer,
  deviceId: string,
  now: number,
): Promise<DeviceStateJSON> {
  const row = await findDeviceState(db, deviceId);
  const state = !row ? 'unknown' : row.revoked_at !== null ? 'revoked' : 'approved';
  const pinLoginActive = row?.pin_login_active === 1;
  return {
    state,
    pinLoginActive,
    serverTime: new Date(now).toISOString(),
    // Approving with a code: a revoked device only into its own organisation, a new one into any.
    ...(state !== 'approved' && {
      codeApproval: row ? pinLoginActive : await anyOrganisationWithPinLogin(db),
    }),
    // The PIN pad's start: the register holds this challenge until a cashier types a PIN.
    ...(state === 'approved' &&
      pinLoginActive && {
        nextChallenge: issueDeviceChallenge(challengeKey, {
          deviceId,
          purpose: 'pin-login',
          now,
          spentUpTo: row?.pin_challenge_at,
        }),
      }),
  };
}
