import type { Kysely } from 'kysely';
import type { AuditEventType } from '@tapin/shared';
import type { DB } from '../db/schema.js';
import { timeOrderedId } from '../random-id.js';

export interface AuditEntry {
  organisationId: string;
  type: AuditEventType;
  actorUserId?: string | null;
  targetUserId?: string | null;
  deviceId?: string | null;
  ip?: string | null;
  /** Never a PIN, password or token: only names, methods, counts. */
  detail?: Record<string, string | number | boolean | null>;
  now: number;
}

export async function recordAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: timeOrderedId(e.now),
      organisation_id: e.organisationId,
      type: e.type,
      actor_user_id: e.actorUserId ?? null,
      target_user_id: e.targetUserId ?? null,
      device_id: e.deviceId ?? null,
      ip: e.ip ?? null,
      detail: JSON.stringify(e.detail ?? {}),
      created_at: e.now,
    })
    .execute();
}
