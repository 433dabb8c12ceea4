import { Hono } from 'hono';
import {
  ApproveDeviceRequest,
  DeviceDetailsQuery,
  DeviceIdParam,
  DeviceStateRequest,
  EmptyRequest,
  PinChallengeRequest,
  RenameDeviceRequest,
  VersionRequest,
  type DeviceListJSON,
  type DeviceReplyJSON,
  type OkJSON,
} from '@tapin/shared';
import { requireAccess } from '../access/require-access.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { valid } from '../http/validate.js';
import { approveDevice } from './approve-device.js';
import { deleteDevice } from './delete-device.js';
import { challengeForDevice, deviceChallengeKey } from './device-challenges.js';
import { deviceDetails } from './device-details.js';
import { deviceJSON } from './device-json.js';
import { listDevices } from './device-repository.js';
import { deviceState } from './device-state.js';
import { renameDevice } from './rename-device.js';
import { revokeDevice } from './revoke-device.js';
import { unlockDevice } from './unlock-device.js';

/** Step 3 (approve) and step 5 (manage devices and sessions) of the article, and device challenges. */
export function deviceRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const admin = requireAccess(deps, 'admin');
  const challengeKey = deviceChallengeKey(deps.secrets);
  return new Hono<AppEnv>()
    .post('/state', valid('json', DeviceStateRequest), async (c) =>
      c.json(await deviceState(db, challengeKey, c.req.valid('json').deviceId, deps.clock.now())),
    )
    .post('/challenge', valid('json', PinChallengeRequest), async (c) =>
      c.json(await challengeForDevice(db, challengeKey, { ...c.req.valid('json'), now: deps.clock.now() })),
    )
    .post('/approve', admin, valid('json', ApproveDeviceRequest), async (c) => {
      const { device, created } = await approveDevice(db, c.var.actor, c.req.valid('json'), challengeKey);
      return c.json<DeviceReplyJSON>({ device }, created ? 201 : 200);
    })
    .get('/', admin, async (c) => {
      const rows = await listDevices(db, c.var.actor.organisation.id);
      return c.json<DeviceListJSON>({ devices: rows.map((r) => deviceJSON(r, r.approver_name)) });
    })
    .get('/:id', admin, valid('param', DeviceIdParam), valid('query', DeviceDetailsQuery), async (c) => {
      const page = c.req.valid('query').page ?? 1;
      return c.json(await deviceDetails(db, c.var.actor, c.req.valid('param').id, page));
    })
    .patch('/:id', admin, valid('param', DeviceIdParam), valid('json', RenameDeviceRequest), async (c) => {
      const device = await renameDevice(db, c.var.actor, c.req.valid('param').id, c.req.valid('json'));
      return c.json<DeviceReplyJSON>({ device });
    })
    .post('/:id/revoke', admin, valid('param', DeviceIdParam), valid('json', VersionRequest), async (c) => {
      const target = { ...c.req.valid('param'), ...c.req.valid('json') };
      return c.json<DeviceReplyJSON>({ device: await revokeDevice(db, c.var.actor, target) });
    })
    .post('/:id/unlock', admin, valid('param', DeviceIdParam), valid('json', VersionRequest), async (c) => {
      const target = { ...c.req.valid('param'), ...c.req.valid('json') };
      return c.json<DeviceReplyJSON>({ device: await unlockDevice(db, c.var.actor, target) });
    })
    .delete('/:id', admin, valid('param', DeviceIdParam), valid('json', EmptyRequest), async (c) => {
      await deleteDevice(db, c.var.actor, c.req.valid('param').id);
      return c.json<OkJSON>({ ok: true });
    });
}
