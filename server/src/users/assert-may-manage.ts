import { manageRefusal, type ManageRefusal, type Role } from '@tapin/shared';
import type { User } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';

const MESSAGES: Record<ManageRefusal, { message: string; field?: string }> = {
  not_a_manager: { message: 'Only an admin or manager can manage users' },
  target_is_admin: { message: 'Only an admin can change an admin' },
  cannot_grant_admin: { message: 'Only an admin can make someone an admin', field: 'role' },
};

/**
 * Refuses what the shared rule refuses: see manageRefusal(). `target` is null for a new user. The
 * refusal names its target for the audit entry that requireAccess writes for it.
 */
export function assertMayManage(
  actor: User,
  target: { id: string; role: Role } | null,
  newRole?: Role,
): void {
  const refusal = manageRefusal(actor.role, target?.role ?? null, newRole);
  if (!refusal) return;
  const { message, field } = MESSAGES[refusal];
  throw new DomainError('forbidden', message, field === undefined ? {} : { field }, {
    ...(target && { targetUserId: target.id }),
  });
}
