import { manageRefusal, type ManageRefusal, type Role } from '@tapin/shared';
import type { User } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';

const REFUSALS: Record<ManageRefusal, DomainError> = {
  not_a_manager: new DomainError('forbidden', 'Only an admin or manager can manage users'),
  target_is_admin: new DomainError('forbidden', 'Only an admin can change an admin'),
  cannot_grant_admin: new DomainError('forbidden', 'Only an admin can make someone an admin', {
    field: 'role',
  }),
};

/** Refuses what the shared rule refuses: see manageRefusal(). `target` is null for a new user. */
export function assertMayManage(actor: User, target: { role: Role } | null, newRole?: Role): void {
  const refusal = manageRefusal(actor.role, target?.role ?? null, newRole);
  if (refusal) throw REFUSALS[refusal];
}
