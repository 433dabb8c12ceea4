import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** A page of the organisation's audit log, newest first, with the current names of who and what it is about. */
export async function listAuditEvents(
  db: Kysely<DB>,
  organisationId: string,
  page: { before: string | undefined; limit: number },
) {
  let q = db
    .selectFrom('audit_events as e')
    .leftJoin('users as actor', 'actor.id', 'e.actor_user_id')
    .leftJoin('users as target', 'target.id', 'e.target_user_id')
    .leftJoin('devices as device', (join) =>
      join.onRef('device.id', '=', 'e.device_id').onRef('device.organisation_id', '=', 'e.organisation_id'),
    )
    .select([
      'e.id',
      'e.type',
      'e.actor_user_id',
      'e.target_user_id',
      'e.device_id',
      'e.ip',
      'e.detail',
      'e.created_at',
      'actor.name as actor_name',
      'target.name as target_name',
      'device.name as device_name',
    ])
    .where('e.organisation_id', '=', organisationId)
    .orderBy('e.id', 'desc')
    .limit(page.limit);
  if (page.before) q = q.where('e.id', '<', page.before);
  return q.execute();
}

/**
 * The name each of these users and devices had when it was deleted, as its deletion's entry
 * records it (the last deletion, for a device approved again and deleted again).
 */
export async function namesAtDeletion(
  db: Kysely<DB>,
  organisationId: string,
  ids: { users: string[]; devices: string[] },
): Promise<{ users: Map<string, string>; devices: Map<string, string> }> {
  const names = { users: new Map<string, string>(), devices: new Map<string, string>() };
  if (ids.users.length === 0 && ids.devices.length === 0) return names;
  const rows = await db
    .selectFrom('audit_events')
    .select(['type', 'target_user_id', 'device_id', 'detail'])
    .where('organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        ...(ids.users.length > 0
          ? [eb.and([eb('type', '=', 'user.deleted'), eb('target_user_id', 'in', ids.users)])]
          : []),
        ...(ids.devices.length > 0
          ? [eb.and([eb('type', '=', 'device.deleted'), eb('device_id', 'in', ids.devices)])]
          : []),
      ]),
    )
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const name = (JSON.parse(row.detail) as { name?: unknown }).name;
    if (typeof name !== 'string') continue;
    if (row.type === 'user.deleted' && row.target_user_id) names.users.set(row.target_user_id, name);
    if (row.type === 'device.deleted' && row.device_id) names.devices.set(row.device_id, name);
  }
  return names;
}
