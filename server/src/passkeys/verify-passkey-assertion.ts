import type { Kysely } from 'kysely';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { mayUsePasskeys, type AuthenticationResponseJSON } from '@tapin/shared';
import type { DB, Organisation, Passkey, User } from '../db/schema.js';
import { findPasskey, recordPasskeyUse } from './passkey-repository.js';
import type { RelyingParty } from './relying-party.js';
import { openAssertionChallenge } from './webauthn-challenges.js';
import { findOrganisation } from '../organisation/organisation-repository.js';
import { findUserById } from '../users/user-repository.js';

export type AssertionFailure =
  /** The user may not use passkeys: not an admin or manager, or "PIN only". */
  | 'not_allowed'
  /** A step-up with a passkey of somebody other than the session's user. */
  | 'wrong_user'
  /** Signature, challenge, origin, RP ID, user presence or user handle did not check out. */
  | 'invalid'
  /** A valid signature with a counter that did not go up: possibly a cloned authenticator. */
  | 'counter_regressed';

export type AssertionResult =
  | { ok: true; passkey: Passkey; user: User; organisation: Organisation }
  | { ok: false; failure: 'unknown_passkey' }
  | {
      ok: false;
      failure: AssertionFailure;
      passkey: Passkey;
      user: User;
      detail: Record<string, string | number>;
    };

/**
 * Checks a WebAuthn assertion against the stored passkey it names, consumes its challenge, and on
 * success records the new signature counter. `stepUpUserId` limits it to that user's passkeys and
 * also accepts a challenge issued for that user's step-up.
 */
export async function verifyPasskeyAssertion(
  db: Kysely<DB>,
  opts: {
    response: AuthenticationResponseJSON;
    rp: RelyingParty;
    challengeKey: Buffer;
    now: number;
    stepUpUserId?: string;
  },
): Promise<AssertionResult> {
  const { response, rp, now, stepUpUserId } = opts;
  const passkey = await findPasskey(db, response.id);
  // The browser offered a credential this server does not know (removed, or another site's).
  if (!passkey) return { ok: false, failure: 'unknown_passkey' };
  const user = await findUserById(db, passkey.user_id);
  // Its owner was deleted a moment ago: as unknown as the passkey itself.
  if (!user) return { ok: false, failure: 'unknown_passkey' };
  const fail = (
    failure: AssertionFailure,
    detail: Record<string, string | number> = {},
  ): AssertionResult => ({
    ok: false,
    failure,
    passkey,
    user,
    detail: { passkey: passkey.name, reason: failure, ...detail },
  });
  // Only admins and managers who may log in on the web have passkeys that work.
  if (!mayUsePasskeys({ role: user.role, loginMethod: user.login_method })) return fail('not_allowed');
  // A step-up confirms the session's own user, nobody else.
  if (stepUpUserId !== undefined && user.id !== stepUpUserId) return fail('wrong_user');
  // Discoverable credentials return the user handle given at registration; it must match.
  const userHandle = response.response.userHandle;
  if (userHandle && userHandle !== isoBase64URL.fromUTF8String(user.id)) return fail('invalid');

  let verified;
  let issuedAt: number | null = null;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      // Checked here, spent below with the counter, once the signature is known to be good.
      expectedChallenge: (challenge) => {
        issuedAt = openAssertionChallenge(opts.challengeKey, challenge, { stepUpUserId, now });
        return issuedAt !== null && issuedAt > passkey.challenge_at;
      },
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // The counter is compared below, after the signature is known to be good, so that a
      // regression is told apart from a forgery and audited as such.
      credential: {
        id: passkey.id,
        publicKey: isoBase64URL.toBuffer(passkey.public_key),
        counter: 0,
        transports: transportsOf(passkey),
      },
      requireUserVerification: false,
    });
  } catch {
    return fail('invalid');
  }
  if (!verified.verified) return fail('invalid');

  const { newCounter, credentialBackedUp } = verified.authenticationInfo;
  const stored = passkey.counter;
  // Authenticators that count must count up; 0 on both sides means one that does not count.
  if ((newCounter > 0 || stored > 0) && newCounter <= stored) {
    return fail('counter_regressed', { storedCounter: stored, receivedCounter: newCounter });
  }
  if (issuedAt === null) return fail('invalid');
  const recorded = await recordPasskeyUse(db, {
    id: passkey.id,
    storedCounter: stored,
    newCounter,
    backedUp: credentialBackedUp,
    challengeIssuedAt: issuedAt,
    now,
  });
  // Another request answered with this passkey first: this one's challenge or counter is spent.
  if (!recorded) return fail('invalid');

  const organisation = await findOrganisation(db, user.organisation_id);
  return { ok: true, passkey: { ...passkey, counter: newCounter, last_used_at: now }, user, organisation };
}

export function transportsOf(passkey: Pick<Passkey, 'transports'>): string[] {
  try {
    const parsed: unknown = JSON.parse(passkey.transports);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}
