import {
  DeviceDetailsJSON,
  DeviceJSON,
  DeviceStateJSON,
  PinChallengeJSON,
  SessionJSON,
  type ApproveDeviceRequest,
  type PinLoginRequest,
} from '@tapin/shared';
import * as z from 'zod/mini';
import { request } from './request';

const DeviceReply = z.object({ device: DeviceJSON });
const Ok = z.object({ ok: z.literal(true) });
const path = (id: string) => `/api/devices/${encodeURIComponent(id)}`;

/** Calls about devices: the register's own state and PIN login, and device management. */
export const deviceApi = {
  state: (deviceId: string) => request('POST', '/api/devices/state', DeviceStateJSON, { deviceId }),
  pinChallenge: (deviceId: string) =>
    request('POST', '/api/pin-login/challenge', PinChallengeJSON, { deviceId }),
  pinLogin: (body: PinLoginRequest) => request('POST', '/api/pin-login', SessionJSON, body),

  approve: (body: ApproveDeviceRequest) => request('POST', '/api/devices/approve', DeviceReply, body),
  list: () => request('GET', '/api/devices', z.object({ devices: z.array(DeviceJSON) })),
  details: (id: string, page = 1) => request('GET', `${path(id)}?page=${page}`, DeviceDetailsJSON),
  rename: (id: string, name: string) => request('PATCH', path(id), DeviceReply, { name }),
  revoke: (id: string) => request('POST', `${path(id)}/revoke`, DeviceReply),
  unlock: (id: string) => request('POST', `${path(id)}/unlock`, DeviceReply),
  remove: (id: string) => request('DELETE', path(id), Ok),
};
