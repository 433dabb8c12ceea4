import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import type { DB, Organisation, User } from '../db/schema.js';
import { invalidCredentials } from '../errors/domain-error.js';
import { findOrganisation } from '../organisation/organisation-repository.js';
import { passkeyRequired, passkeyRequirement } from '../passkeys/passkey-requirement.js';
import { releaseAttempt, reserveAttempt } from '../rate-limit/attempt-budget.js';
import { passwordAttemptBudget } from './password-attempt-budget.js';
import { verifyPasswordLogin } from './verify-password-login.js';

/**
 * The username and password screen. Every failure is the same invalid_credentials; only once the
 * password is known to be right may the answer say that this admin or manager must use a passkey.
 */
export async function logInWithPassword(
  db: Kysely<DB>,
  c: { username: string; password: string; ip: string | null; now: number },
): Promise<{ user: User; organisation: Organisation; mustAddPasskey: boolean }> {
  const budget = passwordAttemptBudget(c.username);
  await reserveAttempt(db, budget, c.now);
  const { user, knownUser } = await verifyPasswordLogin(db, c.username, c.password);
  if (!user) {
    if (knownUser) {
      const scope = { organisationId: knownUser.organisation_id, actorUserId: null, ip: c.ip, now: c.now };
      await recordAudit(db, scope, { type: 'login.password_failed', targetUserId: knownUser.id });
    }
    throw invalidCredentials();
  }
  await releaseAttempt(db, budget, c.now);
  const organisation = await findOrganisation(db, user.organisation_id);
  const passkey = await passkeyRequirement(db, user, organisation);
  if (passkey === 'use_passkey') throw passkeyRequired();
  return { user, organisation, mustAddPasskey: passkey === 'add_passkey' };
}
