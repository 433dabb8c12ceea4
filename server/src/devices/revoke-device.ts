import type { Kysely } from 'kysely';
import type { DeviceJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { endSessions } from '../sessions/session-repository.js';
import { changeDevice } from './change-device.js';
import { forgetDevicePublicKey } from './device-key.js';
import { updateDevice } from './device-repository.js';

/** Revoke: the device stays listed, but PIN login on it stops and its sessions end at once. */
export async function revokeDevice(db: Kysely<DB>, actor: Actor, id: string): Promise<DeviceJSON> {
  const revoked = await changeDevice(db, actor, id, 'device.revoked', async (trx, device) => {
    await updateDevice(trx, device.id, { revoked_at: actor.now });
    await endSessions(trx, { deviceId: device.id }, { now: actor.now });
    return { name: device.name };
  });
  forgetDevicePublicKey(id);
  return revoked;
}
