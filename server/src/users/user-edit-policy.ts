import type { Role } from '@tapin/shared';
import type { User } from '../db/schema.js';
import { ApiError } from '../http/api-error.js';

/**
 * Who may create, change or delete whom. A manager may manage everyone but admins, and may never
 * make anyone an admin: changing an admin's PIN, password or method would let them log in as one.
 */
export function assertMayManage(actor: User, target: { role: Role } | null, newRole?: Role): void {
  if (actor.role === 'admin') return;
  if (actor.role !== 'manager') {
    throw new ApiError(403, 'forbidden', 'Only an admin or manager can manage users');
  }
  if (target?.role === 'admin') {
    throw new ApiError(403, 'forbidden', 'Only an admin can change an admin');
  }
  if (newRole === 'admin') {
    throw new ApiError(403, 'forbidden', 'Only an admin can make someone an admin', { field: 'role' });
  }
}
