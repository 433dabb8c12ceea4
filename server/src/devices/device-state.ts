import type { Kysely } from 'kysely';
import type { DeviceStateJSON } from '@tapin/shared';
import type { DB } from '../db/schema.js';
import { findDeviceState } from './device-repository.js';

/**
 * What a device needs to choose its login screen. Locked reads as approved: the lock is not
 * announced to whoever holds the device.
 */
export async function deviceState(db: Kysely<DB>, deviceId: string, now: number): Promise<DeviceStateJSON> {
  const row = await findDeviceState(db, deviceId);
  return {
    state: !row ? 'unknown' : row.revoked_at !== null ? 'revoked' : 'approved',
    pinLoginActive: row?.pin_login_active === 1,
    serverTime: new Date(now).toISOString(),
  };
}
