import type { Kysely } from 'kysely';
import {
  MAX_OFFLINE_GRACE_MINUTES,
  type OfflineSessionEntry,
  type OfflineUploadResultJSON,
} from '@tapin/shared';
import type { DB, Device } from '../db/schema.js';
import { uniqueViolation } from '../db/unique-violation.js';
import { randomId } from '../random-id.js';
import { SESSION_ABSOLUTE_MS } from '../sessions/session-policy.js';
import { findSessionByIdempotencyKey, insertSession, setSessionEnded } from './offline-session-repository.js';
import { usersInOrganisation } from '../users/user-repository.js';

/** How far ahead of the server a device clock may be before its times are not believed. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Records sessions a device opened while offline. Each entry carries an idempotency key, unique in
 * the database per device, so an upload repeated after a lost reply changes nothing: exactly once.
 */
export async function applyOfflineUpload(
  db: Kysely<DB>,
  opts: { device: Device; entries: OfflineSessionEntry[]; now: number },
): Promise<OfflineUploadResultJSON> {
  const { device, now } = opts;
  const result = { applied: 0, duplicates: 0, rejected: 0 };
  const known = await usersInOrganisation(db, device.organisation_id, [
    ...new Set(opts.entries.map((e) => e.userId)),
  ]);
  for (const entry of opts.entries) {
    const loginAt = Date.parse(entry.loginAt);
    const logoutAt = entry.logoutAt === null ? null : Date.parse(entry.logoutAt);
    const plausible =
      Number.isFinite(loginAt) &&
      loginAt <= now + CLOCK_SKEW_MS &&
      loginAt >= now - MAX_OFFLINE_GRACE_MINUTES * 60_000 - SESSION_ABSOLUTE_MS &&
      (logoutAt === null ||
        (Number.isFinite(logoutAt) && logoutAt >= loginAt && logoutAt <= now + CLOCK_SKEW_MS));
    if (!plausible || !known.has(entry.userId)) {
      result.rejected++;
      continue;
    }
    const key = `${device.id}:${entry.idempotencyKey}`;
    const existing = await findSessionByIdempotencyKey(db, key);
    if (existing) {
      // A logout that happened after the login was uploaded is news; anything else is a repeat.
      if (logoutAt !== null && existing.ended_at === null) {
        await setSessionEnded(db, existing.id, logoutAt);
        result.applied++;
      } else {
        result.duplicates++;
      }
      continue;
    }
    try {
      await insertSession(db, {
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
    } catch (err) {
      // A concurrent upload of the same entry won the insert.
      if (uniqueViolation(err) === null) throw err;
      result.duplicates++;
    }
  }
  return result;
}
