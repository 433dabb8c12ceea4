import type { Context } from 'hono';
import type { SessionJSON, SessionKind } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import type { Organisation, Session, User } from '../db/schema.js';
import { writeSessionCookie } from './session-cookie.js';
import { sessionJSON } from './session-json.js';
import { createSession } from './session-repository.js';

/**
 * The end of every successful login (setup, password, passkey, PIN): a new session, its cookie,
 * and the session as the client sees it.
 */
export async function openSession(
  c: Context<AppEnv>,
  deps: AppDeps,
  s: { user: User; organisation: Organisation; kind: SessionKind; deviceId: string | null; now: number },
  extra: Parameters<typeof sessionJSON>[2] = {},
): Promise<SessionJSON> {
  const { token, session } = await createSession(deps.database.db, {
    organisationId: s.organisation.id,
    userId: s.user.id,
    kind: s.kind,
    deviceId: s.deviceId,
    ip: c.get('ip'),
    now: s.now,
  });
  return sessionReply(c, deps, { token, session, user: s.user, organisation: s.organisation }, s.now, extra);
}

/** The cookie and the answer for a session that was just created, once it is committed. */
export function sessionReply(
  c: Context<AppEnv>,
  deps: AppDeps,
  opened: { token: string; session: Session; user: User; organisation: Organisation },
  now: number,
  extra: Parameters<typeof sessionJSON>[2] = {},
): SessionJSON {
  writeSessionCookie(c, opened.token, deps.config.secureCookies);
  return sessionJSON(opened, now, extra);
}
