import type { Kysely } from 'kysely';
import type { ApprovalCodeDetailsJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { findDevice } from '../devices/device-repository.js';
import { approvalCodeDetailsJSON } from './approval-code-json.js';
import { enterApprovalCode } from './enter-approval-code.js';

/** `POST /api/approval-codes/look-up`: what asked for this code, shown before it is approved. */
export async function lookUpApprovalCode(
  db: Kysely<DB>,
  codeKey: Buffer,
  actor: Actor,
  code: string,
): Promise<ApprovalCodeDetailsJSON> {
  const request = await enterApprovalCode(db, codeKey, actor, code);
  const before = await findDevice(db, actor.organisation.id, request.device_id);
  return approvalCodeDetailsJSON(request, before?.name ?? null);
}
