import type { Kysely } from 'kysely';
import type { DB, User } from '../db/schema.js';
import { findUserByPinHmac, setPinHmac } from './pin-repository.js';
import { pinHmac } from './pin-hmac.js';
import type { PinPeppers } from './pin-peppers.js';

/**
 * The user of this organisation with this PIN: one indexed lookup. During a pepper rotation a
 * match under the old pepper is moved to the new one as it is found.
 */
export async function findPinUser(
  db: Kysely<DB>,
  peppers: PinPeppers,
  organisationId: string,
  pin: string,
): Promise<User | undefined> {
  const current = pinHmac(peppers.current, organisationId, pin);
  const user = await findUserByPinHmac(db, organisationId, current);
  if (user || !peppers.previous) return user;
  const old = await findUserByPinHmac(db, organisationId, pinHmac(peppers.previous, organisationId, pin));
  if (!old) return undefined;
  await setPinHmac(db, old.id, current);
  return { ...old, pin_hmac: current };
}
