import type { Kysely } from 'kysely';
import type { AuditEventJSON, AuditPageJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { listAuditEvents, namesAtDeletion } from './audit-repository.js';

const PAGE_SIZE = 50;

type Detail = AuditEventJSON['detail'];

/**
 * My account > Audit log: one page, newest first. Each entry names the people and the device it
 * is about as they are called now; one deleted since keeps the name it had when it was deleted.
 */
export async function auditLogPage(
  db: Kysely<DB>,
  actor: Actor,
  before: string | undefined,
): Promise<AuditPageJSON> {
  const rows = await listAuditEvents(db, actor.organisation.id, { before, limit: PAGE_SIZE + 1 });
  const page = rows.slice(0, PAGE_SIZE);
  const gone = {
    users: unique(
      page.flatMap((r) => [
        ...(r.actor_user_id && r.actor_name === null ? [r.actor_user_id] : []),
        ...(r.target_user_id && r.target_name === null ? [r.target_user_id] : []),
      ]),
    ),
    devices: unique(page.flatMap((r) => (r.device_id && r.device_name === null ? [r.device_id] : []))),
  };
  const deleted = await namesAtDeletion(db, actor.organisation.id, gone);
  const events: AuditEventJSON[] = page.map((r) => {
    const detail = JSON.parse(r.detail) as Detail;
    const userName = (id: string, now: string | null) => now ?? deleted.users.get(id);
    return {
      id: r.id,
      type: r.type,
      actor: r.actor_user_id
        ? { id: r.actor_user_id, name: userName(r.actor_user_id, r.actor_name) ?? 'Deleted user' }
        : null,
      target: r.target_user_id
        ? {
            id: r.target_user_id,
            name:
              userName(r.target_user_id, r.target_name) ?? recorded(r.type, detail, 'user') ?? 'Deleted user',
          }
        : null,
      device: r.device_id
        ? {
            id: r.device_id,
            name:
              r.device_name ??
              deleted.devices.get(r.device_id) ??
              recorded(r.type, detail, 'device') ??
              'Deleted device',
          }
        : null,
      ip: r.ip,
      detail,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
  return { events, nextBefore: rows.length > PAGE_SIZE ? (page.at(-1)?.id ?? null) : null };
}

const unique = (ids: string[]) => [...new Set(ids)];

/** The name an entry recorded itself of the user or device it is about, if it is one of those. */
function recorded(type: string, detail: Detail, about: 'user' | 'device'): string | null {
  if (!type.startsWith(`${about}.`)) return null;
  const name = type === 'device.renamed' ? detail.to : detail.name;
  return typeof name === 'string' ? name : null;
}
