import type { Kysely } from 'kysely';
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/server';
import { PASSKEYS_PER_USER_MAX } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { listPasskeys } from './passkey-repository.js';
import type { RelyingParty } from './relying-party.js';
import { transportsOf } from './verify-passkey-assertion.js';
import { WEBAUTHN_CHALLENGE_TTL_MS, issueWebAuthnChallenge } from './webauthn-challenges.js';

export function passkeyLimitReached(): DomainError {
  return new DomainError(
    'passkey_limit_reached',
    `You can have at most ${PASSKEYS_PER_USER_MAX} passkeys. Remove one first.`,
  );
}

/** My account > Passkeys > Add a passkey, first half: the options for the browser. */
export async function beginPasskeyRegistration(
  db: Kysely<DB>,
  actor: Actor,
  rp: RelyingParty,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { user } = actor;
  const existing = await listPasskeys(db, user.id);
  if (existing.length >= PASSKEYS_PER_USER_MAX) throw passkeyLimitReached();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.username,
    userDisplayName: user.name,
    // The user handle a discoverable passkey gives back at login; checked against the owner.
    userID: new TextEncoder().encode(user.id),
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await issueWebAuthnChallenge(db, {
    challenge: options.challenge,
    purpose: 'registration',
    userId: user.id,
    now: actor.now,
  });
  return options;
}
