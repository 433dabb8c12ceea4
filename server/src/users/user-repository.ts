import type { Kysely } from 'kysely';
import { NEXT_VERSION, wrote } from '../db/row-version.js';
import type { DB, NewUser, User, UserUpdate } from '../db/schema.js';

/** A user of this organisation, or undefined: every management query is scoped this way. */
export async function findUser(
  db: Kysely<DB>,
  organisationId: string,
  id: string,
): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findUserById(db: Kysely<DB>, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserName(db: Kysely<DB>, id: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

export async function listUsers(db: Kysely<DB>, organisationId: string): Promise<User[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The IDs of this organisation's users among `ids`. */
export async function usersInOrganisation(
  db: Kysely<DB>,
  organisationId: string,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((u) => u.id));
}

export async function insertUser(db: Kysely<DB>, user: NewUser): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

/** Saves a user seen at `version`; false, and nothing written, when the user changed since. */
export async function updateUser(
  db: Kysely<DB>,
  organisationId: string,
  id: string,
  version: number,
  set: Omit<UserUpdate, 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ ...set, version: NEXT_VERSION })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return wrote(result);
}

export async function deleteUserRow(db: Kysely<DB>, organisationId: string, id: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).where('organisation_id', '=', organisationId).execute();
}

/** Whether the organisation has an admin other than `exceptId`. */
export async function hasOtherAdmin(
  db: Kysely<DB>,
  organisationId: string,
  exceptId: string,
): Promise<boolean> {
  const other = await db
    .selectFrom('users')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'admin')
    // The same rule as reachesAdminEnvironment: an admin with a password.
    .where('login_method', '!=', 'pin_only')
    .where('id', '!=', exceptId)
    .limit(1)
    .executeTakeFirst();
  return other !== undefined;
}
