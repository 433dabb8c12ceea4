/**
 * How long Tapin keeps what it no longer needs. A device's session history stays visible in
 * Settings for three months; the audit log is kept for thirteen months, long enough for a yearly
 * review; used and expired challenges and spent rate-limit windows go at once, approval codes an
 * hour after they expired, and what a roster allowed a device goes once no upload could still
 * report a login from that time.
 */
export const RETENTION = {
  /** Ended or expired sessions, counted from their end (or expiry). */
  sessionsMs: 90 * 24 * 60 * 60 * 1000,
  auditEventsMs: 400 * 24 * 60 * 60 * 1000,
  /** Rate-limit counters whose window started this long ago; the longest window is one hour. */
  rateLimitsMs: 24 * 60 * 60 * 1000,
  /**
   * Approval codes, used or not, counted from their expiry: for that long an approver who enters
   * one is told it expired rather than that it does not work.
   */
  approvalCodeRequestsMs: 60 * 60 * 1000,
  /** How often the job runs on each instance. */
  intervalMs: 60 * 60 * 1000,
  /** Rows deleted per statement, so that no delete holds locks for long. */
  batch: 1000,
} as const;
