// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HIDDEN_A_WHILE_MS, UPDATE_CHECK_INTERVAL_MS, scheduleUpdateChecks } from './update-checks';

let visibility: DocumentVisibilityState = 'visible';

function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('scheduleUpdateChecks', () => {
  let reconnect: (() => void) | null;
  const onReconnect = (listener: () => void) => {
    reconnect = listener;
    return () => (reconnect = null);
  };

  beforeEach(() => {
    vi.useFakeTimers();
    visibility = 'visible';
    reconnect = null;
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('checks every 30 minutes while the page is visible, and not at once', () => {
    const check = vi.fn();
    const stop = scheduleUpdateChecks(check, { onReconnect });
    expect(check).not.toHaveBeenCalled();
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS - 1);
    expect(check).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(check).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    expect(check).toHaveBeenCalledTimes(2);
    stop();
  });

  it('skips the interval while hidden, and checks when shown after being hidden a while', () => {
    const check = vi.fn();
    const stop = scheduleUpdateChecks(check, { onReconnect });
    setVisibility('hidden');
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    expect(check).not.toHaveBeenCalled();
    setVisibility('visible');
    expect(check).toHaveBeenCalledTimes(1);
    stop();
  });

  it('does not check when the page was hidden only briefly', () => {
    const check = vi.fn();
    const stop = scheduleUpdateChecks(check, { onReconnect });
    setVisibility('hidden');
    vi.advanceTimersByTime(HIDDEN_A_WHILE_MS - 1);
    setVisibility('visible');
    expect(check).not.toHaveBeenCalled();
    setVisibility('hidden');
    vi.advanceTimersByTime(HIDDEN_A_WHILE_MS);
    setVisibility('visible');
    expect(check).toHaveBeenCalledTimes(1);
    stop();
  });

  it('checks whenever the connection comes back', () => {
    const check = vi.fn();
    const stop = scheduleUpdateChecks(check, { onReconnect });
    reconnect?.();
    reconnect?.();
    expect(check).toHaveBeenCalledTimes(2);
    stop();
  });

  it('stops every trigger when stopped', () => {
    const check = vi.fn();
    const stop = scheduleUpdateChecks(check, { onReconnect });
    stop();
    expect(reconnect).toBeNull();
    setVisibility('hidden');
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    setVisibility('visible');
    expect(check).not.toHaveBeenCalled();
  });
});
