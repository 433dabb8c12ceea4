import { Hono } from 'hono';
import { PinLoginRequest } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { deviceChallengeKey, issueDeviceChallenge } from '../devices/device-challenges.js';
import { DomainError, invalidCredentials } from '../errors/domain-error.js';
import { valid } from '../http/validate.js';
import { pinPeppers } from '../pins/pin-peppers.js';
import { sessionReply } from '../sessions/open-session.js';
import { logInWithPin } from './log-in-with-pin.js';

/**
 * Step 4 of the article: log in with a PIN on an approved device. Every answer, refusals too,
 * carries the challenge for the device's next attempt, so a register needs one round trip a login.
 */
export function pinLoginRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const challengeKey = deviceChallengeKey(deps.secrets);
  return new Hono<AppEnv>().post('/', valid('json', PinLoginRequest), async (c) => {
    const now = deps.clock.now();
    const attempt = c.req.valid('json');
    const result = await logInWithPin(
      db,
      { peppers: pinPeppers(deps.secrets), challengeKey },
      { ...attempt, ip: c.get('ip'), now },
    );
    const nextChallenge = issueDeviceChallenge(challengeKey, {
      deviceId: attempt.deviceId,
      purpose: 'pin-login',
      now,
      spentUpTo: result.device?.pin_challenge_at,
    });
    if (result.ok) return c.json(sessionReply(c, deps, result, now, { nextChallenge }));
    if (result.kind === 'throttled') {
      throw new DomainError('rate_limited', 'Too many attempts. Wait a moment and try again.', {
        retryAfterSeconds: result.retryAfterSeconds,
        nextChallenge,
      });
    }
    if (result.kind === 'stale_challenge') {
      throw new DomainError('challenge_expired', 'Sign the new challenge and try again.', { nextChallenge });
    }
    throw invalidCredentials({ nextChallenge });
  });
}
