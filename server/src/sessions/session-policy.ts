/** Absolute lifetime of any session: one long shift. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** A web (admin) session ends after this long without a request. */
export const WEB_SESSION_IDLE_MS = 30 * 60 * 1000;
/** last_seen_at is written at most this often, to keep reads from turning into writes. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

/**
 * Whether a register session has gone unused for longer than the organisation's idle lock, so that
 * the server ends it even if the register's own lock never ran. last_seen_at lags real use by up to
 * TOUCH_INTERVAL_MS, which is added so that a session in use is never ended early.
 */
export function registerSessionIdle(
  s: { session: { kind: string; last_seen_at: number }; organisation: { idle_lock_minutes: number } },
  now: number,
): boolean {
  if (s.session.kind !== 'register') return false;
  return now - s.session.last_seen_at > s.organisation.idle_lock_minutes * 60_000 + TOUCH_INTERVAL_MS;
}
