import type { Kysely } from 'kysely';
import type { AuditEventType } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { timeOrderedId } from '../random-id.js';

/** Who an event is recorded for: the organisation, the acting user (if anyone), from where, when. */
export interface AuditScope {
  organisationId: string;
  actorUserId: string | null;
  ip: string | null;
  now: number;
}

export interface AuditEvent {
  type: AuditEventType;
  targetUserId?: string | null;
  deviceId?: string | null;
  /** Never a PIN, password or token: only names, methods, counts. */
  detail?: Record<string, string | number | boolean | null>;
}

/** The scope of everything an actor does in one request. */
export function auditScope(actor: Actor): AuditScope {
  return { organisationId: actor.organisation.id, actorUserId: actor.user.id, ip: actor.ip, now: actor.now };
}

/** The one way an event enters the audit log; pass a transaction to record it with the change. */
export async function recordAudit(db: Kysely<DB>, scope: AuditScope, e: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: timeOrderedId(scope.now),
      organisation_id: scope.organisationId,
      type: e.type,
      actor_user_id: scope.actorUserId,
      target_user_id: e.targetUserId ?? null,
      device_id: e.deviceId ?? null,
      ip: scope.ip,
      detail: JSON.stringify(e.detail ?? {}),
      created_at: scope.now,
    })
    .execute();
}
