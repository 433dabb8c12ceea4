import type { Kysely } from 'kysely';
import type { ApproveWithCodeRequest, DeviceJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { saveDeviceApproval } from '../devices/save-device-approval.js';
import { spendRequest } from './approval-code-repository.js';
import { enterApprovalCode, invalidApprovalCode } from './enter-approval-code.js';

/**
 * `POST /api/approval-codes/approve`: approves the device that asked for this code, under the
 * name the approver gives it. The key approved is the one the device proved it holds when it
 * asked, so the code approves that device and no other.
 */
export async function approveWithCode(
  db: Kysely<DB>,
  codeKey: Buffer,
  actor: Actor,
  { code, name }: ApproveWithCodeRequest,
): Promise<{ device: DeviceJSON; created: boolean }> {
  const request = await enterApprovalCode(db, codeKey, actor, code);
  const approved = await db.transaction().execute(async (trx) => {
    // Spent in the same transaction as the approval: of parallel entries of one code, one
    // approves and the others find it used.
    const spent = await spendRequest(trx, {
      id: request.id,
      organisationId: actor.organisation.id,
      approvedBy: actor.user.id,
      now: actor.now,
    });
    if (!spent) return null;
    const saved = await saveDeviceApproval(trx, actor, {
      id: request.device_id,
      publicKeyJwk: request.public_key_jwk,
      name,
      withCode: true,
    });
    await recordAudit(trx, auditScope(actor), {
      type: 'approval_code.approved',
      deviceId: request.device_id,
      detail: {
        name,
        browser: request.browser,
        operatingSystem: request.operating_system,
        requestedFrom: request.ip,
      },
    });
    return saved;
  });
  if (!approved) {
    await recordAudit(db, auditScope(actor), {
      type: 'approval_code.wrong',
      deviceId: request.device_id,
      detail: { reason: 'used' },
    });
    throw invalidApprovalCode();
  }
  return approved;
}
