import { Hono } from 'hono';
import {
  ApprovalCodeRequest,
  ApproveWithCodeRequest,
  LookUpApprovalCodeRequest,
  type ApprovalCodeDetailsJSON,
  type ApprovalCodeJSON,
  type DeviceReplyJSON,
} from '@tapin/shared';
import { requireAccess } from '../access/require-access.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { deviceChallengeKey } from '../devices/device-challenges.js';
import { valid } from '../http/validate.js';
import { approvalCodeKey } from './approval-code-secret.js';
import { approveWithCode } from './approve-with-code.js';
import { lookUpApprovalCode } from './look-up-approval-code.js';
import { requestApprovalCode } from './request-approval-code.js';

/** Approving a device from afar: the device asks for a code, an admin or manager enters it. */
export function approvalCodeRoutes(deps: AppDeps) {
  const { db } = deps.database;
  // The admin environment: admins and managers whose session used a password or passkey, or stepped up.
  const admin = requireAccess(deps, 'admin');
  const keys = { challenge: deviceChallengeKey(deps.secrets), code: approvalCodeKey(deps.secrets) };
  return new Hono<AppEnv>()
    .post('/', valid('json', ApprovalCodeRequest), async (c) => {
      const request = { ...c.req.valid('json'), ip: c.get('ip'), userAgent: c.req.header('user-agent') };
      const code = await requestApprovalCode(db, keys, { ...request, now: deps.clock.now() });
      return c.json<ApprovalCodeJSON>(code, 201);
    })
    .post('/look-up', admin, valid('json', LookUpApprovalCodeRequest), async (c) =>
      c.json<ApprovalCodeDetailsJSON>(
        await lookUpApprovalCode(db, keys.code, c.var.actor, c.req.valid('json').code),
      ),
    )
    .post('/approve', admin, valid('json', ApproveWithCodeRequest), async (c) => {
      const { device, created } = await approveWithCode(db, keys.code, c.var.actor, c.req.valid('json'));
      return c.json<DeviceReplyJSON>({ device }, created ? 201 : 200);
    });
}
