import { describe, expect, it } from 'vitest';
import { DEVICE_STATUS_LABELS, deviceActions } from './device-text';

describe('device menu and labels', () => {
  it('offers Edit name, Revoke and Delete, but no Revoke for a revoked device', () => {
    expect(deviceActions({ status: 'approved' }).map((a) => a.label)).toEqual([
      'Edit name',
      'Revoke',
      'Delete',
    ]);
    expect(deviceActions({ status: 'locked' }).map((a) => a.label)).toEqual([
      'Edit name',
      'Revoke',
      'Delete',
    ]);
    expect(deviceActions({ status: 'revoked' }).map((a) => a.label)).toEqual(['Edit name', 'Delete']);
  });

  it('names every status in words', () => {
    expect(
      Object.fromEntries(Object.entries(DEVICE_STATUS_LABELS).map(([s, label]) => [s, label()])),
    ).toEqual({
      approved: 'Approved',
      revoked: 'Revoked',
      locked: 'Locked',
    });
  });
});
