import type { Kysely } from 'kysely';
import type { AuditEventType, DeviceJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit, type AuditEvent } from '../audit/record-audit.js';
import type { DB, Device } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { findUserName } from '../users/user-repository.js';
import { deviceJSON } from './device-json.js';
import { findDevice } from './device-repository.js';

/** A device of the actor's organisation, or 404. */
export async function deviceOfActor(db: Kysely<DB>, actor: Actor, id: string): Promise<Device> {
  const device = await findDevice(db, actor.organisation.id, id);
  if (!device) throw new DomainError('not_found', 'No such device');
  return device;
}

/** A device as the API shows it, with the name of whoever approved it. */
export async function deviceWithApprover(db: Kysely<DB>, device: Device): Promise<DeviceJSON> {
  return deviceJSON(device, device.approved_by ? await findUserName(db, device.approved_by) : null);
}

/**
 * One management action on a device of the actor's organisation: the change and its audit entry
 * in one transaction, then the device as it is now.
 */
export async function changeDevice(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  type: AuditEventType,
  change: (trx: Kysely<DB>, device: Device) => Promise<AuditEvent['detail']>,
): Promise<DeviceJSON> {
  const device = await deviceOfActor(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const detail = await change(trx, device);
    await recordAudit(trx, auditScope(actor), { type, deviceId: device.id, detail });
  });
  return deviceWithApprover(db, await deviceOfActor(db, actor, device.id));
}
