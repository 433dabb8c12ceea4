import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { serialise } from '../db/serialise.js';
import { randomId } from '../random-id.js';
import { currentGrants, extendGrant, insertGrant } from './offline-grant-repository.js';

/**
 * Remembers what a roster issued now lets this device do: each user on it may log in offline
 * there from now until their `until`. A grant that has not ended yet is extended instead, so a
 * device that fetches a roster after every login keeps one row per user and unbroken stretch.
 */
export async function recordOfflineGrants(
  db: Kysely<DB>,
  c: { deviceId: string; users: { id: string; until: number }[]; now: number },
): Promise<void> {
  if (c.users.length === 0) return;
  await db.transaction().execute(async (trx) => {
    // Two rosters fetched at once would otherwise both find no current grant and both insert.
    await serialise(trx, `offline-grants:${c.deviceId}`);
    const current = await currentGrants(trx, {
      deviceId: c.deviceId,
      userIds: c.users.map((u) => u.id),
      now: c.now,
    });
    for (const user of c.users) {
      const grant = current.find((g) => g.user_id === user.id);
      if (!grant) {
        await insertGrant(trx, {
          id: randomId(),
          device_id: c.deviceId,
          user_id: user.id,
          valid_from: c.now,
          valid_until: user.until,
        });
      } else if (user.until > grant.valid_until) {
        // A shorter grace period set since then does not shorten what a signed roster promised.
        await extendGrant(trx, grant.id, user.until);
      }
    }
  });
}
