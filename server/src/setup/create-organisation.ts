import type { Kysely } from 'kysely';
import { DEFAULT_IDLE_LOCK_MINUTES, DEFAULT_OFFLINE_GRACE_MINUTES, type SetupRequest } from '@tapin/shared';
import { recordAudit } from '../audit/record-audit.js';
import { hashPassword } from '../auth/password-hash.js';
import type { DB, Organisation, User } from '../db/schema.js';
import { serialise } from '../db/serialise.js';
import { uniqueViolation } from '../db/unique-violation.js';
import { DomainError } from '../errors/domain-error.js';
import { anyOrganisationExists, insertOrganisation } from '../organisation/organisation-repository.js';
import { randomId } from '../random-id.js';
import { insertUser } from '../users/user-repository.js';

export function setupAlreadyDone(): DomainError {
  return new DomainError('setup_already_done', 'Tapin is already set up');
}

/** Creates an organisation with its first admin, in one transaction. Used by setup and the CLI. */
export async function createOrganisation(
  db: Kysely<DB>,
  input: SetupRequest,
  now: number,
  opts: { onlyIfEmpty: boolean },
): Promise<{ organisation: Organisation; admin: User }> {
  const passwordHash = await hashPassword(input.password);
  const organisation: Organisation = {
    id: randomId(),
    name: input.organisationName,
    pin_login_active: 0,
    offline_grace_minutes: DEFAULT_OFFLINE_GRACE_MINUTES,
    idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
    require_passkey: 0,
    register_language: null,
    created_at: now,
    version: 1,
  };
  const admin: User = {
    id: randomId(),
    organisation_id: organisation.id,
    name: input.name,
    username: input.username,
    role: 'admin',
    login_method: 'password',
    password_hash: passwordHash,
    pin_hmac: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  try {
    await db.transaction().execute(async (trx) => {
      if (opts.onlyIfEmpty) {
        // Two first-run setups at once must not both win.
        await serialise(trx, 'first-run-setup');
        if (await anyOrganisationExists(trx)) throw setupAlreadyDone();
      }
      await insertOrganisation(trx, organisation);
      await insertUser(trx, admin);
      const scope = { organisationId: organisation.id, actorUserId: admin.id, ip: null, now };
      await recordAudit(trx, scope, {
        type: 'organisation.created',
        targetUserId: admin.id,
        detail: { name: organisation.name },
      });
    });
  } catch (err) {
    if (uniqueViolation(err) === 'username') {
      throw new DomainError('username_taken', 'That username is taken', { field: 'username' });
    }
    throw err;
  }
  return { organisation, admin };
}
