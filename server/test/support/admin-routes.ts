import type { TestDevice } from './test-device.js';
import { newUserBody } from './users.js';

export interface AdminRoute {
  method: string;
  /** `:admin` stands for the first admin's user id, `:device` for an approved device's id. */
  path: string;
  body?: unknown;
}

/** The admin environment: every route that needs an admin or manager with admin access. */
export const ADMIN_ROUTES: AdminRoute[] = [
  { method: 'GET', path: '/api/users' },
  { method: 'POST', path: '/api/users', body: newUserBody({ username: 'sneaky', role: 'admin' }) },
  { method: 'GET', path: '/api/users/:admin' },
  { method: 'PATCH', path: '/api/users/:admin', body: { version: 1, password: 'cashier chose this' } },
  { method: 'DELETE', path: '/api/users/:admin', body: {} },
  { method: 'POST', path: '/api/organisation/pin-login/activate', body: { version: 1 } },
  { method: 'POST', path: '/api/organisation/pin-login/deactivate', body: { version: 1 } },
  { method: 'PATCH', path: '/api/organisation/pin-login', body: { version: 1, idleLockMinutes: 5 } },
  { method: 'GET', path: '/api/audit' },
  { method: 'GET', path: '/api/devices' },
  { method: 'GET', path: '/api/devices/:device' },
  { method: 'PATCH', path: '/api/devices/:device', body: { version: 1, name: 'Renamed' } },
  { method: 'POST', path: '/api/devices/:device/revoke', body: { version: 1 } },
  { method: 'POST', path: '/api/devices/:device/unlock', body: { version: 1 } },
  { method: 'DELETE', path: '/api/devices/:device', body: {} },
  { method: 'POST', path: '/api/approval-codes/look-up', body: { code: '2345-6789' } },
  { method: 'POST', path: '/api/approval-codes/approve', body: { code: '2345-6789', name: 'Sneaky' } },
];

export function fillRoute(path: string, adminId: string, device: TestDevice): string {
  return path.replace(':admin', adminId).replace(':device', device.id);
}
