import type { Kysely } from 'kysely';
import type { PinLoginSettingsJSON, UpdatePinLoginSettingsRequest } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { findOrganisation, updateOrganisationSettings } from './organisation-repository.js';
import { pinLoginSettingsJSON } from './pin-login-settings-json.js';

/** The register settings (offline grace period, idle lock) and the passkey requirement. */
export async function updatePinLoginSettings(
  db: Kysely<DB>,
  actor: Actor,
  body: UpdatePinLoginSettingsRequest,
): Promise<PinLoginSettingsJSON> {
  await db.transaction().execute(async (trx) => {
    await updateOrganisationSettings(trx, actor.organisation.id, {
      ...(body.offlineGraceMinutes !== undefined && { offline_grace_minutes: body.offlineGraceMinutes }),
      ...(body.idleLockMinutes !== undefined && { idle_lock_minutes: body.idleLockMinutes }),
      ...(body.requirePasskey !== undefined && { require_passkey: body.requirePasskey ? 1 : 0 }),
    });
    await recordAudit(trx, auditScope(actor), { type: 'settings.changed', detail: { ...body } });
  });
  return pinLoginSettingsJSON(await findOrganisation(db, actor.organisation.id));
}
