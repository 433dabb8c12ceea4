/** Absolute lifetime of any session: one long shift. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** A web (admin) session ends after this long without a request. */
export const WEB_SESSION_IDLE_MS = 30 * 60 * 1000;
/** last_seen_at is written at most this often, to keep reads from turning into writes. */
export const TOUCH_INTERVAL_MS = 60 * 1000;
