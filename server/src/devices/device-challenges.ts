import type { Kysely } from 'kysely';
import type { ChallengePurpose, PinChallengeJSON } from '@tapin/shared';
import {
  consumeChallenge,
  forgetChallenges,
  issueChallenge,
  newChallenge,
  type ChallengeStore,
} from '../challenges/challenge-store.js';
import type { DB } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { findDeviceById } from './device-repository.js';

/** A challenge lives this long; the device asks for it right before it signs. */
export const CHALLENGE_TTL_MS = 60 * 1000;
/** Unused challenges a device may hold at once. */
export const CHALLENGES_PER_DEVICE = 10;

/** Challenges a device signs to prove it holds its key: PIN login and offline upload. */
export const DEVICE_CHALLENGES: ChallengeStore = {
  table: 'challenges',
  boundColumn: 'device_id',
  ttlMs: CHALLENGE_TTL_MS,
  maxOutstanding: () => CHALLENGES_PER_DEVICE,
};

/**
 * A fresh challenge for a device. An unknown or revoked device gets one too (never stored), so
 * this does not reveal which devices are approved; its login fails like any other.
 */
export async function issueDeviceChallenge(
  db: Kysely<DB>,
  c: { deviceId: string; purpose: ChallengePurpose; now: number },
): Promise<PinChallengeJSON> {
  const challenge = newChallenge();
  const device = await findDeviceById(db, c.deviceId);
  const expiresAt =
    !device || device.revoked_at !== null
      ? c.now + CHALLENGE_TTL_MS
      : await issueChallenge(db, DEVICE_CHALLENGES, {
          challenge,
          purpose: c.purpose,
          boundTo: c.deviceId,
          now: c.now,
        });
  if (expiresAt === null) {
    throw new DomainError('rate_limited', 'Too many login attempts at once. Wait a moment.', {
      retryAfterSeconds: Math.ceil(CHALLENGE_TTL_MS / 1000),
    });
  }
  return { challenge, expiresAt: new Date(expiresAt).toISOString() };
}

/** True once for a challenge issued to this device for this purpose and not yet expired. */
export function consumeDeviceChallenge(
  db: Kysely<DB>,
  c: { challenge: string; deviceId: string; purpose: ChallengePurpose; now: number },
): Promise<boolean> {
  return consumeChallenge(db, DEVICE_CHALLENGES, { ...c, boundTo: [c.deviceId] });
}

/** A revoked or deleted device's challenges are worthless; they go with it. */
export function forgetDeviceChallenges(db: Kysely<DB>, deviceId: string): Promise<void> {
  return forgetChallenges(db, DEVICE_CHALLENGES, deviceId);
}
