import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { serialise } from '../db/serialise.js';
import { DomainError } from '../errors/domain-error.js';
import { findOrganisation } from '../organisation/organisation-repository.js';
import { endSessions } from '../sessions/session-repository.js';
import { countPasskeys, deletePasskey, findUserPasskey } from './passkey-repository.js';

/**
 * My account > Passkeys > Remove. While the organisation requires a passkey the last one stays.
 * Like a changed password, a removed passkey ends the user's other sessions: one of them may have
 * been opened with it.
 */
export async function removePasskey(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const { user, now } = actor;
  await db.transaction().execute(async (trx) => {
    // Two removals of a user's last two passkeys must not both pass the check below.
    await serialise(trx, `passkeys:${user.id}`);
    const passkey = await findUserPasskey(trx, user.id, id);
    if (!passkey) throw new DomainError('not_found', 'No such passkey');
    const org = await findOrganisation(trx, actor.organisation.id);
    if (org.require_passkey === 1 && (await countPasskeys(trx, user.id)) <= 1) {
      throw new DomainError(
        'last_passkey_required',
        'Your organisation requires a passkey for admins and managers, so you cannot remove your last one. Add another passkey first.',
      );
    }
    await deletePasskey(trx, passkey.id);
    await endSessions(trx, { userId: user.id }, { now, except: actor.session.id });
    await recordAudit(trx, auditScope(actor), {
      type: 'passkey.removed',
      targetUserId: user.id,
      deviceId: actor.session.device_id,
      detail: { name: passkey.name },
    });
  });
}
