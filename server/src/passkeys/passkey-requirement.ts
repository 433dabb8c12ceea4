import type { Kysely } from 'kysely';
import { isAdminRole } from '@tapin/shared';
import type { DB, Organisation, User } from '../db/schema.js';
import { ApiError } from '../http/api-error.js';
import { hasPasskey } from './passkey-repository.js';

/**
 * What the organisation's "require a passkey for admins and managers" means for this user:
 * nothing (off, or a cashier), use the passkey they have instead of the password, or, for an
 * admin or manager without one yet, a password login that asks them to add one.
 */
export async function passkeyRequirement(
  db: Kysely<DB>,
  user: Pick<User, 'id' | 'role'>,
  organisation: Pick<Organisation, 'require_passkey'>,
): Promise<'none' | 'use_passkey' | 'add_passkey'> {
  if (organisation.require_passkey !== 1 || !isAdminRole(user.role)) return 'none';
  return (await hasPasskey(db, user.id)) ? 'use_passkey' : 'add_passkey';
}

/** Said only after the password was found right, so it tells a guesser nothing. */
export function passkeyRequired(): ApiError {
  return new ApiError(403, 'passkey_required', 'Use your passkey to log in');
}
