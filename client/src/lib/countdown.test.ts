import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Countdown } from './countdown.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Countdown', () => {
  it('counts whole seconds down to zero and stops', () => {
    const countdown = new Countdown();
    expect(countdown.running).toBe(false);
    countdown.start(3);
    expect(countdown.remaining).toBe(3);
    expect(countdown.running).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(countdown.remaining).toBe(2);
    vi.advanceTimersByTime(2000);
    expect(countdown.remaining).toBe(0);
    expect(countdown.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('starts over when started again, and stops on request', () => {
    const countdown = new Countdown();
    countdown.start(2);
    countdown.start(10);
    expect(countdown.remaining).toBe(10);
    countdown.stop();
    expect(countdown.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
