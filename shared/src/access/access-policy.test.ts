import { describe, expect, it } from 'vitest';
import {
  STEP_UP_MS,
  assignableRoles,
  hasAdminAccess,
  manageRefusal,
  mayManageUser,
  mayReadAuditLog,
  mayUsePasskeys,
  takesAnAdminAway,
} from './access-policy.js';

describe('hasAdminAccess', () => {
  const now = 1_000_000_000;
  it('opens the admin environment to admins and managers in a web session', () => {
    expect(hasAdminAccess({ role: 'admin', kind: 'web', steppedUpAt: null }, now)).toBe(true);
    expect(hasAdminAccess({ role: 'manager', kind: 'web', steppedUpAt: null }, now)).toBe(true);
    expect(hasAdminAccess({ role: 'cashier', kind: 'web', steppedUpAt: null }, now)).toBe(false);
  });
  it('opens it from a register session only within the step-up window', () => {
    expect(hasAdminAccess({ role: 'manager', kind: 'register', steppedUpAt: null }, now)).toBe(false);
    expect(
      hasAdminAccess({ role: 'manager', kind: 'register', steppedUpAt: now - STEP_UP_MS + 1 }, now),
    ).toBe(true);
    expect(hasAdminAccess({ role: 'manager', kind: 'register', steppedUpAt: now - STEP_UP_MS }, now)).toBe(
      false,
    );
    expect(hasAdminAccess({ role: 'cashier', kind: 'register', steppedUpAt: now }, now)).toBe(false);
  });
});

describe('manageRefusal', () => {
  it('lets an admin manage anyone and give any role', () => {
    expect(manageRefusal('admin', 'admin', 'admin')).toBeNull();
    expect(assignableRoles('admin')).toEqual(['admin', 'manager', 'cashier']);
  });
  it('keeps managers away from admins and from the admin role', () => {
    expect(manageRefusal('manager', 'cashier', 'manager')).toBeNull();
    expect(manageRefusal('manager', 'admin')).toBe('target_is_admin');
    expect(manageRefusal('manager', null, 'admin')).toBe('cannot_grant_admin');
    expect(mayManageUser('manager', 'admin')).toBe(false);
    expect(assignableRoles('manager')).toEqual(['manager', 'cashier']);
  });
  it('lets a cashier manage nobody', () => {
    expect(manageRefusal('cashier', 'cashier')).toBe('not_a_manager');
    expect(assignableRoles('cashier')).toEqual([]);
  });
});

describe('mayReadAuditLog and mayUsePasskeys', () => {
  it('gives the audit log to admins only', () => {
    expect(mayReadAuditLog('admin')).toBe(true);
    expect(mayReadAuditLog('manager')).toBe(false);
  });
  it('gives passkeys to admins and managers who have a password login', () => {
    expect(mayUsePasskeys({ role: 'manager', loginMethod: 'password_and_pin' })).toBe(true);
    expect(mayUsePasskeys({ role: 'admin', loginMethod: 'pin_only' })).toBe(false);
    expect(mayUsePasskeys({ role: 'cashier', loginMethod: 'password' })).toBe(false);
  });
});

describe('takesAnAdminAway', () => {
  const admin = { role: 'admin', loginMethod: 'password' } as const;
  it('is true for a change or deletion that leaves an admin unable to reach the admin environment', () => {
    expect(takesAnAdminAway(admin, { ...admin, role: 'manager' })).toBe(true);
    expect(takesAnAdminAway(admin, null)).toBe(true);
    expect(takesAnAdminAway(admin, { ...admin, loginMethod: 'pin_only' })).toBe(true);
    expect(
      takesAnAdminAway({ ...admin, loginMethod: 'password_and_pin' }, { ...admin, loginMethod: 'pin_only' }),
    ).toBe(true);
  });

  it('is false when the admin keeps a password, or was never one who could reach it', () => {
    expect(takesAnAdminAway(admin, admin)).toBe(false);
    expect(takesAnAdminAway(admin, { ...admin, loginMethod: 'password_and_pin' })).toBe(false);
    expect(takesAnAdminAway({ role: 'manager', loginMethod: 'password' }, null)).toBe(false);
    expect(takesAnAdminAway({ ...admin, loginMethod: 'pin_only' }, { ...admin, role: 'cashier' })).toBe(
      false,
    );
  });
});
