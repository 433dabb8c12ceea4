import type { Kysely } from 'kysely';
import { passkeyRequiredFor } from '@tapin/shared';
import type { DB, Organisation, User } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { hasPasskey } from './passkey-repository.js';

/**
 * What "Require a passkey for admins and managers" means for this user: nothing, use the passkey
 * they have instead of the password, or (one without a passkey yet) a password login that asks
 * them to add one.
 */
export async function passkeyRequirement(
  db: Kysely<DB>,
  user: Pick<User, 'id' | 'role'>,
  organisation: Pick<Organisation, 'require_passkey'>,
): Promise<'none' | 'use_passkey' | 'add_passkey'> {
  if (!passkeyRequiredFor({ requirePasskey: organisation.require_passkey === 1 }, user.role)) return 'none';
  return (await hasPasskey(db, user.id)) ? 'use_passkey' : 'add_passkey';
}

/** Said only after the password was found right, so it tells a guesser nothing. */
export function passkeyRequired(): DomainError {
  return new DomainError('passkey_required', 'Use your passkey to log in');
}
