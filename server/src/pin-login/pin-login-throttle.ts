import { DEVICE_LOCK_AFTER_FAILURES } from '@tapin/shared';

/**
 * Failed PIN logins are counted per device, never per user: a wrong PIN belongs to no account.
 * The first two failures in a row cost nothing (typos), then each one doubles the wait, and the
 * tenth locks the device until an admin or manager unlocks it (PCI DSS 8.3.4).
 */
export function delayAfterFailures(failures: number): number {
  if (failures < 3) return 0;
  return 1000 * 2 ** (failures - 3);
}

export const LOCK_AFTER_FAILURES = DEVICE_LOCK_AFTER_FAILURES;

/** Organisation-wide ceiling: more failures than this in the window pause PIN login for everyone. */
export const ORG_FAILURE_WINDOW_MS = 60 * 60 * 1000;
export const ORG_FAILURES_ALLOWED = 100;
