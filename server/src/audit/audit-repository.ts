import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** A page of the organisation's audit log, newest first, with the names of actor and target. */
export async function listAuditEvents(
  db: Kysely<DB>,
  organisationId: string,
  page: { before: string | undefined; limit: number },
) {
  let q = db
    .selectFrom('audit_events as e')
    .leftJoin('users as actor', 'actor.id', 'e.actor_user_id')
    .leftJoin('users as target', 'target.id', 'e.target_user_id')
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
    ])
    .where('e.organisation_id', '=', organisationId)
    .orderBy('e.id', 'desc')
    .limit(page.limit);
  if (page.before) q = q.where('e.id', '<', page.before);
  return q.execute();
}
