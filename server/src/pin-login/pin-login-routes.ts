import { Hono } from 'hono';
import { PinLoginRequest } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { DomainError, invalidCredentials } from '../errors/domain-error.js';
import { valid } from '../http/validate.js';
import { pinPeppers } from '../pins/pin-peppers.js';
import { openSession } from '../sessions/open-session.js';
import { verifyPinLogin } from './verify-pin-login.js';

/** Step 4 of the article: log in with a PIN on an approved device. */
export function pinLoginRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>().post('/', valid('json', PinLoginRequest), async (c) => {
    const now = deps.clock.now();
    const result = await verifyPinLogin(db, pinPeppers(deps.secrets), {
      ...c.req.valid('json'),
      ip: c.get('ip'),
      now,
    });
    if (!result.ok) {
      if (result.throttled) {
        throw new DomainError('rate_limited', 'Too many attempts. Wait a moment and try again.', {
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
