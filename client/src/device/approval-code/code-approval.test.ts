import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalCodeJSON, DeviceStateJSON } from '@tapin/shared';
import { APPROVAL_POLL_MS, CodeApproval } from './code-approval.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const CODE: ApprovalCodeJSON = {
  code: '7KQMT4XR',
  expiresAt: '2026-01-05T09:10:00.000Z',
  validForSeconds: 600,
};
const state = (s: DeviceStateJSON['state']): DeviceStateJSON => ({
  state: s,
  pinLoginActive: s === 'approved',
  serverTime: '2026-01-05T09:00:00.000Z',
});

function setUp(answers: DeviceStateJSON['state'][]) {
  const onapproved = vi.fn(() => Promise.resolve());
  const ask = vi.fn(() => Promise.resolve(CODE));
  const stateOf = vi.fn(() => Promise.resolve(state(answers.shift() ?? 'unknown')));
  return { wait: new CodeApproval({ ask, state: stateOf, onapproved }), ask, stateOf, onapproved };
}

describe('CodeApproval', () => {
  it('shows the code with its time, and hears of the approval at the next check', async () => {
    const { wait, stateOf, onapproved } = setUp(['unknown', 'approved']);
    await wait.ask();
    expect(wait.code).toBe('7KQMT4XR');
    expect(wait.validFor.remaining).toBe(600);
    await vi.advanceTimersByTimeAsync(APPROVAL_POLL_MS);
    expect(onapproved).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(APPROVAL_POLL_MS);
    expect(onapproved).toHaveBeenCalledOnce();
    // Approved: it stops asking, and nothing keeps ticking.
    await vi.advanceTimersByTimeAsync(APPROVAL_POLL_MS * 5);
    expect(stateOf).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads as expired after its time, stops asking, and a new code starts again', async () => {
    const { wait, stateOf, ask } = setUp([]);
    await wait.ask();
    await vi.advanceTimersByTimeAsync(600_000 + APPROVAL_POLL_MS);
    expect(wait.expired).toBe(true);
    const checks = stateOf.mock.calls.length;
    await vi.advanceTimersByTimeAsync(APPROVAL_POLL_MS * 5);
    expect(stateOf.mock.calls.length).toBe(checks);
    await wait.ask();
    expect(ask).toHaveBeenCalledTimes(2);
    expect(wait.expired).toBe(false);
    wait.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps checking through a check that fails, and says so when no code can be had', async () => {
    const onapproved = vi.fn(() => Promise.resolve());
    const stateOf = vi
      .fn<() => Promise<DeviceStateJSON>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue(state('approved'));
    const wait = new CodeApproval({ ask: () => Promise.resolve(CODE), state: stateOf, onapproved });
    await wait.ask();
    await vi.advanceTimersByTimeAsync(APPROVAL_POLL_MS * 2);
    expect(onapproved).toHaveBeenCalledOnce();

    const failing = new CodeApproval({
      ask: () => Promise.reject(new Error('no')),
      state: stateOf,
      onapproved,
    });
    await failing.ask();
    expect(failing.code).toBeNull();
    expect(failing.asking.error).toMatch(/went wrong/);
    expect(vi.getTimerCount()).toBe(0);
  });
});
