import { Hono } from 'hono';
import { EmptyRequest, PasswordLoginRequest, StepUpRequest, type OkJSON } from '@tapin/shared';
import { requireAccess } from '../access/require-access.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { challengeForDevice, deviceChallengeKey } from '../devices/device-challenges.js';
import { valid } from '../http/validate.js';
import { passkeyRequirement } from '../passkeys/passkey-requirement.js';
import { openSession } from '../sessions/open-session.js';
import { clearSessionCookie } from '../sessions/session-cookie.js';
import { sessionJSON } from '../sessions/session-json.js';
import { endSessions } from '../sessions/session-repository.js';
import { logInWithPassword } from './log-in-with-password.js';
import { stepUpWithPassword } from './step-up-with-password.js';

/** The username and password screen, the session, logging out and "Confirm it's you". */
export function authRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const session = requireAccess(deps, 'session');
  const challengeKey = deviceChallengeKey(deps.secrets);
  return new Hono<AppEnv>()
    .post('/login', valid('json', PasswordLoginRequest), async (c) => {
      const now = deps.clock.now();
      const { user, organisation, mustAddPasskey } = await logInWithPassword(db, {
        ...c.req.valid('json'),
        ip: c.get('ip'),
        now,
      });
      const s = { user, organisation, kind: 'web' as const, deviceId: null, now };
      return c.json(await openSession(c, deps, s, { mustAddPasskey }));
    })
    .post('/logout', valid('json', EmptyRequest), async (c) => {
      const auth = c.get('auth');
      if (auth) await endSessions(db, { sessionId: auth.session.id }, { now: deps.clock.now() });
      clearSessionCookie(c, deps.config.secureCookies);
      return c.json<OkJSON>({ ok: true });
    })
    .get('/session', session, async (c) => {
      const actor = c.var.actor;
      const passkey = await passkeyRequirement(db, actor.user, actor.organisation);
      const deviceId = actor.session.kind === 'register' ? actor.session.device_id : null;
      // A register checking its session also gets the challenge for its next PIN login.
      const nextChallenge =
        deviceId === null
          ? undefined
          : await challengeForDevice(db, challengeKey, { deviceId, purpose: 'pin-login', now: actor.now });
      return c.json(
        sessionJSON(actor, actor.now, { mustAddPasskey: passkey === 'add_passkey', nextChallenge }),
      );
    })
    .post('/step-up', session, valid('json', StepUpRequest), async (c) =>
      c.json(await stepUpWithPassword(db, c.var.actor, c.req.valid('json').password)),
    );
}
