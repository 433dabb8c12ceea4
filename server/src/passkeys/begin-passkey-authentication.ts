import type { Kysely } from 'kysely';
import {
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { DB } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { listPasskeys } from './passkey-repository.js';
import type { RelyingParty } from './relying-party.js';
import { transportsOf } from './verify-passkey-assertion.js';
import { WEBAUTHN_CHALLENGE_TTL_MS, assertionChallenge } from './webauthn-challenges.js';

/**
 * Options for logging in with a passkey. No allowCredentials: the passkey itself says whose it is
 * (discoverable credentials). Anyone may ask as often as they like: the challenge is signed, not
 * stored, so asking writes nothing.
 */
export function beginPasskeyLogin(c: {
  rp: RelyingParty;
  challengeKey: Buffer;
  now: number;
}): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: c.rp.id,
    challenge: assertionChallenge(c.challengeKey, { userId: null, now: c.now }),
    userVerification: 'preferred',
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
  });
}

/** Options for confirming it is you with a passkey: only this user's, so the browser goes straight to one. */
export async function beginPasskeyStepUp(
  db: Kysely<DB>,
  c: { rp: RelyingParty; challengeKey: Buffer; userId: string; now: number },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await listPasskeys(db, c.userId);
  if (passkeys.length === 0) {
    throw new DomainError('no_passkey_yet', 'You have no passkey yet. Confirm with your password.');
  }
  return generateAuthenticationOptions({
    rpID: c.rp.id,
    challenge: assertionChallenge(c.challengeKey, { userId: c.userId, now: c.now }),
    allowCredentials: passkeys.map((p) => ({ id: p.id, transports: transportsOf(p) })),
    userVerification: 'preferred',
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
  });
}
