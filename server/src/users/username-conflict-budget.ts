import type { AttemptBudget } from '../rate-limit/attempt-budget.js';

/**
 * Usernames are unique across all organisations (the login screen names no organisation), so
 * "That username is taken" can be about another organisation's user. Each acting user gets only
 * a few such answers per window, and every one is audited, so nobody can list other tenants' users.
 */
export function usernameConflictBudget(actorUserId: string): AttemptBudget {
  return {
    key: `username-conflict:${actorUserId}`,
    windowMs: 15 * 60 * 1000,
    allowed: 10,
    refusal: 'Too many usernames that were already taken. Try again later.',
    field: 'username',
  };
}
