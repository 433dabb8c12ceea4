import type { PinChallengeJSON } from '@tapin/shared';

/** Kept back from a challenge's lifetime for signing and for the login request's own travel. */
const MARGIN_MS = 30_000;

let held: { challenge: string; usableUntil: number } | null = null;

/**
 * Keeps the challenge that a server answer carried for this register's next PIN login, so the
 * login itself is one round trip. Its lifetime is counted on this device's own monotonic clock
 * from when it arrived, so a register whose clock is wrong still knows when it is too old.
 */
export function holdChallenge(c: PinChallengeJSON | undefined): void {
  if (!c) return;
  held = { challenge: c.challenge, usableUntil: performance.now() + c.validForSeconds * 1000 - MARGIN_MS };
}

/** The held challenge, handed out once; undefined when there is none or it is too old to sign. */
export function takeHeldChallenge(): string | undefined {
  const h = held;
  held = null;
  return h && performance.now() < h.usableUntil ? h.challenge : undefined;
}
