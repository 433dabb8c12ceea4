import type { Kysely } from 'kysely';
import type { DeviceJSON, RenameDeviceRequest } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { changeDevice } from './change-device.js';

/** Edit name: what the device is called in Settings and on its own PIN screen. */
export function renameDevice(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  { name, version }: RenameDeviceRequest,
): Promise<DeviceJSON> {
  return changeDevice(db, actor, { id, version }, 'device.renamed', (device) => ({
    set: { name },
    detail: { from: device.name, to: name },
  }));
}
