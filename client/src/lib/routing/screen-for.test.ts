import type { Role, SessionJSON, SessionKind } from '@tapin/shared';
import { describe, expect, it } from 'vitest';
import { isOnTheWayIn, pathFor, screenFor, type ScreenFacts } from './screen-for';

function sessionOf(
  role: Role,
  kind: SessionKind,
  adminAccess = kind === 'web' && role !== 'cashier',
): SessionJSON {
  return {
    user: { id: 'user-0001', name: 'Ann', username: 'ann', role },
    organisation: { id: 'org-00001', name: 'Shop' },
    kind,
    adminAccess,
    deviceId: null,
    expiresAt: '2026-01-05T21:00:00.000Z',
    serverTime: '2026-01-05T09:00:00.000Z',
  };
}

function facts(over: Partial<ScreenFacts>): ScreenFacts {
  return {
    setupNeeded: false,
    session: null,
    pinLogin: false,
    passwordLoginChosen: false,
    approvalOffered: false,
    path: '/',
    ...over,
  };
}

describe('screenFor', () => {
  it('shows setup on a fresh install, whatever else is known', () => {
    expect(screenFor(facts({ setupNeeded: true, pinLogin: true }))).toBe('setup');
  });

  it('shows the username and password screen to nobody logged in on a device without PIN login', () => {
    expect(screenFor(facts({}))).toBe('login');
    expect(screenFor(facts({ path: '/admin/users' }))).toBe('login');
  });

  it('shows the PIN login screen on a device with PIN login, unless the password screen was asked for', () => {
    expect(screenFor(facts({ pinLogin: true }))).toBe('pin-login');
    expect(screenFor(facts({ pinLogin: true, path: '/admin/users' }))).toBe('pin-login');
    expect(screenFor(facts({ pinLogin: true, path: '/login' }))).toBe('pin-login');
    expect(screenFor(facts({ pinLogin: true, passwordLoginChosen: true, path: '/login' }))).toBe('login');
    expect(screenFor(facts({ passwordLoginChosen: true }))).toBe('login');
  });

  it('opens the admin environment for admins and managers in a password session', () => {
    expect(screenFor(facts({ session: sessionOf('admin', 'web') }))).toBe('admin');
    expect(screenFor(facts({ session: sessionOf('manager', 'web') }))).toBe('admin');
  });

  it('shows the approval screen first when it is offered after a password login', () => {
    expect(screenFor(facts({ session: sessionOf('manager', 'web'), approvalOffered: true }))).toBe(
      'approve-device',
    );
  });

  it('opens the register for cashiers, and for every PIN session, admins included', () => {
    expect(screenFor(facts({ session: sessionOf('cashier', 'web') }))).toBe('register');
    expect(screenFor(facts({ session: sessionOf('cashier', 'web'), approvalOffered: true }))).toBe(
      'register',
    );
    expect(screenFor(facts({ session: sessionOf('admin', 'register') }))).toBe('register');
    expect(screenFor(facts({ session: sessionOf('admin', 'register'), path: '/admin/users' }))).toBe(
      'register',
    );
  });

  it('lets a PIN session that confirmed the password open the admin environment, and go back', () => {
    const steppedUp = sessionOf('manager', 'register', true);
    expect(screenFor(facts({ session: steppedUp, path: '/admin/pin-login' }))).toBe('admin');
    expect(screenFor(facts({ session: steppedUp, path: '/settings/pin-login' }))).toBe('admin');
    expect(screenFor(facts({ session: steppedUp, path: '/' }))).toBe('register');
    // A cashier never gets there, even with a session that claims admin access.
    expect(screenFor(facts({ session: sessionOf('cashier', 'register', true), path: '/admin/users' }))).toBe(
      'register',
    );
  });
});

describe('pathFor', () => {
  it('keeps a path the screen owns', () => {
    expect(pathFor('admin', '/admin/users/abc')).toBe('/admin/users/abc');
    expect(pathFor('admin', '/settings/pin-login')).toBe('/settings/pin-login');
    expect(pathFor('login', '/login')).toBe('/login');
  });

  it("sends any other path to the screen's home", () => {
    expect(pathFor('register', '/admin/users')).toBe('/');
    expect(pathFor('login', '/admin/users')).toBe('/login');
    expect(pathFor('pin-login', '/admin/users')).toBe('/');
    expect(pathFor('approve-device', '/login')).toBe('/approve-device');
    expect(pathFor('admin', '/login')).toBe('/admin/pin-login');
    expect(pathFor('setup', '/')).toBe('/setup');
  });

  it('keeps a deep link only behind the screens on the way in', () => {
    expect(isOnTheWayIn('pin-login')).toBe(true);
    expect(isOnTheWayIn('approve-device')).toBe(true);
    expect(isOnTheWayIn('register')).toBe(false);
  });

  it('shows the register, under the PIN pad, for a locked register session, wherever the browser is', () => {
    const manager = sessionOf('manager', 'register', true);
    expect(screenFor(facts({ session: manager, path: '/admin/users' }))).toBe('admin');
    expect(screenFor(facts({ session: manager, locked: true, path: '/admin/users' }))).toBe('register');
  });
});
