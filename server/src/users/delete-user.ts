import type { Kysely } from 'kysely';
import { takesAnAdminAway } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import { auditScope, recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { assertAnotherAdmin } from './assert-another-admin.js';
import { assertMayManage } from './assert-may-manage.js';
import { userOfActor } from './user-of-actor.js';
import { deleteUserRow } from './user-repository.js';

/** My account > Users > Delete: the user, their sessions and passkeys go; the audit log keeps their name. */
export async function deleteUser(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const target = await userOfActor(db, actor, id);
  assertMayManage(actor.user, target);
  if (target.id === actor.user.id)
    throw new DomainError('cannot_delete_self', 'You cannot delete your own account');
  await db.transaction().execute(async (trx) => {
    if (takesAnAdminAway({ role: target.role, loginMethod: target.login_method }, null)) {
      await assertAnotherAdmin(trx, actor.organisation.id, target.id);
    }
    await deleteUserRow(trx, actor.organisation.id, target.id);
    await recordAudit(trx, auditScope(actor), {
      type: 'user.deleted',
      targetUserId: target.id,
      detail: { name: target.name, username: target.username },
    });
  });
}
