import { Hono } from 'hono';
import { EmptyRequest, PasswordLoginRequest, StepUpRequest } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { recordAudit } from '../audit/record-audit.js';
import { ApiError, invalidCredentials } from '../http/api-error.js';
import { valid } from '../http/validate.js';
import { passkeyRequired, passkeyRequirement } from '../passkeys/passkey-requirement.js';
import { countInWindow, peekWindow, uncountInWindow } from '../rate-limit/fixed-window.js';
import { clearSessionCookie } from '../sessions/session-cookie.js';
import { sessionJSON } from '../sessions/session-json.js';
import { authOf, requireSession } from '../sessions/session-middleware.js';
import { endSession, markSteppedUp } from '../sessions/session-repository.js';
import { verifyPassword } from './password-hash.js';
import { verifyPasswordLogin } from './verify-password-login.js';
import { openSession } from '../sessions/open-session.js';

const PASSWORD_FAILURE_WINDOW_MS = 15 * 60 * 1000;
const PASSWORD_FAILURES_ALLOWED = 10;

export function authRoutes(deps: AppDeps) {
  const { db } = deps.database;

  /**
   * Counts an attempt as a failure before the password is checked, so that parallel guesses cannot
   * all pass the limit; a right password takes its count back with `passwordWasRight`.
   */
  async function reservePasswordAttempt(key: string, now: number): Promise<void> {
    const count = await countInWindow(db, key, PASSWORD_FAILURE_WINDOW_MS, now);
    if (count > PASSWORD_FAILURES_ALLOWED) {
      await uncountInWindow(db, key, PASSWORD_FAILURE_WINDOW_MS, now);
      const { retryAfterSeconds } = await peekWindow(db, key, PASSWORD_FAILURE_WINDOW_MS, now);
      throw new ApiError(429, 'rate_limited', 'Too many failed attempts. Try again later.', {
        retryAfterSeconds: Math.max(1, retryAfterSeconds),
      });
    }
  }

  const passwordWasRight = (key: string, now: number) =>
    uncountInWindow(db, key, PASSWORD_FAILURE_WINDOW_MS, now);

  return new Hono<AppEnv>()
    .post('/login', valid('json', PasswordLoginRequest), async (c) => {
      const { username, password } = c.req.valid('json');
      const now = deps.clock.now();
      const limitKey = `password:${username}`;
      await reservePasswordAttempt(limitKey, now);
      const { user, knownUser } = await verifyPasswordLogin(db, username, password);
      if (!user) {
        if (knownUser) {
          await recordAudit(db, {
            organisationId: knownUser.organisation_id,
            type: 'login.password_failed',
            targetUserId: knownUser.id,
            ip: c.get('ip'),
            now,
          });
        }
        throw invalidCredentials();
      }
      await passwordWasRight(limitKey, now);
      const organisation = await db
        .selectFrom('organisations')
        .selectAll()
        .where('id', '=', user.organisation_id)
        .executeTakeFirstOrThrow();
      // Only now that the password is known to be right: an admin or manager with a passkey
      // must use it when the organisation requires one.
      const passkey = await passkeyRequirement(db, user, organisation);
      if (passkey === 'use_passkey') throw passkeyRequired();
      return c.json(
        await openSession(
          c,
          deps,
          { user, organisation, kind: 'web', deviceId: null, now },
          { mustAddPasskey: passkey === 'add_passkey' },
        ),
      );
    })
    .post('/logout', valid('json', EmptyRequest), async (c) => {
      const auth = c.get('auth');
      if (auth) await endSession(db, auth.session.id, deps.clock.now());
      clearSessionCookie(c, deps.config.secureCookies);
      return c.json({ ok: true });
    })
    .get('/session', requireSession, async (c) => {
      const auth = authOf(c);
      const passkey = await passkeyRequirement(db, auth.user, auth.organisation);
      return c.json(sessionJSON(auth, deps.clock.now(), { mustAddPasskey: passkey === 'add_passkey' }));
    })
    .post('/step-up', requireSession, valid('json', StepUpRequest), async (c) => {
      const auth = authOf(c);
      const now = deps.clock.now();
      const limitKey = `password:${auth.user.username}`;
      await reservePasswordAttempt(limitKey, now);
      const hash = auth.user.password_hash;
      const ok = hash !== null && (await verifyPassword(hash, c.req.valid('json').password));
      if (!ok) {
        await recordAudit(db, {
          organisationId: auth.organisation.id,
          type: 'login.password_failed',
          targetUserId: auth.user.id,
          deviceId: auth.session.device_id,
          ip: c.get('ip'),
          detail: { stepUp: true },
          now,
        });
        throw invalidCredentials();
      }
      await passwordWasRight(limitKey, now);
      const passkey = await passkeyRequirement(db, auth.user, auth.organisation);
      if (passkey === 'use_passkey') throw passkeyRequired();
      await markSteppedUp(db, auth.session.id, now);
      const session = { ...auth.session, stepped_up_at: now };
      return c.json(sessionJSON({ ...auth, session }, now, { mustAddPasskey: passkey === 'add_passkey' }));
    });
}
