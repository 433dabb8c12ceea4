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
/**
 * Lengths are counted in UTF-16 code units after NFC normalisation (see `text`), which is never
 * fewer than the characters PostgreSQL's varchar(n) counts. `server/src/db/stored-lengths.ts`
 * maps each bounded column to the limit of what is written there, and a test compares that map
 * with the column sizes both engines report.
 */
/** Identifiers the server hands out (`Id`). */
export const ID_MAX = 64;
/** A device ID: the base64url SHA-256 thumbprint of its public key. */
export const DEVICE_ID_LENGTH = 43;
/** A challenge quoted inside a device's signed proof. */
export const CHALLENGE_MAX = 128;
/** The key a register gives each queued offline session. */
export const IDEMPOTENCY_KEY_MIN = 16;
export const IDEMPOTENCY_KEY_MAX = 64;
/** What the login and step-up forms accept; deliberately looser than what can be set. */
export const LOGIN_INPUT_MAX = 256;
/** A WebAuthn credential ID in base64url (at most 1023 bytes by the spec). */
export const PASSKEY_ID_MAX = 1366;
