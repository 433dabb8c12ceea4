import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { serialise } from '../db/serialise.js';
import { DomainError } from '../errors/domain-error.js';
import { hasOtherAdmin } from './user-repository.js';

/**
 * Refuses a change that would leave the organisation without an admin who can reach the admin
 * environment (see reachesAdminEnvironment). Serialised per organisation, so that two admins who
 * step down at the same moment do not each still see the other.
 */
export async function assertAnotherAdmin(
  trx: Kysely<DB>,
  organisationId: string,
  exceptId: string,
  field?: 'role' | 'loginMethod',
): Promise<void> {
  await serialise(trx, `admins:${organisationId}`);
  if (!(await hasOtherAdmin(trx, organisationId, exceptId))) {
    throw new DomainError(
      'last_admin',
      field === 'loginMethod'
        ? 'This is the only admin who can log in with a password. Give another admin a password first, or this organisation is locked out of its settings.'
        : 'The organisation needs at least one admin who can log in with a password.',
      field ? { field } : {},
    );
  }
}
