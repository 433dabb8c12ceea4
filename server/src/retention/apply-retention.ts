import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import { OLDEST_OFFLINE_LOGIN_MS } from '../offline/offline-upload-policy.js';
import { RETENTION } from './retention-policy.js';

export interface RetentionResult {
  sessions: number;
  webauthnChallenges: number;
  auditEvents: number;
  rateLimits: number;
  offlineGrants: number;
  approvalCodeRequests: number;
}

/**
 * Deletes what the retention policy no longer keeps, in small batches. Safe with several
 * instances on one database: each delete only removes rows that are past their time, so two
 * instances running at once just share the work.
 */
export async function applyRetention(db: Kysely<DB>, now: number): Promise<RetentionResult> {
  const sessionCutoff = now - RETENTION.sessionsMs;
  return {
    sessions: await deleteInBatches(
      db,
      'sessions',
      sql`(ended_at is not null and ended_at < ${sessionCutoff}) or expires_at < ${sessionCutoff}`,
    ),
    webauthnChallenges: await deleteInBatches(db, 'webauthn_challenges', sql`expires_at <= ${now}`),
    auditEvents: await deleteInBatches(
      db,
      'audit_events',
      sql`created_at < ${now - RETENTION.auditEventsMs}`,
    ),
    rateLimits: await deleteInBatches(
      db,
      'rate_limits',
      sql`window_start < ${now - RETENTION.rateLimitsMs}`,
      'key',
    ),
    offlineGrants: await deleteInBatches(
      db,
      'offline_grants',
      sql`valid_until < ${now - OLDEST_OFFLINE_LOGIN_MS}`,
    ),
    approvalCodeRequests: await deleteInBatches(
      db,
      'approval_code_requests',
      sql`expires_at < ${now - RETENTION.approvalCodeRequestsMs}`,
    ),
  };
}

async function deleteInBatches(
  db: Kysely<DB>,
  table: keyof DB,
  due: RawBuilder<unknown>,
  key: 'id' | 'key' = 'id',
): Promise<number> {
  let total = 0;
  for (;;) {
    const t = sql.table(table);
    const k = sql.ref(key);
    const result =
      await sql`delete from ${t} where ${k} in (select ${k} from ${t} where ${due} limit ${RETENTION.batch})`.execute(
        db,
      );
    const n = Number(result.numAffectedRows ?? 0n);
    total += n;
    if (n < RETENTION.batch) return total;
  }
}
