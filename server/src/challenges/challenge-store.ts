import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { serialise } from '../db/serialise.js';

/**
 * A table of single-use challenges, each bound to the one party that may answer it (a device, a
 * user, or nobody yet for a passkey login) and capped per party. Device challenges and WebAuthn
 * challenges are two such stores.
 */
export interface ChallengeStore {
  table: 'webauthn_challenges';
  boundColumn: 'user_id';
  ttlMs: number;
  /** Unanswered challenges one party may hold at once. */
  maxOutstanding(boundTo: string | null): number;
}

export function newChallenge(): string {
  return randomBytes(32).toString('base64url');
}

const bound = (store: ChallengeStore, boundTo: string | null) =>
  boundTo === null
    ? sql`${sql.ref(store.boundColumn)} is null`
    : sql`${sql.ref(store.boundColumn)} = ${boundTo}`;

/**
 * Stores a challenge unless its party already holds `maxOutstanding` of them. One conditional
 * INSERT keeps the hot path to a single write; expired leftovers are swept only when the cap is
 * hit, and the retention job removes the rest. Returns the expiry, or null when over the cap.
 */
export async function issueChallenge(
  db: Kysely<DB>,
  store: ChallengeStore,
  c: { challenge: string; purpose: string; boundTo: string | null; now: number },
): Promise<number | null> {
  const expiresAt = c.now + store.ttlMs;
  const table = sql.table(store.table);
  const insert = (trx: Kysely<DB>) =>
    sql`insert into ${table} (id, ${sql.ref(store.boundColumn)}, purpose, expires_at)
        select ${c.challenge}, ${c.boundTo}, ${c.purpose}, cast(${expiresAt} as bigint)
        where (select count(*) from ${table} where ${bound(store, c.boundTo)}) < ${store.maxOutstanding(c.boundTo)}`.execute(
      trx,
    );
  // Serialised per party: on PostgreSQL, parallel requests would otherwise all count the same
  // rows under the cap and all insert.
  return db.transaction().execute(async (trx) => {
    await serialise(trx, `challenges:${store.table}:${c.boundTo ?? ''}`);
    let result = await insert(trx);
    if (result.numAffectedRows === 0n) {
      await sql`delete from ${table} where ${bound(store, c.boundTo)} and expires_at <= ${c.now}`.execute(
        trx,
      );
      result = await insert(trx);
    }
    return result.numAffectedRows === 0n ? null : expiresAt;
  });
}

/**
 * Takes a challenge out of the store if it was issued for this purpose to one of `boundTo` and has
 * not expired. The DELETE … RETURNING is the single-use guarantee: of two racing requests only one
 * gets the row back.
 */
export async function consumeChallenge(
  db: Kysely<DB>,
  store: ChallengeStore,
  c: { challenge: string; purpose: string; boundTo: (string | null)[]; now: number },
): Promise<boolean> {
  const anyOf = sql.join(
    c.boundTo.map((b) => bound(store, b)),
    sql` or `,
  );
  const { rows } = await sql<{ expires_at: number | string }>`delete from ${sql.table(store.table)}
      where id = ${c.challenge} and purpose = ${c.purpose} and (${anyOf})
      returning expires_at`.execute(db);
  const row = rows[0];
  return row !== undefined && Number(row.expires_at) > c.now;
}

/** Drops every challenge of one party, e.g. a device that was revoked or deleted. */
export async function forgetChallenges(
  db: Kysely<DB>,
  store: ChallengeStore,
  boundTo: string,
): Promise<void> {
  await sql`delete from ${sql.table(store.table)} where ${bound(store, boundTo)}`.execute(db);
}
