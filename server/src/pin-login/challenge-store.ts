import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** Stores a fresh single-use challenge bound to one device and one purpose. */
export async function issueChallenge(
  db: Kysely<DB>,
  opts: { deviceId: string; purpose: string; now: number; ttlMs: number; maxOutstanding: number },
): Promise<{ challenge: string; expiresAt: number } | null> {
  const challenge = randomBytes(32).toString('base64url');
  const expiresAt = opts.now + opts.ttlMs;
  const stored = await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('challenges')
      .where('device_id', '=', opts.deviceId)
      .where('expires_at', '<=', opts.now)
      .execute();
    const outstanding = await trx
      .selectFrom('challenges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('device_id', '=', opts.deviceId)
      .executeTakeFirstOrThrow();
    if (Number(outstanding.n) >= opts.maxOutstanding) return false;
    await trx
      .insertInto('challenges')
      .values({ id: challenge, device_id: opts.deviceId, purpose: opts.purpose, expires_at: expiresAt })
      .execute();
    return true;
  });
  return stored ? { challenge, expiresAt } : null;
}

/**
 * Takes a challenge out of the store if it exists for this device and purpose and has not expired.
 * The delete is the single-use guarantee: of two racing requests only one gets the row back.
 */
export async function consumeChallenge(
  db: Kysely<DB>,
  opts: { challenge: string; deviceId: string; purpose: string; now: number },
): Promise<boolean> {
  const row = await db
    .deleteFrom('challenges')
    .where('id', '=', opts.challenge)
    .where('device_id', '=', opts.deviceId)
    .where('purpose', '=', opts.purpose)
    .returning('expires_at')
    .executeTakeFirst();
  return row !== undefined && row.expires_at > opts.now;
}
