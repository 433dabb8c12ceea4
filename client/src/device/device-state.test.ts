import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../../test/fake-server';
import { LocalDb } from '../lib/storage/local-db';
import { isApprovalPromptMuted, muteApprovalPrompt } from './approval-prompt';
import { DeviceState } from './device-state.svelte';

const SERVER_TIME = '2026-01-05T09:00:00.000Z';

let db: LocalDb;
beforeEach(() => {
  db = new LocalDb(`test-${Math.random()}`);
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
});

describe('DeviceState', () => {
  it('shows the PIN login screen only on an approved device of an organisation with PIN login on', async () => {
    let answer = { state: 'approved', pinLoginActive: true, serverTime: SERVER_TIME };
    const { calls } = fakeServer({ 'POST /api/devices/state': () => [200, answer] });
    const device = new DeviceState(db);
    expect(device.loaded).toBe(false);

    await device.refresh();
    expect(device.loaded).toBe(true);
    expect(device.deviceId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(calls[0]?.body).toEqual({ deviceId: device.deviceId });
    expect(device.approval).toBe('approved');
    expect(device.showsPinLogin).toBe(true);

    answer = { state: 'approved', pinLoginActive: false, serverTime: SERVER_TIME };
    await device.refresh();
    expect(device.showsPinLogin).toBe(false);

    answer = { state: 'revoked', pinLoginActive: true, serverTime: SERVER_TIME };
    await device.refresh();
    expect(device.approval).toBe('revoked');
    expect(device.showsPinLogin).toBe(false);
  });

  it('keeps the last known state when the server cannot be reached, also after a restart', async () => {
    fakeServer({
      'POST /api/devices/state': () => [
        200,
        { state: 'approved', pinLoginActive: true, serverTime: SERVER_TIME },
      ],
    });
    await new DeviceState(db).refresh();

    fakeServer({});
    const restarted = new DeviceState(db);
    await restarted.refresh();
    expect(restarted.loaded).toBe(true);
    expect(restarted.approval).toBe('approved');
    expect(restarted.showsPinLogin).toBe(true);
  });

  it('knows nothing on a first start without the server: the username and password screen', async () => {
    fakeServer({});
    const device = new DeviceState(db);
    await device.refresh();
    expect(device.loaded).toBe(true);
    expect(device.approval).toBe('unknown');
    expect(device.showsPinLogin).toBe(false);
  });

  it("approves with the device's public key and the name, and forgets Don't ask again", async () => {
    let approved = false;
    const { calls } = fakeServer({
      'POST /api/devices/state': () => [
        200,
        { state: approved ? 'approved' : 'unknown', pinLoginActive: approved, serverTime: SERVER_TIME },
      ],
      'POST /api/devices/challenge': () => [
        200,
        { challenge: 'approve-me', expiresAt: SERVER_TIME, validForSeconds: 300 },
      ],
      'POST /api/devices/approve': () => {
        approved = true;
        const device = {
          id: 'a'.repeat(43),
          name: 'Front register',
          status: 'approved',
          approvedAt: SERVER_TIME,
          approvedBy: 'Max',
          lastLoginAt: null,
          version: 1,
        };
        return [201, { device }];
      },
    });
    await muteApprovalPrompt(db);
    const device = new DeviceState(db);
    await device.refresh();
    expect(device.approval).toBe('unknown');

    await device.approve('Front register');
    const approve = calls.find((c) => c.route === 'POST /api/devices/approve');
    expect(approve?.body).toEqual({
      name: 'Front register',
      publicKey: { kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String) },
      proof: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    });
    expect(calls.find((c) => c.route === 'POST /api/devices/challenge')?.body).toMatchObject({
      purpose: 'approval',
    });
    expect(device.showsPinLogin).toBe(true);
    expect(await isApprovalPromptMuted(db)).toBe(false);
  });
});
