import type { AttemptBudget } from '../rate-limit/attempt-budget.js';

/**
 * "This PIN is taken" tells the actor that somebody logs in with it, so each acting user gets only
 * a few such answers per window; every one is audited.
 */
export function pinConflictBudget(actorUserId: string): AttemptBudget {
  return {
    key: `pin-conflict:${actorUserId}`,
    windowMs: 15 * 60 * 1000,
    allowed: 5,
    refusal: 'Too many PINs that were already in use. Try again later.',
    field: 'pin',
  };
}
