import type { Kysely } from 'kysely';
import { takesAnAdminAway, type UpdateUserRequest, type UserJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit, type AuditEvent } from '../audit/record-audit.js';
import type { DB, User } from '../db/schema.js';
import { assertVersion, editedElsewhere } from '../errors/edited-elsewhere.js';
import type { PinPeppers } from '../pins/pin-peppers.js';
import { endSessions } from '../sessions/session-repository.js';
import { assertAnotherAdmin } from './assert-another-admin.js';
import { assertMayManage } from './assert-may-manage.js';
import { resolveCredentials } from './resolve-credentials.js';
import { saveUser } from './save-user.js';
import { userOfActor } from './user-of-actor.js';
import { userJSON } from './user-json.js';
import { updateUser as updateUserRow } from './user-repository.js';

/**
 * My account > Users > a user: name, username, role, login method, PIN and password. A changed
 * credential, role or method ends the user's other sessions. Only a user still at the version the
 * form was loaded with is saved, so a save never undoes another one it did not see.
 */
export async function updateUser(
  db: Kysely<DB>,
  actor: Actor,
  peppers: PinPeppers,
  id: string,
  body: UpdateUserRequest,
): Promise<UserJSON> {
  const target = await userOfActor(db, actor, id);
  assertMayManage(actor.user, target, body.role);
  // Refused before a password is hashed or a PIN looked up; the UPDATE checks it again.
  assertVersion(target, body.version, 'user');
  const loginMethod = body.loginMethod ?? target.login_method;
  const role = body.role ?? target.role;
  const creds = await resolveCredentials(peppers.current, {
    organisationId: actor.organisation.id,
    loginMethod,
    pin: body.pin,
    password: body.password,
    current: target,
  });
  const events = securityEvents(
    target,
    { role, loginMethod, pin: body.pin, password: body.password },
    creds.pin_hmac,
  );
  const newPin = body.pin === undefined ? null : { pin: body.pin, userId: target.id };
  const newUsername = body.username !== undefined && body.username !== target.username;
  await saveUser(db, actor, { peppers, newPin, newUsername }, async (trx) => {
    const before = { role: target.role, loginMethod: target.login_method };
    if (takesAnAdminAway(before, { role, loginMethod })) {
      await assertAnotherAdmin(
        trx,
        actor.organisation.id,
        target.id,
        // Only an admin can be taken away, so a role that stays the same means the method did it.
        role === target.role ? 'loginMethod' : 'role',
      );
    }
    const saved = await updateUserRow(trx, actor.organisation.id, target.id, body.version, {
      name: body.name ?? target.name,
      username: body.username ?? target.username,
      role,
      login_method: loginMethod,
      ...creds,
      updated_at: actor.now,
    });
    // Another save got there since the user was read: this one writes nothing, audits nothing.
    if (!saved) throw editedElsewhere('user');
    const scope = auditScope(actor);
    for (const e of events) await recordAudit(trx, scope, e);
    if (events.length > 0) {
      await endSessions(trx, { userId: target.id }, { now: actor.now, except: actor.session.id });
    }
  });
  return userJSON(await userOfActor(db, actor, target.id));
}

/** The audit events of a change to someone's role, login method, PIN or password. */
function securityEvents(
  target: User,
  change: { role: User['role']; loginMethod: User['login_method'] } & Pick<
    UpdateUserRequest,
    'pin' | 'password'
  >,
  newPinHmac: string | null,
): AuditEvent[] {
  const events: AuditEvent[] = [];
  const about = { targetUserId: target.id };
  if (change.role !== target.role) {
    events.push({ ...about, type: 'user.role_changed', detail: { from: target.role, to: change.role } });
  }
  if (change.loginMethod !== target.login_method) {
    events.push({
      ...about,
      type: 'user.login_method_changed',
      detail: { from: target.login_method, to: change.loginMethod },
    });
  }
  if (change.pin !== undefined) {
    events.push({ ...about, type: 'user.pin_set', detail: { replaced: target.pin_hmac !== null } });
  } else if (target.pin_hmac && !newPinHmac) {
    events.push({ ...about, type: 'user.pin_cleared' });
  }
  if (change.password !== undefined) events.push({ ...about, type: 'user.password_changed' });
  return events;
}
