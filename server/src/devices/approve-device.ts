import type { Kysely } from 'kysely';
import { DeviceApprovalProofPayload, type ApproveDeviceRequest, type DeviceJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { checkApprovalChallenge } from './device-challenges.js';
import { deviceJSON } from './device-json.js';
import { canonicalPublicKey, deviceIdOf } from './device-key.js';
import { findDevice, findDeviceById, insertDevice, updateDevice } from './device-repository.js';
import { verifyDeviceProof } from './verify-device-proof.js';

/**
 * Approve: registers the device's public key under a name, so that PIN login works on it. A device
 * approved before (even revoked or locked) is approved again with a clean slate, and a lock it
 * clears is audited as an unlock; one of another organisation is refused. `created` tells a first approval from a repeated one.
 */
export async function approveDevice(
  db: Kysely<DB>,
  actor: Actor,
  { name, publicKey, proof }: ApproveDeviceRequest,
  challengeKey: Buffer,
): Promise<{ device: DeviceJSON; created: boolean }> {
  const id = await deviceIdOf(publicKey);
  // The device proves it holds the private key it registers, over a challenge issued to it.
  const signed = verifyDeviceProof(
    { id, public_key_jwk: canonicalPublicKey(publicKey) },
    proof,
    DeviceApprovalProofPayload,
  );
  if (!signed || !checkApprovalChallenge(challengeKey, id, signed.challenge, actor.now)) {
    throw new DomainError(
      'device_proof_invalid',
      'This device could not prove that it holds its key. Try approving it again.',
    );
  }
  const orgId = actor.organisation.id;
  return db.transaction().execute(async (trx) => {
    const existing = await findDeviceById(trx, id);
    if (existing && existing.organisation_id !== orgId) {
      throw new DomainError(
        'device_in_other_organisation',
        'This device is approved for another organisation',
      );
    }
    const approved = {
      name,
      revoked_at: null,
      locked_at: null,
      failed_attempts: 0,
      last_failed_at: null,
      approved_by: actor.user.id,
      approved_at: actor.now,
      // Challenges handed out before this approval (or while revoked) are spent with it.
      pin_challenge_at: Math.max(actor.now, (existing?.pin_challenge_at ?? 0) + 1),
      upload_challenge_at: Math.max(actor.now, (existing?.upload_challenge_at ?? 0) + 1),
    };
    if (existing) await updateDevice(trx, id, approved);
    else {
      await insertDevice(trx, {
        id,
        organisation_id: orgId,
        public_key_jwk: canonicalPublicKey(publicKey),
        last_login_at: null,
        ...approved,
      });
    }
    const scope = auditScope(actor);
    await recordAudit(trx, scope, {
      type: 'device.approved',
      deviceId: id,
      detail: { name, again: existing !== undefined },
    });
    // Approving again clears a lock too; that must read as an unlock, as the Unlock action does.
    if (existing?.locked_at != null) {
      await recordAudit(trx, scope, {
        type: 'device.unlocked',
        deviceId: id,
        detail: { name, byApproval: true, failedAttempts: existing.failed_attempts },
      });
    }
    const device = await findDevice(trx, orgId, id);
    if (!device) throw new Error('the approved device vanished inside its transaction');
    return { device: deviceJSON(device, actor.user.name), created: !existing };
  });
}
