import { describe, expect, it } from 'vitest';
import type { Screen } from '../lib/routing/screen-for';
import { reloadOffer } from './reload-offer';

const ready = (screen: Screen | null) => reloadOffer({ newVersionReady: true, screen, startFailed: false });

describe('reloadOffer', () => {
  it('offers nothing while no new version is ready, on any screen', () => {
    for (const screen of [
      'pin-login',
      'login',
      'admin',
      'register',
      'setup',
      'approve-device',
      null,
    ] as const) {
      expect(reloadOffer({ newVersionReady: false, screen, startFailed: false })).toBe('none');
    }
    expect(reloadOffer({ newVersionReady: false, screen: null, startFailed: true })).toBe('none');
  });

  it('waits silently while someone is logged in on the register', () => {
    expect(ready('register')).toBe('none');
  });

  it('offers Reload when nobody is logged in: the PIN pad or the login screen shows', () => {
    expect(ready('pin-login')).toBe('idle');
    expect(ready('login')).toBe('idle');
  });

  it('offers Reload where a form may be in progress, saying to save first', () => {
    expect(ready('admin')).toBe('unsaved-work');
    expect(ready('setup')).toBe('unsaved-work');
    expect(ready('approve-device')).toBe('unsaved-work');
  });

  it('waits while the app is still loading, and offers it when the app could not start', () => {
    expect(ready(null)).toBe('none');
    expect(reloadOffer({ newVersionReady: true, screen: null, startFailed: true })).toBe('idle');
  });
});
