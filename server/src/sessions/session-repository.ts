import type { Kysely } from 'kysely';
import type { SessionKind } from '@tapin/shared';
import type { DB, Organisation, Session, User } from '../db/schema.js';
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
  await db.insertInto('sessions').values(session).execute();
  return { token, session };
}

export interface ActiveSession {
  session: Session;
  user: User;
  organisation: Organisation;
}

/** Finds the live session behind a cookie token, or null; slides `last_seen_at`. */
export async function findActiveSession(
  db: Kysely<DB>,
  token: string,
  now: number,
): Promise<ActiveSession | null> {
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', hashSessionToken(token))
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (!session) return null;
  // Expired by its absolute lifetime, or a web session left idle.
  if (session.expires_at <= now) return null;
  if (session.kind === 'web' && session.last_seen_at + WEB_SESSION_IDLE_MS <= now) return null;
  const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  const organisation = await db
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', session.organisation_id)
    .executeTakeFirst();
  if (!user || !organisation) return null;
  if (now - session.last_seen_at > TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', session.id).execute();
  }
  return { session, user, organisation };
}

export async function endSession(db: Kysely<DB>, sessionId: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: now, token_hash: null })
    .where('id', '=', sessionId)
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends every live session of a user, e.g. when they lose the right to log in. */
export async function endUserSessions(db: Kysely<DB>, userId: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: now, token_hash: null })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends every live session opened on a device: used by Revoke. */
export async function endDeviceSessions(db: Kysely<DB>, deviceId: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: now, token_hash: null })
    .where('device_id', '=', deviceId)
    .where('ended_at', 'is', null)
    .execute();
}

export async function markSteppedUp(db: Kysely<DB>, sessionId: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ stepped_up_at: now }).where('id', '=', sessionId).execute();
}
