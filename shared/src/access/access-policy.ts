import { allowsPassword, type LoginMethod } from '../login-method.js';
import { ROLES, type Role } from '../roles.js';
import type { SessionKind } from '../session.js';

/**
 * Who may do what. These are the only places roles are compared: the server's access middleware
 * and domain functions call them, and the client calls the same functions to decide what to show.
 */

/** How long a step-up from a register session opens the admin environment. */
export const STEP_UP_MS = 15 * 60 * 1000;

/** Roles that may use the admin environment at all. */
export function isAdminRole(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}

/**
 * A web session (password or passkey) of an admin or manager may use the admin environment; a
 * register (PIN) session only within STEP_UP_MS of confirming it is them.
 */
export function hasAdminAccess(
  s: { role: Role; kind: SessionKind; steppedUpAt: number | null },
  now: number,
): boolean {
  if (!isAdminRole(s.role)) return false;
  if (s.kind === 'web') return true;
  return s.steppedUpAt !== null && now - s.steppedUpAt < STEP_UP_MS;
}

/** My account > Audit log is for admins only. */
export function mayReadAuditLog(role: Role): boolean {
  return role === 'admin';
}

/** Passkeys replace a password, so only admins and managers who log in with a password have them. */
export function mayUsePasskeys(user: { role: Role; loginMethod: LoginMethod }): boolean {
  return isAdminRole(user.role) && allowsPassword(user.loginMethod);
}

/**
 * Whether "Require a passkey for admins and managers" applies to this user: then one who has a
 * passkey must use it instead of the password, and one who has none is asked to add one.
 */
export function passkeyRequiredFor(organisation: { requirePasskey: boolean }, role: Role): boolean {
  return organisation.requirePasskey && isAdminRole(role);
}

/** Why an actor may not create, change or delete a user; null when they may. */
export type ManageRefusal = 'not_a_manager' | 'target_is_admin' | 'cannot_grant_admin';

/**
 * A manager may manage everyone but admins, and may never make anyone an admin: changing an
 * admin's PIN, password or method would let them log in as one. `target` is null for a new user.
 */
export function manageRefusal(actor: Role, target: Role | null, newRole?: Role): ManageRefusal | null {
  if (actor === 'admin') return null;
  if (actor !== 'manager') return 'not_a_manager';
  if (target === 'admin') return 'target_is_admin';
  if (newRole === 'admin') return 'cannot_grant_admin';
  return null;
}

export function mayManageUser(actor: Role, target: Role | null): boolean {
  return manageRefusal(actor, target) === null;
}

/** Who, for the rule that an organisation keeps an admin, counts as one. */
export interface AdminStanding {
  role: Role;
  loginMethod: LoginMethod;
}

/**
 * An admin who can open the admin environment: from the username and password screen, or from a
 * register by confirming it is them. Both need a password (a passkey is for admins with one), so
 * a "PIN only" admin cannot.
 */
export function reachesAdminEnvironment(u: AdminStanding): boolean {
  return u.role === 'admin' && allowsPassword(u.loginMethod);
}

/**
 * Whether changing someone from `before` to `after` (null: deleting them) takes away an admin who
 * can reach the admin environment, so that the organisation must be checked for another one first.
 */
export function takesAnAdminAway(before: AdminStanding, after: AdminStanding | null): boolean {
  return reachesAdminEnvironment(before) && !(after !== null && reachesAdminEnvironment(after));
}

/** The roles an actor may give someone, in the article's order. */
export function assignableRoles(actor: Role): Role[] {
  return ROLES.filter((role) => manageRefusal(actor, null, role) === null);
}
