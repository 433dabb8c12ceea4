import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Stores a fresh single-use challenge bound to one device and one purpose, unless the device
 * already holds `maxOutstanding` unexpired ones. One conditional INSERT keeps the hot path to a
 * single write; expired leftovers are swept only when the cap is hit.
 */
export async function issueChallenge(
  db: Kysely<DB>,
  opts: { deviceId: string; purpose: string; now: number; ttlMs: number; maxOutstanding: number },
): Promise<{ challenge: string; expiresAt: number } | null> {
  const challenge = randomBytes(32).toString('base64url');
  const expiresAt = opts.now + opts.ttlMs;
  const insert = () =>
    db
      .insertInto('challenges')
      .columns(['id', 'device_id', 'purpose', 'expires_at'])
      .expression(
        db
          .selectNoFrom([
            sql<string>`${challenge}`.as('id'),
            sql<string>`${opts.deviceId}`.as('device_id'),
            sql<string>`${opts.purpose}`.as('purpose'),
            sql<number>`cast(${expiresAt} as bigint)`.as('expires_at'),
          ])
          .where(
            db
              .selectFrom('challenges')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('device_id', '=', opts.deviceId),
            '<',
            opts.maxOutstanding,
          ),
      )
      .executeTakeFirst();
  let result = await insert();
  if (result.numInsertedOrUpdatedRows === 0n) {
    await db
      .deleteFrom('challenges')
      .where('device_id', '=', opts.deviceId)
      .where('expires_at', '<=', opts.now)
      .execute();
    result = await insert();
  }
  return result.numInsertedOrUpdatedRows === 0n ? null : { challenge, expiresAt };
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
