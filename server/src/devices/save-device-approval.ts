import type { Kysely } from 'kysely';
import type { DeviceJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { deviceJSON } from './device-json.js';
import { findDevice, findDeviceById, insertDevice, updateDevice } from './device-repository.js';

/**
 * Registers a device's public key under a name, for either way of approving it (on the device, or
 * with a code from afar), inside the caller's transaction. A device approved before (even revoked
 * or locked) is approved again with a clean slate, and a lock it clears is audited as an unlock;
 * one of another organisation is refused. `created` tells a first approval from a repeated one.
 */
export async function saveDeviceApproval(
  trx: Kysely<DB>,
  actor: Actor,
  d: { id: string; publicKeyJwk: string; name: string; withCode?: boolean },
): Promise<{ device: DeviceJSON; created: boolean }> {
  const orgId = actor.organisation.id;
  const existing = await findDeviceById(trx, d.id);
  if (existing && existing.organisation_id !== orgId) {
    throw new DomainError('device_in_other_organisation', 'This device is approved for another organisation');
  }
  const approved = {
    name: d.name,
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
  if (existing) await updateDevice(trx, d.id, approved);
  else {
    await insertDevice(trx, {
      id: d.id,
      organisation_id: orgId,
      public_key_jwk: d.publicKeyJwk,
      last_login_at: null,
      ...approved,
    });
  }
  const scope = auditScope(actor);
  await recordAudit(trx, scope, {
    type: 'device.approved',
    deviceId: d.id,
    detail: { name: d.name, again: existing !== undefined, ...(d.withCode && { withCode: true }) },
  });
  // Approving again clears a lock too; that must read as an unlock, as the Unlock action does.
  if (existing?.locked_at != null) {
    await recordAudit(trx, scope, {
      type: 'device.unlocked',
      deviceId: d.id,
      detail: { name: d.name, byApproval: true, failedAttempts: existing.failed_attempts },
    });
  }
  const device = await findDevice(trx, orgId, d.id);
  if (!device) throw new Error('the approved device vanished inside its transaction');
  return { device: deviceJSON(device, actor.user.name), created: !existing };
}
