import type { Kysely } from 'kysely';
import type { AuditEventJSON, AuditPageJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { listAuditEvents } from './audit-repository.js';

const PAGE_SIZE = 50;

/** My account > Audit log: one page, newest first; people deleted since keep the name recorded. */
export async function auditLogPage(
  db: Kysely<DB>,
  actor: Actor,
  before: string | undefined,
): Promise<AuditPageJSON> {
  const rows = await listAuditEvents(db, actor.organisation.id, { before, limit: PAGE_SIZE + 1 });
  const page = rows.slice(0, PAGE_SIZE);
  const events: AuditEventJSON[] = page.map((r) => {
    const detail = JSON.parse(r.detail) as AuditEventJSON['detail'];
    const removedName = typeof detail.name === 'string' ? detail.name : 'Deleted user';
    return {
      id: r.id,
      type: r.type,
      actor: r.actor_user_id ? { id: r.actor_user_id, name: r.actor_name ?? 'Deleted user' } : null,
      target: r.target_user_id ? { id: r.target_user_id, name: r.target_name ?? removedName } : null,
      deviceId: r.device_id,
      ip: r.ip,
      detail,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
  return { events, nextBefore: rows.length > PAGE_SIZE ? (page.at(-1)?.id ?? null) : null };
}
