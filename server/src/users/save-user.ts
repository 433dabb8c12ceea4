import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { uniqueViolation } from '../db/unique-violation.js';
import { DomainError } from '../errors/domain-error.js';
import { pinConflictBudget } from '../pins/pin-conflict-budget.js';
import type { PinPeppers } from '../pins/pin-peppers.js';
import { assertPinFreeUnderPreviousPepper, isPinTaken } from '../pins/pin-taken.js';
import { releaseAttempt, reserveAttempt } from '../rate-limit/attempt-budget.js';
import { usernameConflictBudget } from './username-conflict-budget.js';

/**
 * Runs a transaction that creates or changes a user, perhaps with a new PIN or username. A taken
 * PIN or username becomes a clear field error. Both answers say something about other users (a
 * PIN: that somebody logs in with it; a username: that it exists, perhaps in another organisation),
 * so each uses up one of the actor's few such answers, reserved before the write, and is audited.
 */
export async function saveUser(
  db: Kysely<DB>,
  actor: Actor,
  c: { peppers: PinPeppers; newPin: { pin: string; userId: string } | null; newUsername: boolean },
  write: (trx: Kysely<DB>) => Promise<void>,
): Promise<void> {
  const budget = pinConflictBudget(actor.user.id);
  const names = usernameConflictBudget(actor.user.id);
  if (c.newPin) await reserveAttempt(db, budget, actor.now);
  if (c.newUsername) {
    try {
      await reserveAttempt(db, names, actor.now);
    } catch (err) {
      if (c.newPin) await releaseAttempt(db, budget, actor.now);
      throw err;
    }
  }
  let pinTaken = false;
  let usernameTaken = false;
  try {
    await db.transaction().execute(async (trx) => {
      if (c.newPin) {
        const { pin, userId } = c.newPin;
        await assertPinFreeUnderPreviousPepper(trx, c.peppers, {
          organisationId: actor.organisation.id,
          pin,
          exceptUserId: userId,
        });
      }
      await write(trx);
    });
  } catch (err) {
    if (isPinTaken(err)) {
      pinTaken = true;
      await recordAudit(db, auditScope(actor), { type: 'user.pin_conflict' });
      throw new DomainError('pin_taken', 'This PIN is already in use. Choose another PIN.', { field: 'pin' });
    }
    if (uniqueViolation(err) === 'username') {
      usernameTaken = true;
      await recordAudit(db, auditScope(actor), { type: 'user.username_conflict' });
      throw new DomainError('username_taken', 'That username is taken', { field: 'username' });
    }
    throw err;
  } finally {
    // Only a taken PIN or username keeps its reservation.
    if (c.newPin && !pinTaken) await releaseAttempt(db, budget, actor.now);
    if (c.newUsername && !usernameTaken) await releaseAttempt(db, names, actor.now);
  }
}
