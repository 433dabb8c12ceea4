import { Hono } from 'hono';
import { EmptyRequest, UpdatePinLoginSettingsRequest, type PinLoginSettingsJSON } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Organisation } from '../db/schema.js';
import { valid } from '../http/validate.js';
import { authOf, requireAdminAccess, requireSession } from '../sessions/session-middleware.js';

export function pinLoginSettingsJSON(org: Organisation): PinLoginSettingsJSON {
  return {
    active: org.pin_login_active === 1,
    offlineGraceMinutes: org.offline_grace_minutes,
    idleLockMinutes: org.idle_lock_minutes,
    requirePasskey: org.require_passkey === 1,
  };
}

/** My account > Log in with PIN code: the organisation-wide switch and its settings. */
export function pinLoginSettingsRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const adminOnly = requireAdminAccess(deps);

  async function load(orgId: string): Promise<Organisation> {
    return db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
  }

  return new Hono<AppEnv>()
    .get('/', requireSession, async (c) =>
      c.json(pinLoginSettingsJSON(await load(authOf(c).organisation.id))),
    )
    .post('/activate', adminOnly, valid('json', EmptyRequest), async (c) => {
      const auth = authOf(c);
      const now = deps.clock.now();
      await db.transaction().execute(async (trx) => {
        const changed = await trx
          .updateTable('organisations')
          .set({ pin_login_active: 1 })
          .where('id', '=', auth.organisation.id)
          .where('pin_login_active', '=', 0)
          .executeTakeFirst();
        if (changed.numUpdatedRows > 0n) {
          await recordAudit(trx, {
            organisationId: auth.organisation.id,
            type: 'pin_login.activated',
            actorUserId: auth.user.id,
            ip: c.get('ip'),
            now,
          });
        }
      });
      return c.json(pinLoginSettingsJSON(await load(auth.organisation.id)));
    })
    .post('/deactivate', adminOnly, valid('json', EmptyRequest), async (c) => {
      const auth = authOf(c);
      const now = deps.clock.now();
      await db.transaction().execute(async (trx) => {
        const changed = await trx
          .updateTable('organisations')
          .set({ pin_login_active: 0 })
          .where('id', '=', auth.organisation.id)
          .where('pin_login_active', '=', 1)
          .executeTakeFirst();
        if (changed.numUpdatedRows > 0n) {
          // PIN sessions end with the feature; the current session survives if it is not one.
          await trx
            .updateTable('sessions')
            .set({ ended_at: now, token_hash: null })
            .where('organisation_id', '=', auth.organisation.id)
            .where('kind', '=', 'register')
            .where('ended_at', 'is', null)
            .where('id', '!=', auth.session.id)
            .execute();
          await recordAudit(trx, {
            organisationId: auth.organisation.id,
            type: 'pin_login.deactivated',
            actorUserId: auth.user.id,
            ip: c.get('ip'),
            now,
          });
        }
      });
      return c.json(pinLoginSettingsJSON(await load(auth.organisation.id)));
    })
    .patch('/', adminOnly, valid('json', UpdatePinLoginSettingsRequest), async (c) => {
      const auth = authOf(c);
      const body = c.req.valid('json');
      const now = deps.clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('organisations')
          .set({
            ...(body.offlineGraceMinutes !== undefined && {
              offline_grace_minutes: body.offlineGraceMinutes,
            }),
            ...(body.idleLockMinutes !== undefined && { idle_lock_minutes: body.idleLockMinutes }),
            ...(body.requirePasskey !== undefined && { require_passkey: body.requirePasskey ? 1 : 0 }),
          })
          .where('id', '=', auth.organisation.id)
          .execute();
        await recordAudit(trx, {
          organisationId: auth.organisation.id,
          type: 'settings.changed',
          actorUserId: auth.user.id,
          ip: c.get('ip'),
          detail: { ...body },
          now,
        });
      });
      return c.json(pinLoginSettingsJSON(await load(auth.organisation.id)));
    });
}
