import type { Kysely } from 'kysely';
import type { SessionKind } from '@tapin/shared';
import type { ActiveSession } from '../access/actor.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { DB, Session } from '../db/schema.js';
import { randomId } from '../random-id.js';
import { SESSION_ABSOLUTE_MS, TOUCH_INTERVAL_MS, WEB_SESSION_IDLE_MS } from './session-policy.js';
import { hashSessionToken, newSessionToken } from './session-token.js';

export interface NewSession {
  organisationId: string;
  userId: string;
  kind: SessionKind;
  deviceId: string | null;
  ip: string | null;
  now: number;
}

// Every login ends here, so it is compiled once; what differs between sessions is a parameter.
const insertSession = preparedQuery(
  (
    db,
    id: string,
    tokenHash: string | null,
    organisationId: string,
    userId: string,
    kind: SessionKind,
    deviceId: string | null,
    ip: string | null,
    now: number,
    expiresAt: number,
  ) =>
    db.insertInto('sessions').values({
      id,
      token_hash: tokenHash,
      organisation_id: organisationId,
      user_id: userId,
      kind,
      device_id: deviceId,
      ip,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
      stepped_up_at: null,
      ended_at: null,
      offline: 0,
      idempotency_key: null,
    }),
);

export async function createSession(
  db: Kysely<DB>,
  s: NewSession,
): Promise<{ token: string; session: Session }> {
  const token = newSessionToken();
  const session: Session = {
    id: randomId(),
    token_hash: hashSessionToken(token),
    organisation_id: s.organisationId,
    user_id: s.userId,
    kind: s.kind,
    device_id: s.deviceId,
    ip: s.ip,
    created_at: s.now,
    expires_at: s.now + SESSION_ABSOLUTE_MS,
    last_seen_at: s.now,
    stepped_up_at: null,
    ended_at: null,
    offline: 0,
    idempotency_key: null,
  };
  await insertSession(
    db,
    session.id,
    session.token_hash,
    session.organisation_id,
    session.user_id,
    session.kind,
    session.device_id,
    session.ip,
    s.now,
    session.expires_at,
  );
  return { token, session };
}

/** Finds the live session behind a cookie token, with its user and organisation, in one query. */
export async function findActiveSession(
  db: Kysely<DB>,
  token: string,
  now: number,
): Promise<ActiveSession | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .selectAll('s')
    .select([
      'u.organisation_id as u_organisation_id',
      'u.name as u_name',
      'u.username as u_username',
      'u.role as u_role',
      'u.login_method as u_login_method',
      'u.password_hash as u_password_hash',
      'u.pin_hmac as u_pin_hmac',
      'u.created_at as u_created_at',
      'u.updated_at as u_updated_at',
      'u.version as u_version',
      'o.name as o_name',
      'o.pin_login_active as o_pin_login_active',
      'o.offline_grace_minutes as o_offline_grace_minutes',
      'o.idle_lock_minutes as o_idle_lock_minutes',
      'o.require_passkey as o_require_passkey',
      'o.register_language as o_register_language',
      'o.created_at as o_created_at',
      'o.version as o_version',
    ])
    .where('s.token_hash', '=', hashSessionToken(token))
    .where('s.ended_at', 'is', null)
    // Expired by its absolute lifetime, or a web session left idle.
    .where('s.expires_at', '>', now)
    .where((eb) => eb.or([eb('s.kind', '!=', 'web'), eb('s.last_seen_at', '>', now - WEB_SESSION_IDLE_MS)]))
    .executeTakeFirst();
  if (!row) return null;
  const session: Session = {
    id: row.id,
    token_hash: row.token_hash,
    organisation_id: row.organisation_id,
    user_id: row.user_id,
    kind: row.kind,
    device_id: row.device_id,
    ip: row.ip,
    created_at: row.created_at,
    expires_at: row.expires_at,
    last_seen_at: row.last_seen_at,
    stepped_up_at: row.stepped_up_at,
    ended_at: row.ended_at,
    offline: row.offline,
    idempotency_key: row.idempotency_key,
  };
  return {
    session,
    user: {
      id: session.user_id,
      organisation_id: row.u_organisation_id,
      name: row.u_name,
      username: row.u_username,
      role: row.u_role,
      login_method: row.u_login_method,
      password_hash: row.u_password_hash,
      pin_hmac: row.u_pin_hmac,
      created_at: row.u_created_at,
      updated_at: row.u_updated_at,
      version: row.u_version,
    },
    organisation: {
      id: session.organisation_id,
      name: row.o_name,
      pin_login_active: row.o_pin_login_active,
      offline_grace_minutes: row.o_offline_grace_minutes,
      idle_lock_minutes: row.o_idle_lock_minutes,
      require_passkey: row.o_require_passkey,
      register_language: row.o_register_language,
      created_at: row.o_created_at,
      version: row.o_version,
    },
  };
}

/** Records that a session was used, at most once per TOUCH_INTERVAL_MS so reads stay reads. */
export async function touchSession(db: Kysely<DB>, session: Session, now: number): Promise<void> {
  if (now - session.last_seen_at <= TOUCH_INTERVAL_MS) return;
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', session.id).execute();
}

/** Which live sessions to end. */
export type SessionScope =
  | { sessionId: string }
  | { userId: string }
  | { deviceId: string }
  | { organisationId: string; kind: SessionKind };

/**
 * The one way sessions end: logout, a changed credential or role, a removed passkey, a revoked
 * device, PIN login switched off, another person's PIN on a locked register. `except` keeps the session making the change.
 */
export async function endSessions(
  db: Kysely<DB>,
  scope: SessionScope,
  opts: { now: number; except?: string },
): Promise<void> {
  let q = db
    .updateTable('sessions')
    .set({ ended_at: opts.now, token_hash: null })
    .where('ended_at', 'is', null);
  if ('sessionId' in scope) q = q.where('id', '=', scope.sessionId);
  else if ('userId' in scope) q = q.where('user_id', '=', scope.userId);
  else if ('deviceId' in scope) q = q.where('device_id', '=', scope.deviceId);
  else q = q.where('organisation_id', '=', scope.organisationId).where('kind', '=', scope.kind);
  if (opts.except !== undefined) q = q.where('id', '!=', opts.except);
  await q.execute();
}

export async function markSteppedUp(db: Kysely<DB>, sessionId: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ stepped_up_at: now }).where('id', '=', sessionId).execute();
}

/** A deleted device's sessions leave the history with it. */
export async function deleteDeviceSessions(db: Kysely<DB>, deviceId: string): Promise<void> {
  await db.deleteFrom('sessions').where('device_id', '=', deviceId).execute();
}

export async function countDeviceSessions(db: Kysely<DB>, deviceId: string): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('device_id', '=', deviceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of a device's sessions, newest first, with the name of each session's user. */
export async function listDeviceSessions(
  db: Kysely<DB>,
  deviceId: string,
  page: { limit: number; offset: number },
) {
  return db
    .selectFrom('sessions')
    .leftJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'users.name as user_name',
      'sessions.ip',
      'sessions.created_at',
      'sessions.offline',
      'sessions.ended_at',
      'sessions.expires_at',
    ])
    .where('sessions.device_id', '=', deviceId)
    .orderBy('sessions.created_at', 'desc')
    .orderBy('sessions.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
