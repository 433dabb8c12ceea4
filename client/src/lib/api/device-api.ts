import type { ApproveDeviceRequest, PinChallengeRequest, RenameDeviceRequest } from '@tapin/shared';
import { request } from './request';

const path = (id: string) => `/api/devices/${encodeURIComponent(id)}`;

// Calls about devices: the register's own state and challenges, and device management.

/** Asked by the register by itself, so it is not use of whatever session the browser holds. */
export const state = (deviceId: string) =>
  request('POST', '/api/devices/state', 'DeviceStateJSON', { deviceId }, { background: true });

/** A single-use challenge for this device to sign, for a PIN login or an offline upload. */
export const challenge = (body: PinChallengeRequest) =>
  request('POST', '/api/devices/challenge', 'PinChallengeJSON', body);
export const approve = (body: ApproveDeviceRequest) =>
  request('POST', '/api/devices/approve', 'DeviceReplyJSON', body);
export const list = () => request('GET', '/api/devices', 'DeviceListJSON');
export const details = (id: string, page = 1) =>
  request('GET', `${path(id)}?page=${page}`, 'DeviceDetailsJSON');
// Changes send the device's version they were made from; one changed since answers edited_elsewhere.
export const rename = (id: string, body: RenameDeviceRequest) =>
  request('PATCH', path(id), 'DeviceReplyJSON', body);
export const revoke = (id: string, version: number) =>
  request('POST', `${path(id)}/revoke`, 'DeviceReplyJSON', { version });
export const unlock = (id: string, version: number) =>
  request('POST', `${path(id)}/unlock`, 'DeviceReplyJSON', { version });
export const remove = (id: string) => request('DELETE', path(id), 'OkJSON');
