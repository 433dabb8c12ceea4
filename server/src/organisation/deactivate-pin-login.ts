import type { Kysely } from 'kysely';
import type { PinLoginSettingsJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { endSessions } from '../sessions/session-repository.js';
import { changeSettings } from './change-settings.js';

/**
 * My account > Log in with PIN code > Deactivate: every register shows the username and password
 * screen again. Every register (PIN) session of the organisation ends, except the session making
 * the change, even when that one is a register session that stepped up: the admin who switches
 * the feature off is not thrown out mid-action. Web sessions are not affected.
 */
export function deactivatePinLogin(
  db: Kysely<DB>,
  actor: Actor,
  version: number,
): Promise<PinLoginSettingsJSON> {
  return changeSettings(
    db,
    actor,
    version,
    () => ({ pin_login_active: 0 }),
    async (trx) => {
      await endSessions(
        trx,
        { organisationId: actor.organisation.id, kind: 'register' },
        { now: actor.now, except: actor.session.id },
      );
      await recordAudit(trx, auditScope(actor), { type: 'pin_login.deactivated' });
    },
  );
}
