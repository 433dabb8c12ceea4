import type { Kysely } from 'kysely';
import type { CreateUserRequest, UserJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB, User } from '../db/schema.js';
import type { PinPeppers } from '../pins/pin-peppers.js';
import { randomId } from '../random-id.js';
import { assertMayManage } from './assert-may-manage.js';
import { resolveCredentials } from './resolve-credentials.js';
import { saveUser } from './save-user.js';
import { userJSON } from './user-json.js';
import { insertUser } from './user-repository.js';

/** My account > Users > Add user. */
export async function createUser(
  db: Kysely<DB>,
  actor: Actor,
  peppers: PinPeppers,
  body: CreateUserRequest,
): Promise<UserJSON> {
  assertMayManage(actor.user, null, body.role);
  const creds = await resolveCredentials(peppers.current, {
    organisationId: actor.organisation.id,
    loginMethod: body.loginMethod,
    pin: body.pin,
    password: body.password,
    current: null,
  });
  const user: User = {
    id: randomId(),
    organisation_id: actor.organisation.id,
    name: body.name,
    username: body.username,
    role: body.role,
    login_method: body.loginMethod,
    ...creds,
    created_at: actor.now,
    updated_at: actor.now,
    version: 1,
  };
  const newPin = body.pin === undefined ? null : { pin: body.pin, userId: user.id };
  const scope = auditScope(actor);
  await saveUser(db, actor, { peppers, newPin, newUsername: true }, async (trx) => {
    await insertUser(trx, user);
    await recordAudit(trx, scope, {
      type: 'user.created',
      targetUserId: user.id,
      detail: { name: user.name, role: user.role, loginMethod: user.login_method },
    });
    if (user.pin_hmac) await recordAudit(trx, scope, { type: 'user.pin_set', targetUserId: user.id });
  });
  return userJSON(user);
}
