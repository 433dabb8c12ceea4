import type { Kysely } from 'kysely';
import type { DB, Session } from '../db/schema.js';
import { recordAudit } from '../audit/record-audit.js';
import { ApiError, invalidCredentials } from '../http/api-error.js';
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
    throw new ApiError(401, 'passkey_not_registered', "This passkey isn't registered here");
  }
  const { user, detail } = refusal;
  const type = refusal.failure === 'counter_regressed' ? 'passkey.counter_regressed' : 'login.passkey_failed';
  const { stepUp } = ctx;
  if (stepUp && refusal.failure === 'wrong_user') {
    // Somebody else's passkey, possibly of another organisation: recorded against the session's
    // user, without naming the passkey or its owner.
    await recordAudit(db, {
      organisationId: stepUp.organisation_id,
      type,
      targetUserId: stepUp.user_id,
      deviceId: stepUp.device_id,
      ip: ctx.ip,
      detail: { stepUp: true, reason: refusal.failure },
      now: ctx.now,
    });
  } else {
    await recordAudit(db, {
      organisationId: user.organisation_id,
      type,
      targetUserId: user.id,
      deviceId: stepUp?.device_id ?? null,
      ip: ctx.ip,
      detail: { ...detail, ...(stepUp && { stepUp: true }) },
      now: ctx.now,
    });
  }
  throw invalidCredentials();
}
