import { createMiddleware } from 'hono/factory';
import { hasAdminAccess as sharedHasAdminAccess, isAdminRole } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { ApiError } from '../http/api-error.js';
import { clientIp } from '../http/client-ip.js';
import { readSessionCookie } from './session-cookie.js';
import { findActiveSession, type ActiveSession } from './session-repository.js';

/** Resolves the cookie to a live session (or null) and the client IP, for every API request. */
export function loadSession(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('ip', clientIp(c, deps.config.trustProxy));
    const token = readSessionCookie(c, deps.config.secureCookies);
    c.set('auth', token ? await findActiveSession(deps.database.db, token, deps.clock.now()) : null);
    await next();
  });
}

export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('auth')) throw new ApiError(401, 'unauthenticated', 'Log in first');
  await next();
});

/** True when this session may use the admin environment right now. */
export function hasAdminAccess(auth: ActiveSession, now: number): boolean {
  return sharedHasAdminAccess(
    { role: auth.user.role, kind: auth.session.kind, steppedUpAt: auth.session.stepped_up_at },
    now,
  );
}

/** Admins and managers in a password or passkey session, or a register session that stepped up. */
export function requireAdminAccess(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const auth = c.get('auth');
    if (!auth) throw new ApiError(401, 'unauthenticated', 'Log in first');
    if (!isAdminRole(auth.user.role)) {
      throw new ApiError(403, 'forbidden', 'Only an admin or manager can do this');
    }
    if (!hasAdminAccess(auth, deps.clock.now())) {
      throw new ApiError(403, 'step_up_required', 'Confirm it is you with your password or a passkey');
    }
    await next();
  });
}

/** The session of a route behind requireSession. */
export function authOf(c: { get(key: 'auth'): ActiveSession | null }): ActiveSession {
  const auth = c.get('auth');
  if (!auth) throw new ApiError(401, 'unauthenticated', 'Log in first');
  return auth;
}
