import type { Kysely } from 'kysely';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import {
  PASSKEYS_PER_USER_MAX,
  type FinishPasskeyRegistrationRequest,
  type PasskeyJSON,
} from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB, Passkey } from '../db/schema.js';
import { uniqueViolation } from '../db/unique-violation.js';
import { DomainError } from '../errors/domain-error.js';
import { passkeyLimitReached } from './begin-passkey-registration.js';
import { passkeyJSON } from './passkey-json.js';
import { countPasskeys, findPasskey, insertPasskey } from './passkey-repository.js';
import type { RelyingParty } from './relying-party.js';
import { consumeWebAuthnChallenge } from './webauthn-challenges.js';

const alreadyRegistered = () =>
  new DomainError('passkey_already_registered', 'This passkey is already registered');

/** My account > Passkeys > Add a passkey, second half: verify the browser's answer and store it. */
export async function addPasskey(
  db: Kysely<DB>,
  actor: Actor,
  rp: RelyingParty,
  { name, response }: FinishPasskeyRegistrationRequest,
): Promise<PasskeyJSON> {
  const { user, now } = actor;
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: (challenge) =>
        consumeWebAuthnChallenge(db, { challenge, purpose: 'registration', userId: user.id, now }),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch {
    verification = { verified: false as const };
  }
  if (!verification.verified) {
    throw new DomainError('bad_request', 'This passkey could not be verified. Try adding it again.');
  }
  const info = verification.registrationInfo;
  if (await findPasskey(db, info.credential.id)) throw alreadyRegistered();
  const passkey: Passkey = {
    id: info.credential.id,
    user_id: user.id,
    organisation_id: actor.organisation.id,
    name,
    public_key: isoBase64URL.fromBuffer(info.credential.publicKey),
    counter: info.credential.counter,
    challenge_at: 0,
    transports: JSON.stringify(info.credential.transports ?? []),
    device_type: info.credentialDeviceType,
    backed_up: info.credentialBackedUp ? 1 : 0,
    created_at: now,
    last_used_at: null,
  };
  await db.transaction().execute(async (trx) => {
    if ((await countPasskeys(trx, user.id)) >= PASSKEYS_PER_USER_MAX) throw passkeyLimitReached();
    try {
      await insertPasskey(trx, passkey);
    } catch (err) {
      if (uniqueViolation(err)) throw alreadyRegistered();
      throw err;
    }
    await recordAudit(trx, auditScope(actor), {
      type: 'passkey.added',
      targetUserId: user.id,
      deviceId: actor.session.device_id,
      detail: { name, deviceType: passkey.device_type, backedUp: passkey.backed_up === 1 },
    });
  });
  return passkeyJSON(passkey);
}
