import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { countInWindow, peekWindow, uncountInWindow } from './fixed-window.js';

/** A number of attempts allowed per key and window, and what a refused one is told. */
export interface AttemptBudget {
  key: string;
  windowMs: number;
  allowed: number;
  refusal: string;
  field?: string;
}

/**
 * Counts an attempt before it is made, so that parallel attempts cannot all pass the limit;
 * checking and then counting would let a burst through. An attempt that turns out not to count
 * (a right password, a PIN that was free) hands its reservation back with `releaseAttempt`.
 */
export async function reserveAttempt(db: Kysely<DB>, budget: AttemptBudget, now: number): Promise<void> {
  const count = await countInWindow(db, budget.key, budget.windowMs, now);
  if (count <= budget.allowed) return;
  await releaseAttempt(db, budget, now);
  const { retryAfterSeconds } = await peekWindow(db, budget.key, budget.windowMs, now);
  throw new DomainError('rate_limited', budget.refusal, {
    ...(budget.field !== undefined && { field: budget.field }),
    retryAfterSeconds: Math.max(1, retryAfterSeconds),
  });
}

export async function releaseAttempt(db: Kysely<DB>, budget: AttemptBudget, now: number): Promise<void> {
  await uncountInWindow(db, budget.key, budget.windowMs, now);
}
