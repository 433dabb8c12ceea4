import type { SessionJSON } from '@tapin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer } from '../../test/fake-server';
import { readPreference } from '../lib/storage/preferences';
import { localDb } from '../lib/storage/local-db';
import { openOfflineSession } from '../offline/offline-session';
import { cacheSession, restoreCachedSession } from './cached-session';
import { session } from './session.svelte';

const HOUR = 60 * 60_000;
const steppedUp: SessionJSON = {
  user: { id: 'user-0001', name: 'Max', username: 'max', role: 'manager' },
  organisation: { id: 'org-00001', name: 'Shop' },
  kind: 'register',
  adminAccess: true,
  deviceId: 'd'.repeat(43),
  expiresAt: new Date(Date.now() + HOUR).toISOString(),
  serverTime: new Date().toISOString(),
};

afterEach(async () => {
  vi.unstubAllGlobals();
  session.set(null);
  session.unlock();
  await localDb.cache.clear();
  await localDb.prefs.clear();
});

describe('a session restored while the server cannot be reached', () => {
  it('comes from the cached session without admin access, even if it had it when cached', async () => {
    await cacheSession(steppedUp);
    fakeServer({});
    await session.refresh();
    expect(session.current?.user.name).toBe('Max');
    expect(session.current?.adminAccess).toBe(false);
  });

  it('is not restored once it ran out', async () => {
    await cacheSession({ ...steppedUp, expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(await restoreCachedSession(Date.now())).toBeNull();
  });

  it('from an offline PIN login never has admin access, also after a reload', async () => {
    await openOfflineSession(
      {
        user: { id: 'user-0001', name: 'Max', role: 'manager' },
        organisationId: 'org-00001',
        entryKey: 'k'.repeat(24),
        until: Date.now() + HOUR,
      },
      Date.now(),
    );
    expect(session.active?.adminAccess).toBe(false);
    // Even a stored record that claims admin access is restored without it.
    const row = await localDb.cache.get('offlineSession');
    await localDb.cache.put({
      key: 'offlineSession',
      value: { ...(row?.value as object), adminAccess: true },
    });
    fakeServer({});
    await session.refresh();
    expect(session.offline?.user.name).toBe('Max');
    expect(session.active?.adminAccess).toBe(false);
    await session.logout();
    expect(session.active).toBeNull();
  });
});

describe('Lock', () => {
  const register = { ...steppedUp, adminAccess: false };

  it('stays locked over a reload, and a PIN login on the register unlocks it', async () => {
    session.set(register);
    session.lock(() => 'Locked after 2 minutes without use.');
    await vi.waitFor(async () => expect(await readPreference('registerLocked')).toBe(true));
    // A reload: a fresh start that reads what the device kept.
    session.locked = false;
    session.loaded = false;
    fakeServer({ 'GET /api/auth/session': () => [200, register] });
    await session.refresh();
    expect(session.locked).toBe(true);
    expect(session.active?.user.name).toBe('Max');

    await session.pinLoggedIn(register);
    expect(session.locked).toBe(false);
    expect(session.lockNote).toBeNull();
    await vi.waitFor(async () => expect(await readPreference('registerLocked')).toBeUndefined());
  });

  it('ends with the session it was over, when the server ended that', async () => {
    session.set(register);
    session.lock();
    fakeServer({ 'GET /api/auth/session': () => [401, apiError('unauthenticated', 'Log in first')] });
    await session.refresh({ background: true });
    expect(session.active).toBeNull();
    expect(session.locked).toBe(false);
  });
});
