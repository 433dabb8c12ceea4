import { MAX_OFFLINE_GRACE_MINUTES } from '@tapin/shared';
import { SESSION_ABSOLUTE_MS } from '../sessions/session-policy.js';

/** How far ahead of the server a device clock may be before its times are not believed. */
export const CLOCK_AHEAD_MS = 5 * 60 * 1000;

/**
 * How far behind the latest server time it saw a register's clock may be and still log anyone in
 * offline (the register's own rule), so an offline login may be this much older than its roster.
 */
export const CLOCK_BEHIND_MS = 60 * 1000;

/**
 * The oldest offline login an upload may still report: the longest grace period plus one session.
 * Grants that ended before this can no longer match anything, so retention removes them.
 */
export const OLDEST_OFFLINE_LOGIN_MS = MAX_OFFLINE_GRACE_MINUTES * 60_000 + SESSION_ABSOLUTE_MS;
