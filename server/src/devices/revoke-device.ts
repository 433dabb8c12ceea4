import type { Kysely } from 'kysely';
import type { DeviceJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { endSessions } from '../sessions/session-repository.js';
import { changeDevice } from './change-device.js';
import { forgetDevicePublicKey } from './device-key.js';

/** Revoke: the device stays listed, but PIN login on it stops and its sessions end at once. */
export async function revokeDevice(
  db: Kysely<DB>,
  actor: Actor,
  target: { id: string; version: number },
): Promise<DeviceJSON> {
  const revoked = await changeDevice(db, actor, target, 'device.revoked', (device) => ({
    set: { revoked_at: actor.now },
    detail: { name: device.name },
    then: (trx) => endSessions(trx, { deviceId: device.id }, { now: actor.now }),
  }));
  forgetDevicePublicKey(target.id);
  return revoked;
}
