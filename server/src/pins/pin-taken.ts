import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { uniqueViolation } from '../db/unique-violation.js';
import { pinHmac } from './pin-hmac.js';
import { findUserByPinHmac } from './pin-repository.js';
import type { PinPeppers } from './pin-peppers.js';

/** A PIN somebody else in the organisation already logs in with. */
export class PinTakenError extends Error {
  constructor() {
    super('This PIN is already in use');
    this.name = 'PinTakenError';
  }
}

/**
 * The "PIN free?" check. The unique index on (organisation, pin_hmac) sees PINs stored under the
 * current pepper; during a rotation, PINs not yet moved are stored under the old one, so this
 * checks that one too. Call it in the transaction that stores the PIN.
 */
export async function assertPinFreeUnderPreviousPepper(
  db: Kysely<DB>,
  peppers: PinPeppers,
  c: { organisationId: string; pin: string; exceptUserId: string },
): Promise<void> {
  if (!peppers.previous) return;
  const holder = await findUserByPinHmac(
    db,
    c.organisationId,
    pinHmac(peppers.previous, c.organisationId, c.pin),
    c.exceptUserId,
  );
  if (holder) throw new PinTakenError();
}

/** A write that broke the unique PIN index: the PIN was taken under the current pepper. */
export function isPinTaken(err: unknown): boolean {
  return err instanceof PinTakenError || uniqueViolation(err) === 'pin';
}
