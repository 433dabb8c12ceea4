import type { AttemptBudget } from '../rate-limit/attempt-budget.js';

/** Failed password attempts allowed per username and window, at login and at step-up alike. */
export function passwordAttemptBudget(username: string): AttemptBudget {
  return {
    key: `password:${username}`,
    windowMs: 15 * 60 * 1000,
    allowed: 10,
    refusal: 'Too many failed attempts. Try again later.',
  };
}
