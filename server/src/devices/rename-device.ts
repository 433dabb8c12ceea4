import type { Kysely } from 'kysely';
import type { DeviceJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { changeDevice } from './change-device.js';
import { updateDevice } from './device-repository.js';

/** Edit name: what the device is called in Settings and on its own PIN screen. */
export function renameDevice(db: Kysely<DB>, actor: Actor, id: string, name: string): Promise<DeviceJSON> {
  return changeDevice(db, actor, id, 'device.renamed', async (trx, device) => {
    await updateDevice(trx, device.id, { name });
    return { from: device.name, to: name };
  });
}
