import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { DEFAULT_IDLE_LOCK_MINUTES, DEFAULT_OFFLINE_GRACE_MINUTES, type SetupRequest } from '@tapin/shared';
import { recordAudit } from '../audit/record-audit.js';
import { hashPassword } from '../auth/password-hash.js';
import type { DB, Organisation, User } from '../db/schema.js';
import { uniqueViolation } from '../db/unique-violation.js';
import { ApiError } from '../http/api-error.js';
import { randomId } from '../random-id.js';

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
    created_at: now,
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
  };
  try {
    await db.transaction().execute(async (trx) => {
      if (opts.onlyIfEmpty) {
        // Two first-run setups at once must not both win. SQLite runs one write transaction at a
        // time already; PostgreSQL needs the table locked for the check to hold until commit.
        if (trx.getExecutor().adapter instanceof PostgresAdapter) {
          await sql`lock table organisations in share row exclusive mode`.execute(trx);
        }
        const existing = await trx.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
        if (existing) throw new ApiError(409, 'setup_already_done', 'Tapin is already set up');
      }
      await trx.insertInto('organisations').values(organisation).execute();
      await trx.insertInto('users').values(admin).execute();
      await recordAudit(trx, {
        organisationId: organisation.id,
        type: 'organisation.created',
        actorUserId: admin.id,
        targetUserId: admin.id,
        detail: { name: organisation.name },
        now,
      });
    });
  } catch (err) {
    if (uniqueViolation(err) === 'username') {
      throw new ApiError(409, 'username_taken', 'That username is taken', { field: 'username' });
    }
    throw err;
  }
  return { organisation, admin };
}
