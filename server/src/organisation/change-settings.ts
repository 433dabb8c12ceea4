import type { Kysely } from 'kysely';
import type { PinLoginSettingsJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB, Organisation } from '../db/schema.js';
import { assertVersion, editedElsewhere } from '../errors/edited-elsewhere.js';
import { findOrganisation, updateOrganisationSettings } from './organisation-repository.js';
import { pinLoginSettingsJSON } from './pin-login-settings-json.js';

type Settings = Parameters<typeof updateOrganisationSettings>[3];

/**
 * One change to the organisation's settings, made from the settings as they were at `version`:
 * the write, and what must happen with it (ending sessions, the audit entry), in one transaction.
 * Settings changed since are left as they are (`edited_elsewhere`); a change that changes nothing
 * writes and records nothing.
 */
export async function changeSettings(
  db: Kysely<DB>,
  actor: Actor,
  version: number,
  change: (org: Organisation) => Settings,
  then: (trx: Kysely<DB>) => Promise<void>,
): Promise<PinLoginSettingsJSON> {
  const orgId = actor.organisation.id;
  await db.transaction().execute(async (trx) => {
    const org = await findOrganisation(trx, orgId);
    assertVersion(org, version, 'settings');
    const set = change(org);
    if (Object.entries(set).every(([k, v]) => org[k as keyof Settings] === v)) return;
    if (!(await updateOrganisationSettings(trx, orgId, version, set))) throw editedElsewhere('settings');
    await then(trx);
  });
  return pinLoginSettingsJSON(await findOrganisation(db, orgId));
}
