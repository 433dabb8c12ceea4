import type { Kysely } from 'kysely';
import type { AuditEventType, DeviceJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit, type AuditEvent } from '../audit/record-audit.js';
import type { DB, Device, DeviceUpdate } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { assertVersion, editedElsewhere } from '../errors/edited-elsewhere.js';
import { findUserName } from '../users/user-repository.js';
import { deviceJSON } from './device-json.js';
import { findDevice, updateDeviceAt } from './device-repository.js';

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

/** What one management action writes to a device, what its audit entry says, and what follows. */
export interface DeviceChange {
  set: Omit<DeviceUpdate, 'version'>;
  detail: AuditEvent['detail'];
  then?: (trx: Kysely<DB>) => Promise<void>;
}

/**
 * One management action on a device of the actor's organisation, seen at `version`: the change
 * and its audit entry in one transaction, then the device as it is now. A device changed since
 * it was seen is left as it is (`edited_elsewhere`).
 */
export async function changeDevice(
  db: Kysely<DB>,
  actor: Actor,
  target: { id: string; version: number },
  type: AuditEventType,
  change: (device: Device) => DeviceChange,
): Promise<DeviceJSON> {
  const device = await deviceOfActor(db, actor, target.id);
  assertVersion(device, target.version, 'device');
  await db.transaction().execute(async (trx) => {
    const { set, detail, then } = change(device);
    if (!(await updateDeviceAt(trx, device.id, target.version, set))) throw editedElsewhere('device');
    await then?.(trx);
    await recordAudit(trx, auditScope(actor), { type, deviceId: device.id, detail });
  });
  return deviceWithApprover(db, await deviceOfActor(db, actor, device.id));
}
