import { Hono } from 'hono';
import { EmptyRequest, PasskeyAssertionRequest } from '@tapin/shared';
import { requireAccess } from '../access/require-access.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { valid } from '../http/validate.js';
import { stepUp } from '../sessions/step-up.js';
import { beginPasskeyStepUp } from './begin-passkey-authentication.js';
import { refuseAssertion } from './refuse-assertion.js';
import { relyingParty } from './relying-party.js';
import { passkeyChallengeKey } from './webauthn-challenges.js';
import { verifyPasskeyAssertion } from './verify-passkey-assertion.js';

/**
 * Confirm it is you with a passkey instead of the password: opens the admin environment from a
 * register (PIN) session, like POST /api/auth/step-up.
 */
export function passkeyStepUpRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const session = requireAccess(deps, 'session');
  const challengeKey = passkeyChallengeKey(deps.secrets);
  return new Hono<AppEnv>()
    .post('/options', session, valid('json', EmptyRequest), async (c) => {
      const { user, now } = c.var.actor;
      const rp = relyingParty(deps.config);
      return c.json(await beginPasskeyStepUp(db, { rp, challengeKey, userId: user.id, now }));
    })
    .post('/', session, valid('json', PasskeyAssertionRequest), async (c) => {
      const actor = c.var.actor;
      const result = await verifyPasskeyAssertion(db, {
        response: c.req.valid('json').response,
        rp: relyingParty(deps.config),
        challengeKey,
        now: actor.now,
        stepUpUserId: actor.user.id,
      });
      if (!result.ok)
        return refuseAssertion(db, result, { ip: actor.ip, now: actor.now, stepUp: actor.session });
      return c.json(await stepUp(db, actor));
    });
}
