import type { Role, SessionJSON, SessionKind } from '@tapin/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalDb } from '../lib/storage/local-db';
import {
  isApprovalPromptMuted,
  muteApprovalPrompt,
  shouldOfferApproval,
  unmuteApprovalPrompt,
} from './approval-prompt';

function sessionOf(role: Role, kind: SessionKind = 'web'): SessionJSON {
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

const offer = { approval: 'unknown', pinLoginActive: true, muted: false } as const;

describe('shouldOfferApproval', () => {
  it('offers the approval screen to admins and managers after a password login on a device not approved', () => {
    expect(shouldOfferApproval({ ...offer, session: sessionOf('admin') })).toBe(true);
    expect(shouldOfferApproval({ ...offer, session: sessionOf('manager') })).toBe(true);
    expect(shouldOfferApproval({ ...offer, approval: 'revoked', session: sessionOf('manager') })).toBe(true);
  });

  it('does not offer it to cashiers, to PIN sessions, on approved devices, without PIN login, or after "Don\'t ask again"', () => {
    expect(shouldOfferApproval({ ...offer, session: sessionOf('cashier') })).toBe(false);
    expect(shouldOfferApproval({ ...offer, session: sessionOf('admin', 'register') })).toBe(false);
    expect(shouldOfferApproval({ ...offer, approval: 'approved', session: sessionOf('admin') })).toBe(false);
    expect(shouldOfferApproval({ ...offer, pinLoginActive: false, session: sessionOf('admin') })).toBe(false);
    expect(shouldOfferApproval({ ...offer, muted: true, session: sessionOf('admin') })).toBe(false);
  });
});

describe("Don't ask again", () => {
  let db: LocalDb;
  afterEach(async () => {
    await db.delete();
  });

  it('is kept on the device until it is cleared', async () => {
    db = new LocalDb(`test-${Math.random()}`);
    expect(await isApprovalPromptMuted(db)).toBe(false);
    await muteApprovalPrompt(db);
    expect(await isApprovalPromptMuted(db)).toBe(true);
    await unmuteApprovalPrompt(db);
    expect(await isApprovalPromptMuted(db)).toBe(false);
  });
});
