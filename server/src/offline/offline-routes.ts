import { Hono } from 'hono';
import {
  OfflineUploadPayload,
  OfflineUploadRequest,
  type OfflineRosterJSON,
  type OfflineUploadResultJSON,
  type SigningKeyJSON,
} from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { recordAudit } from '../audit/record-audit.js';
import { ApiError } from '../http/api-error.js';
import { valid } from '../http/validate.js';
import { consumeChallenge } from '../pin-login/challenge-store.js';
import { verifyDeviceProof } from '../pin-login/verify-device-proof.js';
import { authOf, requireSession } from '../sessions/session-middleware.js';
import { applyOfflineUpload } from './apply-offline-upload.js';
import { buildOfflineRoster } from './build-offline-roster.js';
import { signingKey } from './signing-key.js';

/** What the register needs to keep trading through an outage, and to report it afterwards. */
export function offlineRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const refused = () =>
    new ApiError(403, 'offline_upload_refused', 'This device may not upload offline sessions');

  return new Hono<AppEnv>()
    .get('/signing-key', async (c) => {
      const key = await signingKey(deps.secrets.signingKey);
      return c.json<SigningKeyJSON>({ jwk: key.publicJwk });
    })
    .get('/roster', requireSession, async (c) => {
      const auth = authOf(c);
      const deviceId = auth.session.device_id;
      if (auth.session.kind !== 'register' || !deviceId) {
        throw new ApiError(403, 'forbidden', 'Only a register session has an offline roster');
      }
      const now = deps.clock.now();
      const roster = await buildOfflineRoster(db, {
        organisation: auth.organisation,
        deviceId,
        signingJwk: deps.secrets.signingKey,
        now,
      });
      return c.json<OfflineRosterJSON>({ roster, serverTime: new Date(now).toISOString() });
    })
    .post('/upload', valid('json', OfflineUploadRequest), async (c) => {
      const { deviceId, proof } = c.req.valid('json');
      const now = deps.clock.now();
      const device = await db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
      if (!device || device.revoked_at !== null) {
        // A deleted device has no row left; its deletion in the audit log names its organisation.
        const orgId =
          device?.organisation_id ??
          (
            await db
              .selectFrom('audit_events')
              .select('organisation_id')
              .where('device_id', '=', deviceId)
              .where('type', '=', 'device.deleted')
              .orderBy('id', 'desc')
              .executeTakeFirst()
          )?.organisation_id;
        if (orgId) {
          await recordAudit(db, {
            organisationId: orgId,
            type: 'offline.upload_refused',
            deviceId,
            ip: c.get('ip'),
            detail: { reason: device ? 'revoked' : 'deleted' },
            now,
          });
        }
        throw refused();
      }
      const payload = await verifyDeviceProof(device, proof, OfflineUploadPayload);
      if (!payload) throw refused();
      const fresh = await consumeChallenge(db, {
        challenge: payload.challenge,
        deviceId: device.id,
        purpose: 'offline-upload',
        now,
      });
      if (!fresh) throw refused();
      const result = await applyOfflineUpload(db, { device, entries: payload.entries, now });
      return c.json<OfflineUploadResultJSON>(result);
    });
}
