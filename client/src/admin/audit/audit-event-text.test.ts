import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage } from '../../lib/i18n/language.svelte';
import { describeAuditEvent } from './audit-event-text';

afterEach(() => chooseLanguage('en'));

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

  it('says what a device was renamed from and to', () => {
    expect(describeAuditEvent({ type: 'device.renamed', detail: { from: 'Till 1', to: 'Front till' } })).toBe(
      'Device renamed: Till 1 → Front till',
    );
    expect(describeAuditEvent({ type: 'device.renamed', detail: {} })).toBe('Device renamed');
  });

  it('tells a replaced PIN from a first one', () => {
    expect(describeAuditEvent({ type: 'user.pin_set', detail: { replaced: true } })).toBe('PIN replaced');
    expect(describeAuditEvent({ type: 'user.pin_set', detail: {} })).toBe('PIN set');
  });

  it('names the passkey that was added, removed or refused', () => {
    expect(
      describeAuditEvent({ type: 'passkey.added', detail: { name: 'Work laptop', backedUp: true } }),
    ).toBe('Passkey added: Work laptop');
    expect(describeAuditEvent({ type: 'passkey.removed', detail: { name: 'Phone' } })).toBe(
      'Passkey removed: Phone',
    );
    expect(
      describeAuditEvent({
        type: 'passkey.counter_regressed',
        detail: { passkey: 'Phone', storedCounter: 5 },
      }),
    ).toBe('Passkey counter went backwards (possible cloned passkey): Phone');
    expect(describeAuditEvent({ type: 'passkey.removed', detail: {} })).toBe('Passkey removed');
  });

  it('says why a passkey login or step-up was refused', () => {
    expect(
      describeAuditEvent({
        type: 'login.passkey_failed',
        detail: { passkey: 'Phone', reason: 'not_allowed' },
      }),
    ).toBe('Failed passkey login: Phone, this user may not use passkeys');
    expect(
      describeAuditEvent({ type: 'login.passkey_failed', detail: { stepUp: true, reason: 'wrong_user' } }),
    ).toBe("Failed passkey step-up: somebody else's passkey");
    expect(describeAuditEvent({ type: 'login.passkey_failed', detail: { reason: 'something new' } })).toBe(
      'Failed passkey login',
    );
  });

  it('reads a switched passkey requirement as what it did', () => {
    expect(describeAuditEvent({ type: 'settings.changed', detail: { requirePasskey: true } })).toBe(
      'Passkey required for admins and managers',
    );
    expect(describeAuditEvent({ type: 'settings.changed', detail: { requirePasskey: false } })).toBe(
      'Passkey no longer required for admins and managers',
    );
    expect(
      describeAuditEvent({ type: 'settings.changed', detail: { requirePasskey: true, idleLockMinutes: 5 } }),
    ).toBe('PIN login settings changed');
  });

  it('describes every event in Dutch when Dutch is on screen', () => {
    chooseLanguage('nl');
    expect(
      describeAuditEvent({ type: 'user.role_changed', detail: { from: 'cashier', to: 'manager' } }),
    ).toBe('Rol gewijzigd: Kassamedewerker → Manager');
    expect(
      describeAuditEvent({ type: 'user.login_method_changed', detail: { from: 'password', to: 'pin_only' } }),
    ).toBe('Inlogmethode gewijzigd: Wachtwoord → Alleen pincode');
    expect(describeAuditEvent({ type: 'pin_login.activated', detail: {} })).toBe(
      'Inloggen met pincode geactiveerd',
    );
    expect(describeAuditEvent({ type: 'device.revoked', detail: {} })).toBe(
      'Goedkeuring van apparaat ingetrokken',
    );
    expect(
      describeAuditEvent({
        type: 'approval_code.requested',
        detail: { browser: 'Chrome', operatingSystem: 'Android' },
      }),
    ).toBe('Goedkeuringscode aangevraagd door een apparaat: Chrome op Android');
    expect(
      describeAuditEvent({ type: 'login.passkey_failed', detail: { stepUp: true, reason: 'wrong_user' } }),
    ).toBe('Mislukte bevestiging met passkey: de passkey van iemand anders');
  });
});
