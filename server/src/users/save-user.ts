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

/**
 * Runs a transaction that creates or changes a user, perhaps with a new PIN. A taken PIN or
 * username becomes a clear field error; a taken PIN also uses up one of the actor's few "PIN taken"
 * answers and is audited, since it tells the actor that somebody logs in with that PIN.
 */
export async function saveUser(
  db: Kysely<DB>,
  actor: Actor,
  c: { peppers: PinPeppers; newPin: { pin: string; userId: string } | null },
  write: (trx: Kysely<DB>) => Promise<void>,
): Promise<void> {
  const budget = pinConflictBudget(actor.user.id);
  if (c.newPin) await reserveAttempt(db, budget, actor.now);
  let pinTaken = false;
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
      throw new DomainError('username_taken', 'That username is taken', { field: 'username' });
    }
    throw err;
  } finally {
    // Only a taken PIN keeps its reservation.
    if (c.newPin && !pinTaken) await releaseAttempt(db, budget, actor.now);
  }
}
