import type { Kysely } from 'kysely';
import {
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { DB } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { countInWindow } from '../rate-limit/fixed-window.js';
import { listPasskeys } from './passkey-repository.js';
import type { RelyingParty } from './relying-party.js';
import { transportsOf } from './verify-passkey-assertion.js';
import { WEBAUTHN_CHALLENGE_TTL_MS, issueWebAuthnChallenge } from './webauthn-challenges.js';

const OPTIONS_WINDOW_MS = 60 * 1000;
const OPTIONS_PER_IP_PER_WINDOW = 30;

/**
 * Options for logging in with a passkey. No allowCredentials: the passkey itself says whose it is
 * (discoverable credentials). Anyone may ask, so each IP address gets a budget.
 */
export async function beginPasskeyLogin(
  db: Kysely<DB>,
  c: { rp: RelyingParty; ip: string | null; now: number },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  if (
    c.ip &&
    (await countInWindow(db, `passkey-options:${c.ip}`, OPTIONS_WINDOW_MS, c.now)) > OPTIONS_PER_IP_PER_WINDOW
  ) {
    throw new DomainError('rate_limited', 'Too many passkey requests. Wait a moment.', {
      retryAfterSeconds: Math.ceil(OPTIONS_WINDOW_MS / 1000),
    });
  }
  const options = await generateAuthenticationOptions({
    rpID: c.rp.id,
    userVerification: 'preferred',
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
  });
  await issueWebAuthnChallenge(db, {
    challenge: options.challenge,
    purpose: 'authentication',
    userId: null,
    now: c.now,
  });
  return options;
}

/** Options for confirming it is you with a passkey: only this user's, so the browser goes straight to one. */
export async function beginPasskeyStepUp(
  db: Kysely<DB>,
  c: { rp: RelyingParty; userId: string; now: number },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await listPasskeys(db, c.userId);
  if (passkeys.length === 0) {
    throw new DomainError('no_passkey_yet', 'You have no passkey yet. Confirm with your password.');
  }
  const options = await generateAuthenticationOptions({
    rpID: c.rp.id,
    allowCredentials: passkeys.map((p) => ({ id: p.id, transports: transportsOf(p) })),
    userVerification: 'preferred',
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
  });
  await issueWebAuthnChallenge(db, {
    challenge: options.challenge,
    purpose: 'authentication',
    userId: c.userId,
    now: c.now,
  });
  return options;
}
