import { describe, expect, it } from 'vitest';
import { describeAuditEvent } from './audit-event-text';

describe('describeAuditEvent', () => {
  it('names the change a role or login method event records', () => {
    expect(
      describeAuditEvent({ type: 'user.role_changed', detail: { from: 'cashier', to: 'manager' } }),
    ).toBe('Role changed: Cashier → Manager');
    expect(
      describeAuditEvent({ type: 'user.login_method_changed', detail: { from: 'password', to: 'pin_only' } }),
    ).toBe('Login method changed: Password → PIN only');
  });

  it('falls back to the plain label when the detail is not what it expects', () => {
    expect(describeAuditEvent({ type: 'user.role_changed', detail: { from: 'owner', to: 1 } })).toBe(
      'Role changed',
    );
    expect(describeAuditEvent({ type: 'pin_login.activated', detail: {} })).toBe(
      'Log in with PIN code activated',
    );
  });

  it('tells a replaced PIN from a first one', () => {
    expect(describeAuditEvent({ type: 'user.pin_set', detail: { replaced: true } })).toBe('PIN replaced');
    expect(describeAuditEvent({ type: 'user.pin_set', detail: {} })).toBe('PIN set');
  });
});
