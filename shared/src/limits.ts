/** A PIN is exactly this many decimal digits; leading zeros count. */
export const PIN_LENGTH = 5;
/** Largest JSON body any endpoint accepts. */
export const MAX_BODY_BYTES = 16 * 1024;
export const USERNAME_MAX = 64;
export const NAME_MAX = 100;
export const DEVICE_NAME_MAX = 60;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
/** Consecutive failed PIN logins after which a device locks until an admin or manager unlocks it. */
export const DEVICE_LOCK_AFTER_FAILURES = 10;
/** Defaults of the organisation's settings. */
export const DEFAULT_OFFLINE_GRACE_MINUTES = 12 * 60;
export const DEFAULT_IDLE_LOCK_MINUTES = 15;
export const MAX_OFFLINE_GRACE_MINUTES = 7 * 24 * 60;
export const MAX_IDLE_LOCK_MINUTES = 24 * 60;
export const DEVICE_SESSIONS_PAGE_SIZE = 20;
/** Longest name of a passkey, and how many passkeys one user may have. */
export const PASSKEY_NAME_MAX = 60;
export const PASSKEYS_PER_USER_MAX = 20;
