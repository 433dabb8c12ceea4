import type { Kysely } from 'kysely';
import { consumeChallenge, issueChallenge, type ChallengeStore } from '../challenges/challenge-store.js';
import type { DB, WebAuthnChallengePurpose } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';

/** A passkey ceremony must be finished within this time of asking for its options. */
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60 * 1000;

/**
 * Challenges of passkey ceremonies, bound to the only user who may answer them, or to nobody for a
 * passkey login. Ten per user (adding a passkey, step-up); logins are open to anyone, so a server-
 * wide cap keeps that part small, and the route limits each IP address as well.
 */
export const WEBAUTHN_CHALLENGES: ChallengeStore = {
  table: 'webauthn_challenges',
  boundColumn: 'user_id',
  ttlMs: WEBAUTHN_CHALLENGE_TTL_MS,
  maxOutstanding: (userId) => (userId === null ? 10_000 : 10),
};

/** Stores a challenge that consumeWebAuthnChallenge accepts once within the TTL; 429 when too many. */
export async function issueWebAuthnChallenge(
  db: Kysely<DB>,
  c: { challenge: string; purpose: WebAuthnChallengePurpose; userId: string | null; now: number },
): Promise<void> {
  const issued = await issueChallenge(db, WEBAUTHN_CHALLENGES, { ...c, boundTo: c.userId });
  if (issued === null) {
    throw new DomainError('rate_limited', 'Too many passkey requests at once. Wait a moment.', {
      retryAfterSeconds: Math.ceil(WEBAUTHN_CHALLENGE_TTL_MS / 1000),
    });
  }
}

/**
 * True once for a challenge issued for this purpose to `userId` (null: to nobody). A step-up
 * passes `orUnbound`, since the browser may answer with a passkey login's challenge as well.
 */
export function consumeWebAuthnChallenge(
  db: Kysely<DB>,
  c: {
    challenge: string;
    purpose: WebAuthnChallengePurpose;
    userId: string | null;
    orUnbound?: boolean;
    now: number;
  },
): Promise<boolean> {
  const boundTo = c.userId === null ? [null] : c.orUnbound ? [c.userId, null] : [c.userId];
  return consumeChallenge(db, WEBAUTHN_CHALLENGES, {
    challenge: c.challenge,
    purpose: c.purpose,
    boundTo,
    now: c.now,
  });
}
