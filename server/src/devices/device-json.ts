import type { DeviceJSON, DeviceStatus } from '@tapin/shared';
import type { Device } from '../db/schema.js';

export function deviceStatus(d: Pick<Device, 'revoked_at' | 'locked_at'>): DeviceStatus {
  if (d.revoked_at !== null) return 'revoked';
  if (d.locked_at !== null) return 'locked';
  return 'approved';
}

export function deviceJSON(d: Device, approvedByName: string | null): DeviceJSON {
  return {
    id: d.id,
    name: d.name,
    status: deviceStatus(d),
    approvedAt: new Date(d.approved_at).toISOString(),
    approvedBy: approvedByName,
    lastLoginAt: d.last_login_at === null ? null : new Date(d.last_login_at).toISOString(),
    version: d.version,
  };
}
