import type { Kysely } from 'kysely';
import type { PinLoginSettingsJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { changeSettings } from './change-settings.js';

/** My account > Log in with PIN code > Activate. Activating twice changes and records nothing. */
export function activatePinLogin(
  db: Kysely<DB>,
  actor: Actor,
  version: number,
): Promise<PinLoginSettingsJSON> {
  return changeSettings(
    db,
    actor,
    version,
    () => ({ pin_login_active: 1 }),
    (trx) => recordAudit(trx, auditScope(actor), { type: 'pin_login.activated' }),
  );
}
