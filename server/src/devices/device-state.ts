import type { Kysely } from 'kysely';
import type { DeviceStateJSON } from '@tapin/shared';
import type { DB } from '../db/schema.js';
import { issueDeviceChallenge } from './device-challenges.js';
import { anyOrganisationWithPinLogin } from '../organisation/organisation-repository.js';
import { findDeviceState } from './device-repository.js';

/**
 * What a device needs to choose and label its login screen. Whoever asks names the device by its
 * ID, the thumbprint of a key that only the device and its organisation's admins and managers
 * know, so the answer tells nothing its own PIN screen does not show: the names, and whether
 * it is locked. An approved device is told its lock, since whoever holds it made the guesses
 * that locked it; every PIN login it then tries is still refused like any other.
 */
export async function deviceState(
  db: Kysely<DB>,
  challengeKey: Buffer,
  deviceId: string,
  now: number,
): Promise<DeviceStateJSON> {
  const row = await findDeviceState(db, deviceId);
  const state = !row ? 'unknown' : row.revoked_at !== null ? 'revoked' : 'approved';
  const approved = row !== undefined && state === 'approved';
  const pinLoginActive = row?.pin_login_active === 1;
  return {
    state,
    pinLoginActive,
    locked: approved && row.locked_at !== null,
    ...(approved && {
      deviceName: row.name,
      organisationName: row.organisation_name,
      registerLanguage: row.register_language,
    }),
    serverTime: new Date(now).toISOString(),
    // Approving with a code: a revoked device only into its own organisation, a new one into any.
    ...(state !== 'approved' && {
      codeApproval: row ? pinLoginActive : await anyOrganisationWithPinLogin(db),
    }),
    // The PIN pad's start: the register holds this challenge until a cashier types a PIN.
    ...(approved &&
      pinLoginActive &&
      row.locked_at === null && {
        nextChallenge: issueDeviceChallenge(challengeKey, {
          deviceId,
          purpose: 'pin-login',
          now,
          spentUpTo: row.pin_challenge_at,
        }),
      }),
  };
}
