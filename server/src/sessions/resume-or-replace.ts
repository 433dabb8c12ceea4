import type { Kysely } from 'kysely';
import type { ActiveSession } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { DB, Session } from '../db/schema.js';
import { createSession, endSessions } from './session-repository.js';

export interface RegisterLogin {
  /** The session this browser's cookie holds, if any: on a locked register, the one it locked on. */
  current: ActiveSession | null;
  organisationId: string;
  userId: string;
  deviceId: string;
  ip: string | null;
  now: number;
}

/**
 * Where a PIN login's session comes from. Lock keeps a register's session: the same person's PIN
 * on the same register resumes it (no new session, and without the admin access a password
 * step-up gave, since a PIN alone never opens the admin environment), and anyone else's ends it
 * and opens theirs. `token` is null for a resumed session: its cookie stays as it is.
 */
export async function resumeOrReplaceSession(
  trx: Kysely<DB>,
  l: RegisterLogin,
): Promise<{ session: Session; token: string | null }> {
  const { current } = l;
  if (
    current !== null &&
    current.session.kind === 'register' &&
    current.session.device_id === l.deviceId &&
    current.session.user_id === l.userId
  ) {
    await resumeSession(trx, current.session.id, l.now);
    return { session: { ...current.session, stepped_up_at: null, last_seen_at: l.now }, token: null };
  }
  if (current !== null) {
    await endSessions(trx, { sessionId: current.session.id }, { now: l.now });
    // Someone else's session on this register ended by this login, not by an admin or by its user.
    if (current.user.id !== l.userId && current.session.organisation_id === l.organisationId) {
      await recordAudit(
        trx,
        { organisationId: l.organisationId, actorUserId: l.userId, ip: l.ip, now: l.now },
        { type: 'session.switched_user', targetUserId: current.user.id, deviceId: l.deviceId },
      );
    }
  }
  const { organisationId, userId, deviceId, ip, now } = l;
  return createSession(trx, { organisationId, userId, kind: 'register', deviceId, ip, now });
}

/** The session goes on, as used now, without its step-up. */
async function resumeSession(db: Kysely<DB>, id: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, stepped_up_at: null })
    .where('id', '=', id)
    .execute();
}
