import type { SessionJSON } from '@tapin/shared';

/** A session of `user` in the Corner Shop, at the admin environment on a browser unless `over` says else. */
export function sessionOf(user: SessionJSON['user'], over: Partial<SessionJSON> = {}): SessionJSON {
  return {
    user,
    organisation: { id: 'org-0001', name: 'Corner Shop' },
    kind: 'web',
    adminAccess: true,
    deviceId: null,
    expiresAt: '2026-01-05T20:00:00.000Z',
    serverTime: '2026-01-05T08:00:00.000Z',
    ...over,
  };
}
