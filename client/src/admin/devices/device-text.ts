import type { DeviceJSON, DeviceStatus } from '@tapin/shared';
import { formatDateTime } from '../../lib/i18n/format-time';
import { m } from '../../paraglide/messages.js';

/** A device's status as the list and its details page say it, in the language on screen. */
export const DEVICE_STATUS_LABELS: Record<DeviceStatus, () => string> = {
  approved: m.devices_status_approved,
  revoked: m.devices_status_revoked,
  locked: m.devices_status_locked,
};

/** The badge each status is shown in. */
export const DEVICE_STATUS_BADGES: Record<DeviceStatus, 'success' | 'danger' | 'warning'> = {
  approved: 'success',
  revoked: 'danger',
  locked: 'warning',
};

/**
 * A moment from the API, in the language on screen and the reader's time zone. Seconds too: two
 * logins in the same minute must be told apart.
 */
export function formatTime(iso: string): string {
  return formatDateTime(iso);
}

/** The one message of two that fits the count: "1 attempt", "10 attempts". */
export function byCount(count: number, one: () => string, other: () => string): string {
  return count === 1 ? one() : other();
}

export type DeviceAction = 'edit-name' | 'revoke' | 'delete';

/**
 * The three-dots menu of a device (step 5 of the article): Edit name, Revoke and Delete. A
 * revoked device has nothing left to revoke.
 */
export function deviceActions(device: Pick<DeviceJSON, 'status'>): { action: DeviceAction; label: string }[] {
  return [
    { action: 'edit-name', label: m.devices_edit_name() },
    ...(device.status === 'revoked' ? [] : [{ action: 'revoke' as const, label: m.devices_revoke() }]),
    { action: 'delete', label: m.devices_delete() },
  ];
}
