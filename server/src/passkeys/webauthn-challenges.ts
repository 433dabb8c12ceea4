import type { Kysely } from 'kysely';
import { consumeChallenge, issueChallenge, type ChallengeStore } from '../challenges/challenge-store.js';
import { challengeKey, openChallenge, signChallenge } from '../challenges/signed-challenge.js';
import type { Secrets } from '../secrets/load-secrets.js';
import type { DB, WebAuthnChallengePurpose } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';

/** A passkey ceremony must be finished within this time of asking for its options. */
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60 * 1000;

/**
 * Stored challenges of adding a passkey, bound to the only user who may answer them, ten per user.
 * Login and step-up challenges are signed instead (see below): nothing is stored for them.
 */
export const WEBAUTHN_CHALLENGES: ChallengeStore = {
  table: 'webauthn_challenges',
  boundColumn: 'user_id',
  ttlMs: WEBAUTHN_CHALLENGE_TTL_MS,
  maxOutstanding: () => 10,
};

const ASSERTION = 'passkey-assertion';

/** The same derived key as device challenges; the purpose in every MAC keeps the two apart. */
export const passkeyChallengeKey = (secrets: Secrets): Buffer => challengeKey(secrets.pinPepper);

/**
 * A challenge for a passkey login (`userId` null: anyone's passkey may answer) or a step-up (only
 * that user's). It is signed and timed, not stored, so asking for one costs nothing and cannot be
 * used to crowd others out; the passkey row that answers it spends it (recordPasskeyUse).
 */
export function assertionChallenge(
  key: Buffer,
  c: { userId: string | null; now: number },
): Uint8Array<ArrayBuffer> {
  const issuedAt = issueTimeMicros(c.now);
  return new Uint8Array(
    Buffer.from(signChallenge(key, { boundTo: c.userId ?? '', purpose: ASSERTION }, issuedAt), 'base64url'),
  );
}

// Issue times are in microseconds, the last three digits a count within the millisecond, so that
// two ceremonies of one passkey started in the same millisecond still get one newer than the other.
let lastMs = 0;
let withinMs = 0;
function issueTimeMicros(now: number): number {
  withinMs = now === lastMs ? Math.min(withinMs + 1, 999) : 0;
  lastMs = now;
  return now * 1000 + withinMs;
}

/**
 * The issue time (µs) of an unexpired assertion challenge this server signed for a login, or for this
 * user's step-up (which may also be answered with a login's challenge); null for anything else.
 */
export function openAssertionChallenge(
  key: Buffer,
  challenge: string,
  c: { stepUpUserId?: string; now: number },
): number | null {
  const bound = c.stepUpUserId === undefined ? [''] : [c.stepUpUserId, ''];
  for (const boundTo of bound) {
    const issuedAt = openChallenge(key, { boundTo, purpose: ASSERTION }, challenge);
    if (issuedAt !== null) {
      const issuedMs = Math.floor(issuedAt / 1000);
      const live =
        c.now < issuedMs + WEBAUTHN_CHALLENGE_TTL_MS && issuedMs <= c.now + WEBAUTHN_CHALLENGE_TTL_MS;
      return live ? issuedAt : null;
    }
  }
  return null;
}

/** Stores a challenge that consumeWebAuthnChallenge accepts once within the TTL; 429 when too many. */
export async function issueWebAuthnChallenge(
  db: Kysely<DB>,
  c: { challenge: string; purpose: WebAuthnChallengePurpose; userId: string; now: number },
): Promise<void> {
  const issued = await issueChallenge(db, WEBAUTHN_CHALLENGES, { ...c, boundTo: c.userId });
  if (issued === null) {
    throw new DomainError('rate_limited', 'Too many passkey requests at once. Wait a moment.', {
      retryAfterSeconds: Math.ceil(WEBAUTHN_CHALLENGE_TTL_MS / 1000),
    });
  }
}

/** True once for a challenge issued for this purpose to `userId`. */
export function consumeWebAuthnChallenge(
  db: Kysely<DB>,
  c: { challenge: string; purpose: WebAuthnChallengePurpose; userId: string; now: number },
): Promise<boolean> {
  return consumeChallenge(db, WEBAUTHN_CHALLENGES, {
    challenge: c.challenge,
    purpose: c.purpose,
    boundTo: [c.userId],
    now: c.now,
  });
}
