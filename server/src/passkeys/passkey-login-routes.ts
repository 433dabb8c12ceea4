import { Hono } from 'hono';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { EmptyRequest, PasskeyAssertionRequest } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { ApiError } from '../http/api-error.js';
import { valid } from '../http/validate.js';
import { countInWindow } from '../rate-limit/fixed-window.js';
import { refuseAssertion } from './refuse-assertion.js';
import { relyingParty } from './relying-party.js';
import { verifyPasskeyAssertion } from './verify-passkey-assertion.js';
import { WEBAUTHN_CHALLENGE_TTL_MS, issueWebAuthnChallenge } from './webauthn-challenge-store.js';
import { openSession } from '../sessions/open-session.js';

const OPTIONS_WINDOW_MS = 60 * 1000;
const OPTIONS_PER_IP_PER_WINDOW = 30;

function busy(retryAfterSeconds: number): ApiError {
  return new ApiError(429, 'rate_limited', 'Too many passkey requests. Wait a moment.', {
    retryAfterSeconds,
  });
}

/** Log in with a passkey instead of a username and password: a web session, as with a password. */
export function passkeyLoginRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .post('/options', valid('json', EmptyRequest), async (c) => {
      const now = deps.clock.now();
      // Anyone may ask, so each IP address gets a budget (when there is an address to count).
      const ip = c.get('ip');
      if (
        ip &&
        (await countInWindow(db, `passkey-options:${ip}`, OPTIONS_WINDOW_MS, now)) > OPTIONS_PER_IP_PER_WINDOW
      ) {
        throw busy(Math.ceil(OPTIONS_WINDOW_MS / 1000));
      }
      // No allowCredentials: the passkey itself says whose it is (discoverable credentials).
      const options = await generateAuthenticationOptions({
        rpID: relyingParty(c, deps.config).id,
        userVerification: 'preferred',
        timeout: WEBAUTHN_CHALLENGE_TTL_MS,
      });
      await issueWebAuthnChallenge(db, {
        challenge: options.challenge,
        purpose: 'authentication',
        userId: null,
        now,
      });
      return c.json(options);
    })
    .post('/', valid('json', PasskeyAssertionRequest), async (c) => {
      const { response } = c.req.valid('json');
      const now = deps.clock.now();
      const result = await verifyPasskeyAssertion(db, { response, rp: relyingParty(c, deps.config), now });
      if (!result.ok) return refuseAssertion(db, result, { ip: c.get('ip'), now });
      const { user, organisation } = result;
      return c.json(await openSession(c, deps, { user, organisation, kind: 'web', deviceId: null, now }));
    });
}
