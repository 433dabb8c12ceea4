import type { DeviceJSON, DeviceStatus } from '@tapin/shared';

/** A device's status as the list and its details page say it. */
export const DEVICE_STATUS_LABELS: Record<DeviceStatus, string> = {
  approved: 'Approved',
  revoked: 'Revoked',
  locked: 'Locked',
};

/** The badge each status is shown in. */
export const DEVICE_STATUS_BADGES: Record<DeviceStatus, 'success' | 'danger' | 'warning'> = {
  approved: 'success',
  revoked: 'danger',
  locked: 'warning',
};

// Seconds too: two logins in the same minute must be told apart.
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A moment from the API, in the reader's own locale and time zone. */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

export type DeviceAction = 'edit-name' | 'revoke' | 'delete';

/**
 * The three-dots menu of a device (step 5 of the article): Edit name, Revoke and Delete. A
 * revoked device has nothing left to revoke.
 */
export function deviceActions(device: Pick<DeviceJSON, 'status'>): { action: DeviceAction; label: string }[] {
  return [
    { action: 'edit-name', label: 'Edit name' },
    ...(device.status === 'revoked' ? [] : [{ action: 'revoke' as const, label: 'Revoke' }]),
    { action: 'delete', label: 'Delete' },
  ];
}
