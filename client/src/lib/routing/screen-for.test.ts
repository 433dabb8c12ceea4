import type { Role, SessionJSON, SessionKind } from '@tapin/shared';
import { describe, expect, it } from 'vitest';
import { pathFor, screenFor } from './screen-for';

function sessionOf(role: Role, kind: SessionKind): SessionJSON {
  return {
    user: { id: 'user-0001', name: 'Ann', username: 'ann', role },
    organisation: { id: 'org-00001', name: 'Shop' },
    kind,
    adminAccess: kind === 'web' && role !== 'cashier',
    deviceId: null,
    expiresAt: '2026-01-05T21:00:00.000Z',
    serverTime: '2026-01-05T09:00:00.000Z',
  };
}

describe('screenFor', () => {
  it('shows setup on a fresh install, whatever else is known', () => {
    expect(screenFor({ setupNeeded: true, session: null })).toBe('setup');
  });

  it('shows the login screen to nobody logged in', () => {
    expect(screenFor({ setupNeeded: false, session: null })).toBe('login');
  });

  it('opens the admin environment for admins and managers in a password session', () => {
    expect(screenFor({ setupNeeded: false, session: sessionOf('admin', 'web') })).toBe('admin');
    expect(screenFor({ setupNeeded: false, session: sessionOf('manager', 'web') })).toBe('admin');
  });

  it('opens the register for cashiers, and for every PIN session, admins included', () => {
    expect(screenFor({ setupNeeded: false, session: sessionOf('cashier', 'web') })).toBe('register');
    expect(screenFor({ setupNeeded: false, session: sessionOf('admin', 'register') })).toBe('register');
  });
});

describe('pathFor', () => {
  it('keeps a path the screen owns', () => {
    expect(pathFor('admin', '/admin/users/abc')).toBe('/admin/users/abc');
    expect(pathFor('admin', '/settings/pin-login')).toBe('/settings/pin-login');
  });

  it("sends any other path to the screen's home", () => {
    expect(pathFor('register', '/admin/users')).toBe('/');
    expect(pathFor('login', '/admin/users')).toBe('/login');
    expect(pathFor('admin', '/login')).toBe('/admin/pin-login');
    expect(pathFor('setup', '/')).toBe('/setup');
  });
});
