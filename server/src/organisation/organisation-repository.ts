import type { Kysely } from 'kysely';
import { NEXT_VERSION, wrote } from '../db/row-version.js';
import type { DB, Organisation } from '../db/schema.js';

export async function findOrganisation(db: Kysely<DB>, id: string): Promise<Organisation> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function anyOrganisationExists(db: Kysely<DB>): Promise<boolean> {
  const any = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  return any !== undefined;
}

export async function insertOrganisation(
  db: Kysely<DB>,
  organisation: Omit<Organisation, 'version'>,
): Promise<void> {
  await db.insertInto('organisations').values(organisation).execute();
}

type Settings = Pick<
  Organisation,
  'pin_login_active' | 'offline_grace_minutes' | 'idle_lock_minutes' | 'require_passkey' | 'register_language'
>;

/**
 * Saves settings seen at `version`: Activate, Deactivate and the settings forms. False, and
 * nothing written, when the organisation changed since.
 */
export async function updateOrganisationSettings(
  db: Kysely<DB>,
  id: string,
  version: number,
  set: Partial<Settings>,
): Promise<boolean> {
  const result = await db
    .updateTable('organisations')
    .set({ ...set, version: NEXT_VERSION })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return wrote(result);
}

/** Whether some organisation here has Log in with PIN code on: a device nobody knows may ask to join one. */
export async function anyOrganisationWithPinLogin(db: Kysely<DB>): Promise<boolean> {
  const any = await db
    .selectFrom('organisations')
    .select('id')
    .where('pin_login_active', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return any !== undefined;
}
