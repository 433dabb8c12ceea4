import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { ApprovalCodeRequestRow, DB } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { releaseAttempt, reserveAttempt, type AttemptBudget } from '../rate-limit/attempt-budget.js';
import { approverCodeBudget, organisationCodeBudget } from './approval-code-policy.js';
import { claimRequest, findRequestByCodeHash } from './approval-code-repository.js';
import { hashApprovalCode } from './approval-code-secret.js';

export const invalidApprovalCode = () =>
  new DomainError('approval_code_invalid', 'That code does not work. Check it on the device.', {
    field: 'code',
  });

/**
 * An admin or manager enters a device's code (to see who asked, or to approve): the request it
 * belongs to, now this organisation's. Codes that do not work are counted per approver and per
 * organisation before they are looked up, so that guesses in parallel cannot pass the limits, and
 * every one is audited. The first organisation to enter a code keeps it: to any other it is
 * worthless, and it answers as if it did not exist.
 */
export async function enterApprovalCode(
  db: Kysely<DB>,
  codeKey: Buffer,
  actor: Actor,
  code: string,
): Promise<ApprovalCodeRequestRow> {
  // A device approved now could not use PIN login; and the device only asks while it is on.
  if (actor.organisation.pin_login_active !== 1) {
    throw new DomainError('pin_login_inactive', 'Activate Log in with PIN code before approving devices');
  }
  const budgets = [approverCodeBudget(actor.user.id), organisationCodeBudget(actor.organisation.id)];
  await reserveAll(db, budgets, actor.now);
  const orgId = actor.organisation.id;
  const scope = auditScope(actor);
  const request = await findRequestByCodeHash(db, hashApprovalCode(codeKey, code));
  const ours = request !== undefined && (request.organisation_id ?? orgId) === orgId;
  if (!request || !ours || request.approved_at !== null) {
    await recordAudit(db, scope, {
      type: 'approval_code.wrong',
      // A code this organisation used already may say so; about others' codes nothing is said.
      ...(ours && { deviceId: request.device_id, detail: { reason: 'used' } }),
    });
    throw invalidApprovalCode();
  }
  if (request.expires_at <= actor.now) {
    await recordAudit(db, scope, { type: 'approval_code.expired', deviceId: request.device_id });
    throw new DomainError(
      'approval_code_expired',
      'That code has expired. Ask for a new one on the device.',
      {
        field: 'code',
      },
    );
  }
  const claim = await db.transaction().execute(async (trx) => {
    const outcome = await claimRequest(trx, request.id, orgId);
    // The request now belongs to this organisation, so its log gets it, at the time it was made.
    if (outcome === 'claimed') {
      const asked = { organisationId: orgId, actorUserId: null, ip: request.ip, now: request.created_at };
      await recordAudit(trx, asked, {
        type: 'approval_code.requested',
        deviceId: request.device_id,
        detail: { browser: request.browser, operatingSystem: request.operating_system },
      });
    }
    return outcome;
  });
  if (claim === 'theirs') {
    await recordAudit(db, scope, { type: 'approval_code.wrong' });
    throw invalidApprovalCode();
  }
  // A code that works is no guess: it is not held against anyone.
  for (const budget of budgets) await releaseAttempt(db, budget, actor.now);
  return { ...request, organisation_id: orgId };
}

/** Reserves one attempt in each budget, or none: a refusal by one hands back the others. */
async function reserveAll(db: Kysely<DB>, budgets: AttemptBudget[], now: number): Promise<void> {
  const reserved: AttemptBudget[] = [];
  try {
    for (const budget of budgets) {
      await reserveAttempt(db, budget, now);
      reserved.push(budget);
    }
  } catch (err) {
    for (const budget of reserved) await releaseAttempt(db, budget, now);
    throw err;
  }
}
