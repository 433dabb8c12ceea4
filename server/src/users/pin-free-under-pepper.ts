import type { Kysely } from 'kysely';
import { pinHmac } from '../auth/pin-hmac.js';
import type { DB } from '../db/schema.js';

export class PinTakenError extends Error {}

/**
 * During a pepper rotation, PINs not yet moved to the new pepper are stored under the old one, so
 * the unique index alone cannot see that a new PIN is taken. This checks the old pepper too.
 */
export async function assertPinFreeUnderPepper(
  db: Kysely<DB>,
  pepper: Buffer,
  organisationId: string,
  pin: string,
  exceptUserId: string,
): Promise<void> {
  const holder = await db
    .selectFrom('users')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('pin_hmac', '=', pinHmac(pepper, organisationId, pin))
    .where('id', '!=', exceptUserId)
    .executeTakeFirst();
  if (holder) throw new PinTakenError('PIN taken under the previous pepper');
}
