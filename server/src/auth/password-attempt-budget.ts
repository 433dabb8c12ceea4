import type { AttemptBudget } from '../rate-limit/attempt-budget.js';

const WINDOW_MS = 15 * 60 * 1000;
const REFUSAL = 'Too many failed attempts. Try again later.';

/**
 * Failed password logins allowed per username and window. Anyone can spend these, so they are
 * kept apart from the step-up budget: a stranger's guesses must not lock an admin out of registers.
 */
export function passwordAttemptBudget(username: string): AttemptBudget {
  return { key: `password:${username}`, windowMs: WINDOW_MS, allowed: 10, refusal: REFUSAL };
}

/**
 * Failed step-ups ("Confirm it's you" with the password) allowed per user and window. Only someone
 * in a register session of that user can spend these.
 */
export function stepUpAttemptBudget(userId: string): AttemptBudget {
  return { key: `step-up:${userId}`, windowMs: WINDOW_MS, allowed: 10, refusal: REFUSAL };
}
