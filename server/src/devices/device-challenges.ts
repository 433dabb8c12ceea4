import type { Kysely } from 'kysely';
import type { ChallengePurpose, PinChallengeJSON } from '@tapin/shared';
import { challengeKey, openChallenge, signChallenge } from '../challenges/signed-challenge.js';
import type { DB, Device } from '../db/schema.js';
import type { Secrets } from '../secrets/load-secrets.js';
import { findDeviceById, spendUploadChallenge } from './device-repository.js';

/**
 * A challenge stays valid this long. Nothing is stored per challenge, so a register can hold one
 * while it waits for the next cashier; single use comes from the device row, not from expiry.
 */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

/** The device row's column that remembers the last challenge spent for each purpose. */
export const SPENT_COLUMN = {
  'pin-login': 'pin_challenge_at',
  'offline-upload': 'upload_challenge_at',
} as const satisfies Record<Exclude<ChallengePurpose, 'approval'>, keyof Device>;

/** A purpose whose challenges a device row spends; an approval comes before there is a row. */
type SpendablePurpose = keyof typeof SPENT_COLUMN;

type SpentTimes = Pick<Device, 'id' | 'pin_challenge_at' | 'upload_challenge_at'>;

/** Every instance that shares the secrets derives the same key, so any of them can check it. */
export const deviceChallengeKey = (secrets: Secrets): Buffer => challengeKey(secrets.pinPepper);

/**
 * A challenge for a device, written nowhere. `spentUpTo` is the issue time of the device's last
 * spent challenge for this purpose, when known: the new one is newer even if this instance's clock
 * runs behind the one that spent it.
 */
export function issueDeviceChallenge(
  key: Buffer,
  c: { deviceId: string; purpose: ChallengePurpose; now: number; spentUpTo?: number },
): PinChallengeJSON {
  const issuedAt = Math.max(c.now, (c.spentUpTo ?? 0) + 1);
  return {
    challenge: signChallenge(key, { boundTo: c.deviceId, purpose: c.purpose }, issuedAt),
    expiresAt: new Date(issuedAt + CHALLENGE_TTL_MS).toISOString(),
    validForSeconds: CHALLENGE_TTL_MS / 1000,
  };
}

/**
 * `POST /api/devices/challenge`. Free to call: one read by primary key and a MAC, no write, so
 * no one can exhaust anything by calling it. Unknown and revoked devices get one too, so the
 * answer does not tell which devices are approved; their logins fail like any other.
 */
export async function challengeForDevice(
  db: Kysely<DB>,
  key: Buffer,
  c: { deviceId: string; purpose: ChallengePurpose; now: number },
): Promise<PinChallengeJSON> {
  if (c.purpose === 'approval') return issueDeviceChallenge(key, c);
  const device = await findDeviceById(db, c.deviceId);
  return issueDeviceChallenge(key, { ...c, spentUpTo: device?.[SPENT_COLUMN[c.purpose]] });
}

/**
 * The issue time of a challenge that this server signed for this device and purpose, that has not
 * expired and is newer than the last one the device spent; null for anything else. Spending it is
 * the caller's compare-and-set on the device row, so that of parallel uses only one succeeds.
 */
export function checkDeviceChallenge(
  key: Buffer,
  device: SpentTimes,
  purpose: SpendablePurpose,
  challenge: string,
  now: number,
): number | null {
  const issuedAt = liveChallenge(key, device.id, purpose, challenge, now);
  return issuedAt !== null && issuedAt > device[SPENT_COLUMN[purpose]] ? issuedAt : null;
}

/**
 * True for an unexpired approval challenge signed for this device. It need not be single use: a
 * replayed approval proof could only approve the same key again, by an admin or manager.
 */
export function checkApprovalChallenge(
  key: Buffer,
  deviceId: string,
  challenge: string,
  now: number,
): boolean {
  return liveChallenge(key, deviceId, 'approval', challenge, now) !== null;
}

function liveChallenge(
  key: Buffer,
  deviceId: string,
  purpose: ChallengePurpose,
  challenge: string,
  now: number,
): number | null {
  const issuedAt = openChallenge(key, { boundTo: deviceId, purpose }, challenge);
  // Expired, or from further in the future than a lagging clock explains.
  if (issuedAt === null || now >= issuedAt + CHALLENGE_TTL_MS || issuedAt > now + CHALLENGE_TTL_MS)
    return null;
  return issuedAt;
}

/** Checks and spends an offline-upload challenge: true once, for the first use of a valid one. */
export async function spendOfflineUploadChallenge(
  db: Kysely<DB>,
  key: Buffer,
  c: { challenge: string; device: SpentTimes; now: number },
): Promise<boolean> {
  const issuedAt = checkDeviceChallenge(key, c.device, 'offline-upload', c.challenge, c.now);
  return issuedAt !== null && (await spendUploadChallenge(db, c.device.id, issuedAt));
}
