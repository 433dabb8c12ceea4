import type { Kysely } from 'kysely';
import { preparedQuery } from '../db/prepared-query.js';
import { NEXT_VERSION } from '../db/row-version.js';
import type { DB, User } from '../db/schema.js';

const userByPinHmac = preparedQuery((db, organisationId: string, hmac: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('pin_hmac', '=', hmac),
);

/** The user of this organisation whose stored PIN is `hmac`, other than `exceptUserId`. */
export async function findUserByPinHmac(
  db: Kysely<DB>,
  organisationId: string,
  hmac: string,
  exceptUserId?: string,
): Promise<User | undefined> {
  if (exceptUserId === undefined) return (await userByPinHmac(db, organisationId, hmac)).rows[0];
  let q = db
    .selectFrom('users')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('pin_hmac', '=', hmac);
  if (exceptUserId !== undefined) q = q.where('id', '!=', exceptUserId);
  return q.executeTakeFirst();
}

/** Moves a PIN to the current pepper. A form that read the old HMAC must not write it back. */
export async function setPinHmac(db: Kysely<DB>, userId: string, hmac: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ pin_hmac: hmac, version: NEXT_VERSION })
    .where('id', '=', userId)
    .execute();
}
