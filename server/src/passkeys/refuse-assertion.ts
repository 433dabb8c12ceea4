import type { Kysely } from 'kysely';
import type { DB, Session } from '../db/schema.js';
import { recordAudit } from '../audit/record-audit.js';
import { DomainError, invalidCredentials } from '../errors/domain-error.js';
import type { AssertionResult } from './verify-passkey-assertion.js';

type Refusal = Extract<AssertionResult, { ok: false }>;

/**
 * Audits a refused passkey login or step-up and throws the answer. A passkey this server does not
 * know gets its own code, so the browser can say so (and forget it); every other refusal is the
 * generic invalid_credentials.
 */
export async function refuseAssertion(
  db: Kysely<DB>,
  refusal: Refusal,
  ctx: { ip: string | null; now: number; stepUp?: Session },
): Promise<never> {
  if (refusal.failure === 'unknown_passkey') {
    throw new DomainError('passkey_not_registered', "This passkey isn't registered here");
  }
  const { user, detail } = refusal;
  const type = refusal.failure === 'counter_regressed' ? 'passkey.counter_regressed' : 'login.passkey_failed';
  const { stepUp } = ctx;
  // Somebody else's passkey in a step-up, possibly of another organisation, is recorded against
  // the session's user, without naming the passkey or its owner.
  const foreign = stepUp !== undefined && refusal.failure === 'wrong_user';
  const about = foreign
    ? { organisationId: stepUp.organisation_id, userId: stepUp.user_id }
    : { organisationId: user.organisation_id, userId: user.id };
  await recordAudit(
    db,
    { organisationId: about.organisationId, actorUserId: null, ip: ctx.ip, now: ctx.now },
    {
      type,
      targetUserId: about.userId,
      deviceId: stepUp?.device_id ?? null,
      detail: foreign
        ? { stepUp: true, reason: refusal.failure }
        : { ...detail, ...(stepUp && { stepUp: true }) },
    },
  );
  throw invalidCredentials();
}
