import { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import { CreateUserRequest, EmptyRequest, UpdateUserRequest, UserIdParam } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { recordAudit, type AuditEntry } from '../audit/record-audit.js';
import type { DB, User } from '../db/schema.js';
import { uniqueViolation } from '../db/unique-violation.js';
import { ApiError } from '../http/api-error.js';
import { valid } from '../http/validate.js';
import { randomId } from '../random-id.js';
import type { ActiveSession } from '../sessions/session-repository.js';
import { authOf, requireAdminAccess } from '../sessions/session-middleware.js';
import { releasePinConflict, reservePinConflict } from './pin-conflict-limit.js';
import { PinTakenError, assertPinFreeUnderPepper } from './pin-free-under-pepper.js';
import { resolveCredentials } from './resolve-credentials.js';
import { assertMayManage } from './user-edit-policy.js';
import { userJSON } from './user-json.js';

/** My account > Users. Every query is scoped to the acting user's organisation. */
export function userRoutes(deps: AppDeps) {
  const { db } = deps.database;

  async function findInOrg(orgId: string, id: string): Promise<User> {
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('organisation_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!user) throw new ApiError(404, 'not_found', 'No such user');
    return user;
  }

  /** Runs a write that may set a PIN; a taken PIN or username becomes a clear field error. */
  async function writeUser(
    auth: ActiveSession,
    newPin: { pin: string; userId: string } | null,
    ip: string | null,
    write: (trx: Kysely<DB>) => Promise<void>,
  ): Promise<void> {
    const now = deps.clock.now();
    if (newPin) await reservePinConflict(db, auth.user.id, now);
    let pinConflict = false;
    try {
      await db.transaction().execute(async (trx) => {
        const previous = deps.secrets.previousPinPepper;
        if (newPin && previous) {
          await assertPinFreeUnderPepper(trx, previous, auth.organisation.id, newPin.pin, newPin.userId);
        }
        await write(trx);
      });
    } catch (err) {
      const which = err instanceof PinTakenError ? 'pin' : uniqueViolation(err);
      if (which === 'pin') {
        pinConflict = true;
        await recordAudit(db, {
          organisationId: auth.organisation.id,
          type: 'user.pin_conflict',
          actorUserId: auth.user.id,
          ip,
          now,
        });
        throw new ApiError(409, 'pin_taken', 'This PIN is already in use. Choose another PIN.', {
          field: 'pin',
        });
      }
      if (which === 'username') {
        throw new ApiError(409, 'username_taken', 'That username is taken', { field: 'username' });
      }
      throw err;
    } finally {
      // Only a conflict keeps its reservation.
      if (newPin && !pinConflict) await releasePinConflict(db, auth.user.id, now);
    }
  }

  return new Hono<AppEnv>()
    .use(requireAdminAccess(deps))
    .get('/', async (c) => {
      const users = await db
        .selectFrom('users')
        .selectAll()
        .where('organisation_id', '=', authOf(c).organisation.id)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return c.json({ users: users.map(userJSON) });
    })
    .get('/:id', valid('param', UserIdParam), async (c) => {
      const user = await findInOrg(authOf(c).organisation.id, c.req.valid('param').id);
      return c.json({ user: userJSON(user) });
    })
    .post('/', valid('json', CreateUserRequest), async (c) => {
      const auth = authOf(c);
      const body = c.req.valid('json');
      assertMayManage(auth.user, null, body.role);
      const now = deps.clock.now();
      const creds = await resolveCredentials(deps.secrets.pinPepper, {
        organisationId: auth.organisation.id,
        loginMethod: body.loginMethod,
        pin: body.pin,
        password: body.password,
        current: null,
      });
      const user: User = {
        id: randomId(),
        organisation_id: auth.organisation.id,
        name: body.name,
        username: body.username,
        role: body.role,
        login_method: body.loginMethod,
        ...creds,
        created_at: now,
        updated_at: now,
      };
      const base = {
        organisationId: auth.organisation.id,
        actorUserId: auth.user.id,
        targetUserId: user.id,
        ip: c.get('ip'),
        now,
      };
      const newPin = body.pin === undefined ? null : { pin: body.pin, userId: user.id };
      await writeUser(auth, newPin, c.get('ip'), async (trx) => {
        await trx.insertInto('users').values(user).execute();
        await recordAudit(trx, {
          ...base,
          type: 'user.created',
          detail: { name: user.name, role: user.role, loginMethod: user.login_method },
        });
        if (user.pin_hmac) await recordAudit(trx, { ...base, type: 'user.pin_set' });
      });
      return c.json({ user: userJSON(user) }, 201);
    })
    .patch('/:id', valid('param', UserIdParam), valid('json', UpdateUserRequest), async (c) => {
      const auth = authOf(c);
      const body = c.req.valid('json');
      const target = await findInOrg(auth.organisation.id, c.req.valid('param').id);
      assertMayManage(auth.user, target, body.role);
      const now = deps.clock.now();
      const loginMethod = body.loginMethod ?? target.login_method;
      const role = body.role ?? target.role;
      const creds = await resolveCredentials(deps.secrets.pinPepper, {
        organisationId: auth.organisation.id,
        loginMethod,
        pin: body.pin,
        password: body.password,
        current: target,
      });
      const events: Omit<AuditEntry, 'organisationId' | 'now'>[] = [];
      const who = { actorUserId: auth.user.id, targetUserId: target.id, ip: c.get('ip') };
      if (role !== target.role) {
        events.push({ ...who, type: 'user.role_changed', detail: { from: target.role, to: role } });
      }
      if (loginMethod !== target.login_method) {
        events.push({
          ...who,
          type: 'user.login_method_changed',
          detail: { from: target.login_method, to: loginMethod },
        });
      }
      if (body.pin !== undefined)
        events.push({ ...who, type: 'user.pin_set', detail: { replaced: target.pin_hmac !== null } });
      else if (target.pin_hmac && !creds.pin_hmac) events.push({ ...who, type: 'user.pin_cleared' });
      if (body.password !== undefined) events.push({ ...who, type: 'user.password_changed' });
      const securityChange = events.length > 0;

      const newPin = body.pin === undefined ? null : { pin: body.pin, userId: target.id };
      await writeUser(auth, newPin, c.get('ip'), async (trx) => {
        if (role !== 'admin' && target.role === 'admin')
          await assertAnotherAdmin(trx, auth.organisation.id, target.id);
        await trx
          .updateTable('users')
          .set({
            name: body.name ?? target.name,
            username: body.username ?? target.username,
            role,
            login_method: loginMethod,
            ...creds,
            updated_at: now,
          })
          .where('id', '=', target.id)
          .where('organisation_id', '=', auth.organisation.id)
          .execute();
        for (const e of events) await recordAudit(trx, { ...e, organisationId: auth.organisation.id, now });
        // A changed credential, role or method ends the user's other sessions.
        if (securityChange) {
          await trx
            .updateTable('sessions')
            .set({ ended_at: now, token_hash: null })
            .where('user_id', '=', target.id)
            .where('ended_at', 'is', null)
            .where('id', '!=', auth.session.id)
            .execute();
        }
      });
      return c.json({ user: userJSON(await findInOrg(auth.organisation.id, target.id)) });
    })
    .delete('/:id', valid('param', UserIdParam), valid('json', EmptyRequest), async (c) => {
      const auth = authOf(c);
      const target = await findInOrg(auth.organisation.id, c.req.valid('param').id);
      assertMayManage(auth.user, target);
      if (target.id === auth.user.id) {
        throw new ApiError(409, 'cannot_delete_self', 'You cannot delete your own account');
      }
      const now = deps.clock.now();
      await db.transaction().execute(async (trx) => {
        if (target.role === 'admin') await assertAnotherAdmin(trx, auth.organisation.id, target.id);
        await trx
          .deleteFrom('users')
          .where('id', '=', target.id)
          .where('organisation_id', '=', auth.organisation.id)
          .execute();
        await recordAudit(trx, {
          organisationId: auth.organisation.id,
          type: 'user.deleted',
          actorUserId: auth.user.id,
          targetUserId: target.id,
          ip: c.get('ip'),
          detail: { name: target.name, username: target.username },
          now,
        });
      });
      return c.json({ ok: true });
    });
}

async function assertAnotherAdmin(trx: Kysely<DB>, orgId: string, exceptId: string): Promise<void> {
  // Lock the organisation's row first, so that changes to who is an admin queue up: otherwise two
  // admins who step down at the same moment each still see the other one (PostgreSQL).
  await trx
    .updateTable('organisations')
    .set({ name: sql<string>`name` })
    .where('id', '=', orgId)
    .execute();
  const other = await trx
    .selectFrom('users')
    .select('id')
    .where('organisation_id', '=', orgId)
    .where('role', '=', 'admin')
    .where('id', '!=', exceptId)
    .limit(1)
    .executeTakeFirst();
  if (!other)
    throw new ApiError(409, 'last_admin', 'The organisation needs at least one admin', { field: 'role' });
}
