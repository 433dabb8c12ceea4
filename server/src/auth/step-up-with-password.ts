import type { Kysely } from 'kysely';
import type { SessionJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { invalidCredentials } from '../errors/domain-error.js';
import { passkeyRequired, passkeyRequirement } from '../passkeys/passkey-requirement.js';
import { releaseAttempt, reserveAttempt } from '../rate-limit/attempt-budget.js';
import { stepUp } from '../sessions/step-up.js';
import { verifyPassword } from './password-hash.js';
import { stepUpAttemptBudget } from './password-attempt-budget.js';

/**
 * "Confirm it's you" on a register with the password: the rules of a login, with a budget of its own
 * per user, reserved before the password is checked.
 */
export async function stepUpWithPassword(
  db: Kysely<DB>,
  actor: Actor,
  password: string,
): Promise<SessionJSON> {
  const { user, now } = actor;
  const budget = stepUpAttemptBudget(user.id);
  await reserveAttempt(db, budget, now);
  const ok = user.password_hash !== null && (await verifyPassword(user.password_hash, password));
  if (!ok) {
    const scope = { organisationId: actor.organisation.id, actorUserId: null, ip: actor.ip, now };
    await recordAudit(db, scope, {
      type: 'login.password_failed',
      targetUserId: user.id,
      deviceId: actor.session.device_id,
      detail: { stepUp: true },
    });
    throw invalidCredentials();
  }
  await releaseAttempt(db, budget, now);
  const passkey = await passkeyRequirement(db, user, actor.organisation);
  if (passkey === 'use_passkey') throw passkeyRequired();
  return stepUp(db, actor, { mustAddPasskey: passkey === 'add_passkey' });
}
