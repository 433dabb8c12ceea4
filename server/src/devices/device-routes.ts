import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import {
  ApproveDeviceRequest,
  DEVICE_SESSIONS_PAGE_SIZE,
  DeviceDetailsQuery,
  DeviceIdParam,
  DeviceStateRequest,
  EmptyRequest,
  RenameDeviceRequest,
  type AuditEventType,
  type DeviceDetailsJSON,
  type DeviceJSON,
  type DeviceStateJSON,
} from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { recordAudit, type AuditEntry } from '../audit/record-audit.js';
import type { DB, Device } from '../db/schema.js';
import { ApiError } from '../http/api-error.js';
import { valid } from '../http/validate.js';
import { endDeviceSessions } from '../sessions/session-repository.js';
import type { ActiveSession } from '../sessions/session-repository.js';
import { authOf, requireAdminAccess } from '../sessions/session-middleware.js';
import { canonicalPublicKey, deviceIdOf } from './device-key.js';
import { deviceJSON } from './device-json.js';

/** Step 3 (approve) and step 5 (manage devices and sessions) of the article. */
export function deviceRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const adminOnly = requireAdminAccess(deps);

  async function findInOrg(db: Kysely<DB>, orgId: string, id: string): Promise<Device> {
    const device = await db
      .selectFrom('devices')
      .selectAll()
      .where('organisation_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!device) throw new ApiError(404, 'not_found', 'No such device');
    return device;
  }

  /**
   * One management action on a device of the caller's organisation: the change and its audit
   * entry in one transaction, then the device as it is now.
   */
  async function changeDevice(
    auth: ActiveSession,
    ip: string | null,
    id: string,
    type: AuditEventType,
    change: (trx: Kysely<DB>, device: Device, now: number) => Promise<AuditEntry['detail']>,
  ): Promise<DeviceJSON> {
    const now = deps.clock.now();
    const device = await findInOrg(db, auth.organisation.id, id);
    await db.transaction().execute(async (trx) => {
      const detail = await change(trx, device, now);
      await recordAudit(trx, {
        organisationId: auth.organisation.id,
        type,
        actorUserId: auth.user.id,
        deviceId: device.id,
        ip,
        detail,
        now,
      });
    });
    const updated = await findInOrg(db, auth.organisation.id, device.id);
    return deviceJSON(updated, await approverName(updated.approved_by));
  }

  async function approverName(userId: string | null): Promise<string | null> {
    if (!userId) return null;
    const u = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
    return u?.name ?? null;
  }

  return (
    new Hono<AppEnv>()
      // What a device needs to choose its login screen. Locked reads as approved: the lock is
      // not announced to whoever holds the device.
      .post('/state', valid('json', DeviceStateRequest), async (c) => {
        const { deviceId } = c.req.valid('json');
        const now = deps.clock.now();
        const row = await db
          .selectFrom('devices')
          .innerJoin('organisations', 'organisations.id', 'devices.organisation_id')
          .select(['devices.revoked_at', 'organisations.pin_login_active'])
          .where('devices.id', '=', deviceId)
          .executeTakeFirst();
        return c.json<DeviceStateJSON>({
          state: !row ? 'unknown' : row.revoked_at !== null ? 'revoked' : 'approved',
          pinLoginActive: row?.pin_login_active === 1,
          serverTime: new Date(now).toISOString(),
        });
      })
      .post('/approve', adminOnly, valid('json', ApproveDeviceRequest), async (c) => {
        const auth = authOf(c);
        const { name, publicKey } = c.req.valid('json');
        const id = await deviceIdOf(publicKey);
        const now = deps.clock.now();
        const { device, created } = await db.transaction().execute(async (trx) => {
          const existing = await trx
            .selectFrom('devices')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirst();
          if (existing && existing.organisation_id !== auth.organisation.id) {
            throw new ApiError(
              409,
              'device_in_other_organisation',
              'This device is approved for another organisation',
            );
          }
          const approved = {
            name,
            revoked_at: null,
            locked_at: null,
            failed_attempts: 0,
            last_failed_at: null,
            approved_by: auth.user.id,
            approved_at: now,
          };
          if (existing) {
            await trx.updateTable('devices').set(approved).where('id', '=', id).execute();
          } else {
            await trx
              .insertInto('devices')
              .values({
                id,
                organisation_id: auth.organisation.id,
                public_key_jwk: canonicalPublicKey(publicKey),
                last_login_at: null,
                ...approved,
              })
              .execute();
          }
          await recordAudit(trx, {
            organisationId: auth.organisation.id,
            type: 'device.approved',
            actorUserId: auth.user.id,
            deviceId: id,
            ip: c.get('ip'),
            detail: { name, again: existing !== undefined },
            now,
          });
          return { device: await findInOrg(trx, auth.organisation.id, id), created: !existing };
        });
        return c.json({ device: deviceJSON(device, auth.user.name) }, created ? 201 : 200);
      })
      .get('/', adminOnly, async (c) => {
        const rows = await db
          .selectFrom('devices')
          .leftJoin('users', 'users.id', 'devices.approved_by')
          .selectAll('devices')
          .select('users.name as approver_name')
          .where('devices.organisation_id', '=', authOf(c).organisation.id)
          .orderBy('devices.name')
          .orderBy('devices.id')
          .execute();
        return c.json({ devices: rows.map((r) => deviceJSON(r, r.approver_name)) });
      })
      .get(
        '/:id',
        adminOnly,
        valid('param', DeviceIdParam),
        valid('query', DeviceDetailsQuery),
        async (c) => {
          const auth = authOf(c);
          const device = await findInOrg(db, auth.organisation.id, c.req.valid('param').id);
          const page = c.req.valid('query').page ?? 1;
          const total = await db
            .selectFrom('sessions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('device_id', '=', device.id)
            .executeTakeFirstOrThrow();
          const sessions = await db
            .selectFrom('sessions')
            .leftJoin('users', 'users.id', 'sessions.user_id')
            .select([
              'sessions.id',
              'sessions.user_id',
              'users.name as user_name',
              'sessions.ip',
              'sessions.created_at',
              'sessions.offline',
              'sessions.ended_at',
              'sessions.expires_at',
            ])
            .where('sessions.device_id', '=', device.id)
            .orderBy('sessions.created_at', 'desc')
            .orderBy('sessions.id', 'desc')
            .limit(DEVICE_SESSIONS_PAGE_SIZE)
            .offset((page - 1) * DEVICE_SESSIONS_PAGE_SIZE)
            .execute();
          const now = deps.clock.now();
          return c.json<DeviceDetailsJSON>({
            device: deviceJSON(device, await approverName(device.approved_by)),
            failedAttempts: device.failed_attempts,
            sessions: sessions.map((s) => ({
              id: s.id,
              user: s.user_name ? { id: s.user_id, name: s.user_name } : null,
              ip: s.ip,
              loginAt: new Date(s.created_at).toISOString(),
              offline: s.offline === 1,
              active: s.ended_at === null && s.expires_at > now,
            })),
            page,
            pageCount: Math.max(1, Math.ceil(Number(total.n) / DEVICE_SESSIONS_PAGE_SIZE)),
          });
        },
      )
      .patch(
        '/:id',
        adminOnly,
        valid('param', DeviceIdParam),
        valid('json', RenameDeviceRequest),
        async (c) => {
          const { name } = c.req.valid('json');
          const device = await changeDevice(
            authOf(c),
            c.get('ip'),
            c.req.valid('param').id,
            'device.renamed',
            async (trx, d) => {
              await trx.updateTable('devices').set({ name }).where('id', '=', d.id).execute();
              return { from: d.name, to: name };
            },
          );
          return c.json({ device });
        },
      )
      .post(
        '/:id/revoke',
        adminOnly,
        valid('param', DeviceIdParam),
        valid('json', EmptyRequest),
        async (c) => {
          const device = await changeDevice(
            authOf(c),
            c.get('ip'),
            c.req.valid('param').id,
            'device.revoked',
            async (trx, d, now) => {
              await trx.updateTable('devices').set({ revoked_at: now }).where('id', '=', d.id).execute();
              await trx.deleteFrom('challenges').where('device_id', '=', d.id).execute();
              await endDeviceSessions(trx, d.id, now);
              return { name: d.name };
            },
          );
          return c.json({ device });
        },
      )
      .post(
        '/:id/unlock',
        adminOnly,
        valid('param', DeviceIdParam),
        valid('json', EmptyRequest),
        async (c) => {
          const device = await changeDevice(
            authOf(c),
            c.get('ip'),
            c.req.valid('param').id,
            'device.unlocked',
            async (trx, d) => {
              await trx
                .updateTable('devices')
                .set({ locked_at: null, failed_attempts: 0, last_failed_at: null })
                .where('id', '=', d.id)
                .execute();
              return { name: d.name };
            },
          );
          return c.json({ device });
        },
      )
      .delete('/:id', adminOnly, valid('param', DeviceIdParam), valid('json', EmptyRequest), async (c) => {
        const auth = authOf(c);
        const now = deps.clock.now();
        const device = await findInOrg(db, auth.organisation.id, c.req.valid('param').id);
        await db.transaction().execute(async (trx) => {
          // Its sessions go with it: ended now, and removed from the history with the device.
          await trx.deleteFrom('sessions').where('device_id', '=', device.id).execute();
          await trx.deleteFrom('challenges').where('device_id', '=', device.id).execute();
          await trx.deleteFrom('devices').where('id', '=', device.id).execute();
          await recordAudit(trx, {
            organisationId: auth.organisation.id,
            type: 'device.deleted',
            actorUserId: auth.user.id,
            deviceId: device.id,
            ip: c.get('ip'),
            detail: { name: device.name },
            now,
          });
        });
        return c.json({ ok: true });
      })
  );
}
