import type { ApproveDeviceRequest, PinChallengeRequest } from '@tapin/shared';
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
export const rename = (id: string, name: string) => request('PATCH', path(id), 'DeviceReplyJSON', { name });
export const revoke = (id: string) => request('POST', `${path(id)}/revoke`, 'DeviceReplyJSON');
export const unlock = (id: string) => request('POST', `${path(id)}/unlock`, 'DeviceReplyJSON');
export const remove = (id: string) => request('DELETE', path(id), 'OkJSON');
