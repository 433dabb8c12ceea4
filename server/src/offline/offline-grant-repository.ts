import type { Kysely } from 'kysely';
import type { DB, OfflineGrantTable } from '../db/schema.js';

export type OfflineGrant = Pick<OfflineGrantTable, 'id' | 'user_id' | 'valid_from' | 'valid_until'>;

/** The grants of these users on this device that have not ended by `now`. */
export async function currentGrants(
  db: Kysely<DB>,
  c: { deviceId: string; userIds: string[]; now: number },
): Promise<OfflineGrant[]> {
  if (c.userIds.length === 0) return [];
  return db
    .selectFrom('offline_grants')
    .select(['id', 'user_id', 'valid_from', 'valid_until'])
    .where('device_id', '=', c.deviceId)
    .where('user_id', 'in', c.userIds)
    .where('valid_until', '>=', c.now)
    .execute();
}

/** Every grant of these users of the organisation on this device, whatever its time. */
export async function grantsOnDevice(
  db: Kysely<DB>,
  c: { deviceId: string; organisationId: string; userIds: string[] },
): Promise<OfflineGrant[]> {
  if (c.userIds.length === 0) return [];
  return db
    .selectFrom('offline_grants as g')
    .innerJoin('users', 'users.id', 'g.user_id')
    .select(['g.id', 'g.user_id', 'g.valid_from', 'g.valid_until'])
    .where('g.device_id', '=', c.deviceId)
    .where('users.organisation_id', '=', c.organisationId)
    .where('g.user_id', 'in', c.userIds)
    .execute();
}

export async function insertGrant(db: Kysely<DB>, grant: OfflineGrantTable): Promise<void> {
  await db.insertInto('offline_grants').values(grant).execute();
}

export async function extendGrant(db: Kysely<DB>, id: string, validUntil: number): Promise<void> {
  await db.updateTable('offline_grants').set({ valid_until: validUntil }).where('id', '=', id).execute();
}
