import { createMiddleware } from 'hono/factory';
import { BACKGROUND_HEADER } from '@tapin/shared';
import type { ActiveSession } from '../access/actor.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { clientIp } from '../http/client-ip.js';
import { readSessionCookie } from './session-cookie.js';
import { registerSessionIdle } from './session-policy.js';
import { endSessions, findActiveSession, touchSession } from './session-repository.js';

/**
 * Resolves the cookie to a live session (or null) and the client IP, for every API request. A
 * register session left unused past the organisation's idle lock is ended here, before any route
 * sees it, so requireAccess refuses it as it refuses no session at all.
 */
export function loadSession(deps: AppDeps) {
  const { db } = deps.database;
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('ip', clientIp(c, deps.config.trustProxy));
    const token = readSessionCookie(c, deps.config.secureCookies);
    const now = deps.clock.now();
    let auth: ActiveSession | null = token ? await findActiveSession(db, token, now) : null;
    if (auth && registerSessionIdle(auth, now)) {
      await endSessions(db, { sessionId: auth.session.id }, { now });
      auth = null;
    }
    // The client's own periodic checks are not use of the session.
    if (auth && c.req.header(BACKGROUND_HEADER) !== '1') await touchSession(db, auth.session, now);
    c.set('auth', auth);
    await next();
  });
}
