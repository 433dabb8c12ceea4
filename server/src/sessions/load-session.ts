import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { clientIp } from '../http/client-ip.js';
import { readSessionCookie } from './session-cookie.js';
import { findActiveSession } from './session-repository.js';

/** Resolves the cookie to a live session (or null) and the client IP, for every API request. */
export function loadSession(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('ip', clientIp(c, deps.config.trustProxy));
    const token = readSessionCookie(c, deps.config.secureCookies);
    c.set('auth', token ? await findActiveSession(deps.database.db, token, deps.clock.now()) : null);
    await next();
  });
}
