import { Hono } from 'hono';
import { PinLoginRequest } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { deviceChallengeKey, issueDeviceChallenge } from '../devices/device-challenges.js';
import { DomainError, invalidCredentials } from '../errors/domain-error.js';
import { valid } from '../http/validate.js';
import { pinPeppers } from '../pins/pin-peppers.js';
import { sessionReply } from '../sessions/open-session.js';
import { sessionJSON } from '../sessions/session-json.js';
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
      { ...attempt, ip: c.get('ip'), now, current: c.get('auth') },
    );
    const nextChallenge = issueDeviceChallenge(challengeKey, {
      deviceId: attempt.deviceId,
      purpose: 'pin-login',
      now,
      spentUpTo: result.device?.pin_challenge_at,
    });
    if (result.ok) {
      const { token } = result;
      // A resumed session keeps the cookie it has.
      if (token === null) return c.json(sessionJSON(result, now, { nextChallenge }));
      return c.json(sessionReply(c, deps, { ...result, token }, now, { nextChallenge }));
    }
    if (result.kind === 'throttled') {
      throw new DomainError('rate_limited', 'Too many attempts. Wait a moment and try again.', {
        retryAfterSeconds: result.retryAfterSeconds,
        nextChallenge,
        ...(result.attemptsLeft !== undefined && { attemptsLeft: result.attemptsLeft }),
      });
    }
    if (result.kind === 'stale_challenge') {
      throw new DomainError('challenge_expired', 'Sign the new challenge and try again.', { nextChallenge });
    }
    // A counted refusal also says how many wrong PINs are left and how long the next one waits, so
    // the register holds its keys back instead of throwing away the next PIN with a 429.
    const counted = result.counted;
    throw invalidCredentials({
      nextChallenge,
      ...(counted && { attemptsLeft: counted.attemptsLeft }),
      ...(counted && counted.waitSeconds > 0 && { retryAfterSeconds: counted.waitSeconds }),
    });
  });
}
