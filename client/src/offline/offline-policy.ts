/** Wrong offline PINs in a row after which offline login stays off until the next online login. */
export const OFFLINE_FAILURE_LIMIT = 3;

/**
 * PBKDF2-SHA256 rounds for an offline verifier: about a quarter of a second on a cheap tablet, so
 * trying all 100,000 PINs against a stolen copy of the device's storage costs hours, not
 * milliseconds. It cannot make a 5-digit PIN strong; see docs/offline.md.
 */
export const OFFLINE_KDF_ITERATIONS = 210_000;

/** An offline session lasts no longer than a server session would (one long shift). */
export const OFFLINE_SESSION_MAX_MS = 12 * 60 * 60 * 1000;
