/** Injected so tests can move time (challenge expiry, lock delays, session lifetimes). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
