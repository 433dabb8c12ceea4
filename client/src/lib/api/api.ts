import {
  AuditPageJSON,
  PinLoginSettingsJSON,
  SessionJSON,
  SetupStatusJSON,
  UserJSON,
  type CreateUserRequest,
  type PasswordLoginRequest,
  type SetupRequest,
  type UpdatePinLoginSettingsRequest,
  type UpdateUserRequest,
} from '@tapin/shared';
import * as z from 'zod/mini';
import { request } from './request';

const Ok = z.object({ ok: z.literal(true) });
const UserReply = z.object({ user: UserJSON });

/** Typed calls to the server, one per endpoint; request and reply types come from @tapin/shared. */
export const api = {
  setupStatus: () => request('GET', '/api/setup', SetupStatusJSON),
  setup: (body: SetupRequest) => request('POST', '/api/setup', SessionJSON, body),

  session: () => request('GET', '/api/auth/session', SessionJSON),
  login: (body: PasswordLoginRequest) => request('POST', '/api/auth/login', SessionJSON, body),
  logout: () => request('POST', '/api/auth/logout', Ok),
  stepUp: (password: string) => request('POST', '/api/auth/step-up', SessionJSON, { password }),

  pinLoginSettings: () => request('GET', '/api/organisation/pin-login', PinLoginSettingsJSON),
  activatePinLogin: () => request('POST', '/api/organisation/pin-login/activate', PinLoginSettingsJSON),
  deactivatePinLogin: () => request('POST', '/api/organisation/pin-login/deactivate', PinLoginSettingsJSON),
  updatePinLoginSettings: (body: UpdatePinLoginSettingsRequest) =>
    request('PATCH', '/api/organisation/pin-login', PinLoginSettingsJSON, body),

  users: () => request('GET', '/api/users', z.object({ users: z.array(UserJSON) })),
  user: (id: string) => request('GET', `/api/users/${encodeURIComponent(id)}`, UserReply),
  createUser: (body: CreateUserRequest) => request('POST', '/api/users', UserReply, body),
  updateUser: (id: string, body: UpdateUserRequest) =>
    request('PATCH', `/api/users/${encodeURIComponent(id)}`, UserReply, body),
  deleteUser: (id: string) => request('DELETE', `/api/users/${encodeURIComponent(id)}`, Ok),

  audit: (before?: string) =>
    request('GET', `/api/audit${before ? `?before=${encodeURIComponent(before)}` : ''}`, AuditPageJSON),
};
