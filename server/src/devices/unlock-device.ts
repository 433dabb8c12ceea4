import type { Kysely } from 'kysely';
import type { DeviceJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { changeDevice } from './change-device.js';

/** Unlocks a device locked after too many wrong PINs, and starts its failure count afresh. */
export function unlockDevice(
  db: Kysely<DB>,
  actor: Actor,
  target: { id: string; version: number },
): Promise<DeviceJSON> {
  return changeDevice(db, actor, target, 'device.unlocked', (device) => ({
    set: { locked_at: null, failed_attempts: 0, last_failed_at: null },
    detail: { name: device.name },
  }));
}
