import type { Kysely } from 'kysely';
import { DEVICE_SESSIONS_PAGE_SIZE, type DeviceDetailsJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { countDeviceSessions, listDeviceSessions } from '../sessions/session-repository.js';
import { deviceOfActor, deviceWithApprover } from './change-device.js';

/** Settings > a device: its details, failed attempts and one page of its sessions. */
export async function deviceDetails(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  page: number,
): Promise<DeviceDetailsJSON> {
  const device = await deviceOfActor(db, actor, id);
  const total = await countDeviceSessions(db, device.id);
  const sessions = await listDeviceSessions(db, device.id, {
    limit: DEVICE_SESSIONS_PAGE_SIZE,
    offset: (page - 1) * DEVICE_SESSIONS_PAGE_SIZE,
  });
  return {
    device: await deviceWithApprover(db, device),
    failedAttempts: device.failed_attempts,
    sessions: sessions.map((s) => ({
      id: s.id,
      user: s.user_name ? { id: s.user_id, name: s.user_name } : null,
      ip: s.ip,
      loginAt: new Date(s.created_at).toISOString(),
      offline: s.offline === 1,
      active: s.ended_at === null && s.expires_at > actor.now,
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / DEVICE_SESSIONS_PAGE_SIZE)),
  };
}
