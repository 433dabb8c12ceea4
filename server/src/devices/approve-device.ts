import type { Kysely } from 'kysely';
import type { ApproveDeviceRequest, DeviceJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { deviceJSON } from './device-json.js';
import { canonicalPublicKey, deviceIdOf } from './device-key.js';
import { findDevice, findDeviceById, insertDevice, updateDevice } from './device-repository.js';

/**
 * Approve: registers the device's public key under a name, so that PIN login works on it. A device
 * approved before (even revoked or locked) is approved again with a clean slate, and a lock it
 * clears is audited as an unlock; one of another organisation is refused. `created` tells a first approval from a repeated one.
 */
export async function approveDevice(
  db: Kysely<DB>,
  actor: Actor,
  { name, publicKey }: ApproveDeviceRequest,
): Promise<{ device: DeviceJSON; created: boolean }> {
  const id = await deviceIdOf(publicKey);
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
