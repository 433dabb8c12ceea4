import { Hono } from 'hono';
import { EmptyRequest, PasskeyAssertionRequest } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { valid } from '../http/validate.js';
import { openSession } from '../sessions/open-session.js';
import { beginPasskeyLogin } from './begin-passkey-authentication.js';
import { refuseAssertion } from './refuse-assertion.js';
import { relyingParty } from './relying-party.js';
import { passkeyChallengeKey } from './webauthn-challenges.js';
import { verifyPasskeyAssertion } from './verify-passkey-assertion.js';

/** Log in with a passkey instead of a username and password: a web session, as with a password. */
export function passkeyLoginRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const challengeKey = passkeyChallengeKey(deps.secrets);
  return new Hono<AppEnv>()
    .post('/options', valid('json', EmptyRequest), async (c) =>
      c.json(
        await beginPasskeyLogin({
          rp: relyingParty(deps.config),
          challengeKey,
          now: deps.clock.now(),
        }),
      ),
    )
    .post('/', valid('json', PasskeyAssertionRequest), async (c) => {
      const { response } = c.req.valid('json');
      const now = deps.clock.now();
      const rp = relyingParty(deps.config);
      const result = await verifyPasskeyAssertion(db, { response, rp, challengeKey, now });
      if (!result.ok) return refuseAssertion(db, result, { ip: c.get('ip'), now });
      const { user, organisation } = result;
      return c.json(await openSession(c, deps, { user, organisation, kind: 'web', deviceId: null, now }));
    });
}
