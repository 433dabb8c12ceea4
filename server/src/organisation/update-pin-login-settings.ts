import type { Kysely } from 'kysely';
import type { PinLoginSettingsJSON, UpdatePinLoginSettingsRequest } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { changeSettings } from './change-settings.js';

/** The register settings (offline grace period, idle lock, language) and the passkey requirement. */
export function updatePinLoginSettings(
  db: Kysely<DB>,
  actor: Actor,
  { version, ...body }: UpdatePinLoginSettingsRequest,
): Promise<PinLoginSettingsJSON> {
  return changeSettings(
    db,
    actor,
    version,
    () => ({
      ...(body.offlineGraceMinutes !== undefined && { offline_grace_minutes: body.offlineGraceMinutes }),
      ...(body.idleLockMinutes !== undefined && { idle_lock_minutes: body.idleLockMinutes }),
      ...(body.requirePasskey !== undefined && { require_passkey: body.requirePasskey ? 1 : 0 }),
      ...(body.registerLanguage !== undefined && { register_language: body.registerLanguage }),
    }),
    (trx) => recordAudit(trx, auditScope(actor), { type: 'settings.changed', detail: { ...body } }),
  );
}
