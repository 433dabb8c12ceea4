import type { Kysely } from 'kysely';
import type { PinLoginSettingsJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { endSessions } from '../sessions/session-repository.js';
import { findOrganisation, setPinLoginActive } from './organisation-repository.js';
import { pinLoginSettingsJSON } from './pin-login-settings-json.js';

/**
 * My account > Log in with PIN code > Deactivate: every register shows the username and password
 * screen again. Every register (PIN) session of the organisation ends, except the session making
 * the change, even when that one is a register session that stepped up: the admin who switches
 * the feature off is not thrown out mid-action. Web sessions are not affected.
 */
export async function deactivatePinLogin(db: Kysely<DB>, actor: Actor): Promise<PinLoginSettingsJSON> {
  const orgId = actor.organisation.id;
  await db.transaction().execute(async (trx) => {
    if (!(await setPinLoginActive(trx, orgId, false))) return;
    await endSessions(
      trx,
      { organisationId: orgId, kind: 'register' },
      { now: actor.now, except: actor.session.id },
    );
    await recordAudit(trx, auditScope(actor), { type: 'pin_login.deactivated' });
  });
  return pinLoginSettingsJSON(await findOrganisation(db, orgId));
}
