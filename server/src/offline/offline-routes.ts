import { Hono } from 'hono';
import { OfflineUploadRequest, type OfflineRosterJSON, type SigningKeyJSON } from '@tapin/shared';
import { requireAccess } from '../access/require-access.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { deviceChallengeKey } from '../devices/device-challenges.js';
import { valid } from '../http/validate.js';
import { buildOfflineRoster } from './build-offline-roster.js';
import { receiveOfflineUpload } from './receive-offline-upload.js';
import { signingKey } from './signing-key.js';

/** What the register needs to keep trading through an outage, and to report it afterwards. */
export function offlineRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const challengeKey = deviceChallengeKey(deps.secrets);
  return new Hono<AppEnv>()
    .get('/signing-key', async (c) => {
      const key = await signingKey(deps.secrets.signingKey);
      return c.json<SigningKeyJSON>({ jwk: key.publicJwk });
    })
    .get('/roster', requireAccess(deps, 'register'), async (c) => {
      const { organisation, deviceId, now } = c.var.actor;
      const roster = await buildOfflineRoster(db, {
        organisation,
        deviceId,
        signingJwk: deps.secrets.signingKey,
        now,
      });
      return c.json<OfflineRosterJSON>({ roster, serverTime: new Date(now).toISOString() });
    })
    .post('/upload', valid('json', OfflineUploadRequest), async (c) =>
      c.json(
        await receiveOfflineUpload(db, c.req.valid('json'), {
          ip: c.get('ip'),
          now: deps.clock.now(),
          challengeKey,
        }),
      ),
    );
}
