import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../http/api-error.js';
import { countInWindow, peekWindow, uncountInWindow } from '../rate-limit/fixed-window.js';

// "This PIN is taken" tells the actor that somebody logs in with it, so each acting user gets only
// a few such answers per window; every one is audited.
const WINDOW_MS = 15 * 60 * 1000;
const CONFLICTS_ALLOWED = 5;

const key = (actorId: string) => `pin-conflict:${actorId}`;

/**
 * Reserves one answer from the actor's budget before a PIN is saved. Counting first is what holds
 * the limit against parallel requests: checking and then counting would let a burst of saves all
 * pass the check. A save that does not conflict hands its reservation back with
 * `releasePinConflict`, so only conflicts use the budget up.
 */
export async function reservePinConflict(db: Kysely<DB>, actorId: string, now: number): Promise<void> {
  const count = await countInWindow(db, key(actorId), WINDOW_MS, now);
  if (count > CONFLICTS_ALLOWED) {
    await releasePinConflict(db, actorId, now);
    const { retryAfterSeconds } = await peekWindow(db, key(actorId), WINDOW_MS, now);
    throw new ApiError(429, 'rate_limited', 'Too many PINs that were already in use. Try again later.', {
      field: 'pin',
      retryAfterSeconds: Math.max(1, retryAfterSeconds),
    });
  }
}

export async function releasePinConflict(db: Kysely<DB>, actorId: string, now: number): Promise<void> {
  await uncountInWindow(db, key(actorId), WINDOW_MS, now);
}
