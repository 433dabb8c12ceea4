import { Hono } from 'hono';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { EmptyRequest, PasskeyAssertionRequest } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { ApiError } from '../http/api-error.js';
import { valid } from '../http/validate.js';
import { sessionJSON } from '../sessions/session-json.js';
import { authOf, requireSession } from '../sessions/session-middleware.js';
import { markSteppedUp } from '../sessions/session-repository.js';
import { listPasskeys } from './passkey-repository.js';
import { refuseAssertion } from './refuse-assertion.js';
import { relyingParty } from './relying-party.js';
import { transportsOf, verifyPasskeyAssertion } from './verify-passkey-assertion.js';
import { WEBAUTHN_CHALLENGE_TTL_MS, issueWebAuthnChallenge } from './webauthn-challenge-store.js';

/**
 * Confirm it is you with a passkey instead of the password: opens the admin environment from a
 * register (PIN) session, like POST /api/auth/step-up.
 */
export function passkeyStepUpRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .post('/options', requireSession, valid('json', EmptyRequest), async (c) => {
      const { user } = authOf(c);
      const passkeys = await listPasskeys(db, user.id);
      // Tells the client to offer the password instead.
      if (passkeys.length === 0) {
        throw new ApiError(409, 'no_passkey_yet', 'You have no passkey yet. Confirm with your password.');
      }
      // Only this user's passkeys, so the browser goes straight to the right one.
      const options = await generateAuthenticationOptions({
        rpID: relyingParty(c, deps.config).id,
        allowCredentials: passkeys.map((p) => ({ id: p.id, transports: transportsOf(p) })),
        userVerification: 'preferred',
        timeout: WEBAUTHN_CHALLENGE_TTL_MS,
      });
      await issueWebAuthnChallenge(db, {
        challenge: options.challenge,
        purpose: 'authentication',
        userId: user.id,
        now: deps.clock.now(),
      });
      return c.json(options);
    })
    .post('/', requireSession, valid('json', PasskeyAssertionRequest), async (c) => {
      const auth = authOf(c);
      const now = deps.clock.now();
      const result = await verifyPasskeyAssertion(db, {
        response: c.req.valid('json').response,
        rp: relyingParty(c, deps.config),
        now,
        stepUpUserId: auth.user.id,
      });
      if (!result.ok) return refuseAssertion(db, result, { ip: c.get('ip'), now, stepUp: auth.session });
      await markSteppedUp(db, auth.session.id, now);
      const session = { ...auth.session, stepped_up_at: now };
      return c.json(sessionJSON({ ...auth, session }, now));
    });
}
