import type { SessionJSON } from '@tapin/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isApprovalPromptMuted, unmuteApprovalPrompt } from './approval-prompt';
import { fakeServer, type FakeRoute } from '../../test/fake-server';
import { approvalOffer } from './approval-offer.svelte';

const SERVER_TIME = '2026-01-05T09:00:00.000Z';
const manager: SessionJSON = {
  user: { id: 'user-0001', name: 'Max', username: 'max', role: 'manager' },
  organisation: { id: 'org-00001', name: 'Shop' },
  kind: 'web',
  adminAccess: true,
  deviceId: null,
  expiresAt: '2026-01-05T21:00:00.000Z',
  serverTime: SERVER_TIME,
};

function serverWith(deviceState: 'unknown' | 'approved' | 'revoked', organisationActive: boolean | null) {
  const routes: Record<string, FakeRoute> = {
    'POST /api/devices/state': () => [
      200,
      { state: deviceState, pinLoginActive: deviceState === 'approved', serverTime: SERVER_TIME },
    ],
  };
  if (organisationActive !== null) {
    routes['GET /api/organisation/pin-login'] = () => [
      200,
      {
        active: organisationActive,
        offlineGraceMinutes: 720,
        idleLockMinutes: 15,
        requirePasskey: false,
        registerLanguage: null,
        version: 1,
      },
    ];
  }
  return fakeServer(routes);
}

beforeEach(async () => {
  await unmuteApprovalPrompt();
  approvalOffer.done();
});
afterEach(() => vi.unstubAllGlobals());

describe('approvalOffer', () => {
  it('comes first after a manager logs in on a device that is not approved, while PIN login is on', async () => {
    serverWith('unknown', true);
    await approvalOffer.consider(manager);
    expect(approvalOffer.pending).toBe(true);
  });

  it('is not offered when the organisation has PIN login off, or when that cannot be found out', async () => {
    serverWith('unknown', false);
    await approvalOffer.consider(manager);
    expect(approvalOffer.pending).toBe(false);

    serverWith('revoked', null);
    await approvalOffer.consider(manager);
    expect(approvalOffer.pending).toBe(false);
  });

  it('is not offered on an approved device, nor to a cashier', async () => {
    const { calls } = serverWith('approved', true);
    await approvalOffer.consider(manager);
    expect(approvalOffer.pending).toBe(false);
    await approvalOffer.consider({
      ...manager,
      user: { ...manager.user, role: 'cashier' },
      adminAccess: false,
    });
    expect(approvalOffer.pending).toBe(false);
    expect(calls.some((c) => c.route === 'GET /api/organisation/pin-login')).toBe(false);
  });

  it('Not now declines once; with "Don\'t ask again" it is never offered again on this device', async () => {
    serverWith('unknown', true);
    await approvalOffer.consider(manager);
    await approvalOffer.decline(false);
    expect(approvalOffer.pending).toBe(false);

    await approvalOffer.consider(manager);
    expect(approvalOffer.pending).toBe(true);
    await approvalOffer.decline(true);
    expect(approvalOffer.pending).toBe(false);
    expect(await isApprovalPromptMuted()).toBe(true);

    await approvalOffer.consider(manager);
    expect(approvalOffer.pending).toBe(false);
  });
});
