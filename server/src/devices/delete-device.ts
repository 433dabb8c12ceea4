import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { deleteDeviceSessions } from '../sessions/session-repository.js';
import { deviceOfActor } from './change-device.js';
import { deleteDeviceRow } from './device-repository.js';
import { forgetDevicePublicKey } from './device-key.js';

/** Delete: the device leaves the list, and its sessions end and leave the history with it. */
export async function deleteDevice(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const device = await deviceOfActor(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await deleteDeviceSessions(trx, device.id);
    await deleteDeviceRow(trx, device.id);
    await recordAudit(trx, auditScope(actor), {
      type: 'device.deleted',
      deviceId: device.id,
      detail: { name: device.name },
    });
  });
  forgetDevicePublicKey(device.id);
}
