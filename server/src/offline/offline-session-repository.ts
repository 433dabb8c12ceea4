import type { Kysely } from 'kysely';
import type { LoginMethod } from '@tapin/shared';
import type { DB, Session } from '../db/schema.js';

/** An uploaded offline session, found by the idempotency key its device gave it. */
export async function findSessionByIdempotencyKey(
  db: Kysely<DB>,
  key: string,
): Promise<{ id: string; ended_at: number | null } | undefined> {
  return db
    .selectFrom('sessions')
    .select(['id', 'ended_at'])
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function insertSession(db: Kysely<DB>, session: Session): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** Records when a session ended, as a device reports it after an outage. */
export async function setSessionEnded(db: Kysely<DB>, id: string, endedAt: number): Promise<void> {
  await db.updateTable('sessions').set({ ended_at: endedAt }).where('id', '=', id).execute();
}

/**
 * The users who logged in online by PIN on this device since `since`, and may still log in by
 * PIN, each with their latest such login: who may log in offline there.
 */
export async function recentPinLoginsOnDevice(
  db: Kysely<DB>,
  c: { organisationId: string; deviceId: string; since: number; pinMethods: LoginMethod[] },
) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.role'])
    .select((eb) => eb.fn.max('sessions.created_at').as('last_login'))
    .where('sessions.device_id', '=', c.deviceId)
    .where('sessions.offline', '=', 0)
    .where('sessions.kind', '=', 'register')
    .where('sessions.created_at', '>', c.since)
    .where('users.organisation_id', '=', c.organisationId)
    .where('users.login_method', 'in', c.pinMethods)
    .where('users.pin_hmac', 'is not', null)
    .groupBy(['users.id', 'users.name', 'users.role'])
    .execute();
}
