import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { PinChallengeRequest, PinLoginRequest, type PinChallengeJSON } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { ApiError, invalidCredentials } from '../http/api-error.js';
import { valid } from '../http/validate.js';
import { issueChallenge } from './challenge-store.js';
import { CHALLENGES_PER_DEVICE, CHALLENGE_TTL_MS } from './pin-login-throttle.js';
import { verifyPinLogin } from './verify-pin-login.js';
import { openSession } from '../sessions/open-session.js';

/** A single-use challenge a device signs to prove it holds its key (PIN login, offline upload). */
export function deviceChallengeRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>().post('/', valid('json', PinChallengeRequest), async (c) => {
    const { deviceId, purpose } = c.req.valid('json');
    const now = deps.clock.now();
    const device = await db
      .selectFrom('devices')
      .select(['id', 'revoked_at'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    // An unknown device gets a challenge too (never stored), so this does not reveal which
    // devices are approved; its login fails like any other.
    if (!device || device.revoked_at !== null) {
      return c.json<PinChallengeJSON>({
        challenge: randomBytes(32).toString('base64url'),
        expiresAt: new Date(now + CHALLENGE_TTL_MS).toISOString(),
      });
    }
    const issued = await issueChallenge(db, {
      deviceId,
      purpose,
      now,
      ttlMs: CHALLENGE_TTL_MS,
      maxOutstanding: CHALLENGES_PER_DEVICE,
    });
    if (!issued) {
      throw new ApiError(429, 'rate_limited', 'Too many login attempts at once. Wait a moment.', {
        retryAfterSeconds: Math.ceil(CHALLENGE_TTL_MS / 1000),
      });
    }
    return c.json<PinChallengeJSON>({
      challenge: issued.challenge,
      expiresAt: new Date(issued.expiresAt).toISOString(),
    });
  });
}

/** Step 4 of the article: log in with a PIN on an approved device. */
export function pinLoginRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>().post('/', valid('json', PinLoginRequest), async (c) => {
    const body = c.req.valid('json');
    const now = deps.clock.now();
    const peppers = { current: deps.secrets.pinPepper, previous: deps.secrets.previousPinPepper };
    const result = await verifyPinLogin(db, peppers, { ...body, ip: c.get('ip'), now });
    if (!result.ok) {
      if (result.throttled) {
        throw new ApiError(429, 'rate_limited', 'Too many attempts. Wait a moment and try again.', {
          retryAfterSeconds: result.retryAfterSeconds,
        });
      }
      throw invalidCredentials();
    }
    const { user, organisation, device } = result;
    return c.json(
      await openSession(c, deps, { user, organisation, kind: 'register', deviceId: device.id, now }),
    );
  });
}
