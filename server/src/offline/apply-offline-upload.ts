import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OfflineSessionEntry, OfflineUploadResultJSON } from '@tapin/shared';
import { recordAudit, type AuditScope } from '../audit/record-audit.js';
import type { DB, Device } from '../db/schema.js';
import { serialise } from '../db/serialise.js';
import { randomId } from '../random-id.js';
import { SESSION_ABSOLUTE_MS } from '../sessions/session-policy.js';
import { usersInOrganisation } from '../users/user-repository.js';
import { grantsOnDevice, type OfflineGrant } from './offline-grant-repository.js';
import { findSessionByIdempotencyKey, insertSession, setSessionEnded } from './offline-session-repository.js';
import { CLOCK_AHEAD_MS, CLOCK_BEHIND_MS, OLDEST_OFFLINE_LOGIN_MS } from './offline-upload-policy.js';

type Refusal = 'implausible_time' | 'not_on_roster';

/**
 * Records sessions a device opened while offline, all of them or none: one transaction per
 * batch. An entry counts only if a roster issued to this device named its user for the time of
 * the login; any other entry is refused and audited, so a copied browser profile cannot invent
 * history for people who never logged in there. Each entry carries an idempotency key, unique in
 * the database per device, so an upload repeated after a lost reply changes nothing.
 */
export async function applyOfflineUpload(
  db: Kysely<DB>,
  opts: { device: Device; entries: OfflineSessionEntry[]; ip: string | null; now: number },
): Promise<OfflineUploadResultJSON> {
  const { device, now } = opts;
  const scope: AuditScope = { organisationId: device.organisation_id, actorUserId: null, ip: opts.ip, now };
  return db.transaction().execute(async (trx) => {
    // Two uploads from one device at once (a retry overtaking a slow reply) must not both see an
    // entry as new, or a logout as not yet recorded.
    await serialise(trx, `offline-upload:${device.id}`);
    const userIds = [...new Set(opts.entries.map((e) => e.userId))];
    const grants = await grantsOnDevice(trx, {
      deviceId: device.id,
      organisationId: device.organisation_id,
      userIds,
    });
    const members = await usersInOrganisation(trx, device.organisation_id, userIds);
    const result = { applied: 0, duplicates: 0, rejected: 0 };
    for (const entry of opts.entries) {
      const loginAt = Date.parse(entry.loginAt);
      const logoutAt = entry.logoutAt === null ? null : Date.parse(entry.logoutAt);
      const refusal = refusalOf(
        loginAt,
        logoutAt,
        grants.filter((g) => g.user_id === entry.userId),
        now,
      );
      if (refusal) {
        result.rejected++;
        await recordAudit(trx, scope, {
          type: 'offline.upload_refused',
          deviceId: device.id,
          // Only a member of this organisation is named: the audit log shows the target's name.
          targetUserId: members.has(entry.userId) ? entry.userId : null,
          detail: { reason: refusal, loginAt: entry.loginAt },
        });
        continue;
      }
      const key = idempotencyKey(device.id, entry.idempotencyKey);
      const existing = await findSessionByIdempotencyKey(trx, key);
      if (existing) {
        // A logout that happened after the login was uploaded is news; anything else is a repeat.
        if (logoutAt !== null && existing.ended_at === null) {
          await setSessionEnded(trx, existing.id, logoutAt);
          result.applied++;
        } else {
          result.duplicates++;
        }
        continue;
      }
      await insertSession(trx, {
        id: randomId(),
        token_hash: null,
        organisation_id: device.organisation_id,
        user_id: entry.userId,
        kind: 'register',
        device_id: device.id,
        ip: null,
        created_at: loginAt,
        expires_at: loginAt + SESSION_ABSOLUTE_MS,
        last_seen_at: logoutAt ?? loginAt,
        stepped_up_at: null,
        ended_at: logoutAt,
        offline: 1,
        idempotency_key: key,
      });
      result.applied++;
    }
    return result;
  });
}

/** Why an entry is not believed, or null: its times, then the rosters issued to the device. */
function refusalOf(
  loginAt: number,
  logoutAt: number | null,
  grants: OfflineGrant[],
  now: number,
): Refusal | null {
  const plausible =
    Number.isFinite(loginAt) &&
    loginAt <= now + CLOCK_AHEAD_MS &&
    loginAt >= now - OLDEST_OFFLINE_LOGIN_MS &&
    (logoutAt === null ||
      (Number.isFinite(logoutAt) && logoutAt >= loginAt && logoutAt <= now + CLOCK_AHEAD_MS));
  if (!plausible) return 'implausible_time';
  // The register checks `until` against its own clock, and refuses to work while that clock is
  // behind the roster's time by more than CLOCK_BEHIND_MS.
  const granted = grants.some((g) => loginAt >= g.valid_from - CLOCK_BEHIND_MS && loginAt <= g.valid_until);
  return granted ? null : 'not_on_roster';
}

/**
 * The stored key: the device's own key is up to 64 characters, so `<deviceId>:<key>` would not
 * fit a column of its own size; its SHA-256 in hex always takes 64.
 */
function idempotencyKey(deviceId: string, key: string): string {
  return createHash('sha256').update(`${deviceId}:${key}`).digest('hex');
}
