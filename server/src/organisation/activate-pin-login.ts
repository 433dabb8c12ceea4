import type { Kysely } from 'kysely';
import type { PinLoginSettingsJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { findOrganisation, setPinLoginActive } from './organisation-repository.js';
import { pinLoginSettingsJSON } from './pin-login-settings-json.js';

/** My account > Log in with PIN code > Activate. Activating twice changes and records nothing. */
export async function activatePinLogin(db: Kysely<DB>, actor: Actor): Promise<PinLoginSettingsJSON> {
  await db.transaction().execute(async (trx) => {
    if (await setPinLoginActive(trx, actor.organisation.id, true)) {
      await recordAudit(trx, auditScope(actor), { type: 'pin_login.activated' });
    }
  });
  return pinLoginSettingsJSON(await findOrganisation(db, actor.organisation.id));
}
