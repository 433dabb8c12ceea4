import type { Kysely } from 'kysely';
import type { DB, Organisation } from '../db/schema.js';

export async function findOrganisation(db: Kysely<DB>, id: string): Promise<Organisation> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function anyOrganisationExists(db: Kysely<DB>): Promise<boolean> {
  const any = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  return any !== undefined;
}

export async function insertOrganisation(db: Kysely<DB>, organisation: Organisation): Promise<void> {
  await db.insertInto('organisations').values(organisation).execute();
}

/** Switches PIN login; true when it was not already in that state. */
export async function setPinLoginActive(db: Kysely<DB>, id: string, active: boolean): Promise<boolean> {
  const changed = await db
    .updateTable('organisations')
    .set({ pin_login_active: active ? 1 : 0 })
    .where('id', '=', id)
    .where('pin_login_active', '=', active ? 0 : 1)
    .executeTakeFirst();
  return changed.numUpdatedRows > 0n;
}

export async function updateOrganisationSettings(
  db: Kysely<DB>,
  id: string,
  set: Partial<Pick<Organisation, 'offline_grace_minutes' | 'idle_lock_minutes' | 'require_passkey'>>,
): Promise<void> {
  await db.updateTable('organisations').set(set).where('id', '=', id).execute();
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
