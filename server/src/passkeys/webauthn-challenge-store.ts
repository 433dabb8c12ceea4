import { sql, type Kysely } from 'kysely';
import type { DB, WebAuthnChallengePurpose } from '../db/schema.js';
import { ApiError } from '../http/api-error.js';

/** A passkey ceremony must be finished within this time of asking for its options. */
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** Unanswered challenges one user may hold (adding a passkey, step-up). */
const MAX_PER_USER = 10;
/**
 * Unanswered passkey login challenges across the server. Anyone may ask for one, so this keeps
 * the table small; the route also limits each IP address.
 */
const MAX_ANONYMOUS = 10_000;

/**
 * Stores a challenge that `consumeWebAuthnChallenge` will accept once within the TTL. `userId`
 * binds it to the only user who may answer it; null for a passkey login, where nobody is known
 * yet. Returns false when too many are outstanding.
 */
export async function issueWebAuthnChallenge(
  db: Kysely<DB>,
  opts: { challenge: string; purpose: WebAuthnChallengePurpose; userId: string | null; now: number },
): Promise<void> {
  // Expired challenges are useless; sweeping them here keeps the count below honest.
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<=', opts.now).execute();
  const outstanding = db
    .selectFrom('webauthn_challenges')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', opts.userId === null ? 'is' : '=', opts.userId);
  // One conditional INSERT, so parallel requests cannot all slip under the cap.
  const result = await db
    .insertInto('webauthn_challenges')
    .columns(['id', 'purpose', 'user_id', 'expires_at'])
    .expression(
      db
        .selectNoFrom([
          sql<string>`${opts.challenge}`.as('id'),
          sql<string>`${opts.purpose}`.as('purpose'),
          sql<string | null>`${opts.userId}`.as('user_id'),
          sql<number>`cast(${opts.now + WEBAUTHN_CHALLENGE_TTL_MS} as bigint)`.as('expires_at'),
        ])
        .where(outstanding, '<', opts.userId === null ? MAX_ANONYMOUS : MAX_PER_USER),
    )
    .executeTakeFirst();
  if (result.numInsertedOrUpdatedRows === 0n) {
    throw new ApiError(429, 'rate_limited', 'Too many passkey requests at once. Wait a moment.', {
      retryAfterSeconds: Math.ceil(WEBAUTHN_CHALLENGE_TTL_MS / 1000),
    });
  }
}

/**
 * Takes a challenge out of the store if it was issued for this purpose and answerer and has not
 * expired. The DELETE … RETURNING is the single-use guarantee: of two racing requests only one
 * gets the row back. `userId` null accepts only challenges bound to nobody; a user ID accepts
 * that user's own, and with `orUnbound` also those bound to nobody.
 */
export async function consumeWebAuthnChallenge(
  db: Kysely<DB>,
  opts: {
    challenge: string;
    purpose: WebAuthnChallengePurpose;
    userId: string | null;
    orUnbound?: boolean;
    now: number;
  },
): Promise<boolean> {
  const { userId } = opts;
  const row = await db
    .deleteFrom('webauthn_challenges')
    .where('id', '=', opts.challenge)
    .where('purpose', '=', opts.purpose)
    .where((eb) =>
      userId === null
        ? eb('user_id', 'is', null)
        : opts.orUnbound
          ? eb.or([eb('user_id', '=', userId), eb('user_id', 'is', null)])
          : eb('user_id', '=', userId),
    )
    .returning('expires_at')
    .executeTakeFirst();
  return row !== undefined && row.expires_at > opts.now;
}
