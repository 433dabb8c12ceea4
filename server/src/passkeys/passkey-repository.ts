import type { Kysely } from 'kysely';
import type { DB, Passkey } from '../db/schema.js';

/** A user's passkeys, oldest first. */
export async function listPasskeys(db: Kysely<DB>, userId: string): Promise<Passkey[]> {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findPasskey(db: Kysely<DB>, id: string): Promise<Passkey | undefined> {
  return db.selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countPasskeys(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('passkeys')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function hasPasskey(db: Kysely<DB>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('passkeys')
    .select('id')
    .where('user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertPasskey(db: Kysely<DB>, passkey: Passkey): Promise<void> {
  await db.insertInto('passkeys').values(passkey).execute();
}

/**
 * Records a successful use: the authenticator's new signature counter, the time, and the
 * challenge it spent. A compare-and-set on the counter and the challenge, so of two racing uses
 * only one is recorded, and a replayed assertion never is; the other gets false and is refused.
 */
export async function recordPasskeyUse(
  db: Kysely<DB>,
  use: {
    id: string;
    storedCounter: number;
    newCounter: number;
    backedUp: boolean;
    challengeIssuedAt: number;
    now: number;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('passkeys')
    .set({
      counter: use.newCounter,
      backed_up: use.backedUp ? 1 : 0,
      last_used_at: use.now,
      challenge_at: use.challengeIssuedAt,
    })
    .where('id', '=', use.id)
    .where('counter', '=', use.storedCounter)
    .where('challenge_at', '<', use.challengeIssuedAt)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findUserPasskey(
  db: Kysely<DB>,
  userId: string,
  id: string,
): Promise<Passkey | undefined> {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function deletePasskey(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('passkeys').where('id', '=', id).execute();
}
