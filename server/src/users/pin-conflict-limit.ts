import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../http/api-error.js';
import { countInWindow, peekWindow } from '../rate-limit/fixed-window.js';

// "This PIN is taken" tells the actor that somebody logs in with it, so each acting user gets only
// a few such answers per window; every one is audited.
const WINDOW_MS = 15 * 60 * 1000;
const CONFLICTS_ALLOWED = 5;

const key = (actorId: string) => `pin-conflict:${actorId}`;

export async function assertPinConflictBudget(db: Kysely<DB>, actorId: string, now: number): Promise<void> {
  const { count, retryAfterSeconds } = await peekWindow(db, key(actorId), WINDOW_MS, now);
  if (count >= CONFLICTS_ALLOWED) {
    throw new ApiError(429, 'rate_limited', 'Too many PINs that were already in use. Try again later.', {
      field: 'pin',
      retryAfterSeconds,
    });
  }
}

export async function spendPinConflict(db: Kysely<DB>, actorId: string, now: number): Promise<void> {
  await countInWindow(db, key(actorId), WINDOW_MS, now);
}
