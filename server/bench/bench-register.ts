import type { KeyObject } from 'node:crypto';

/** A challenge a reply handed over for the next login, with its expiry in epoch milliseconds. */
export interface HeldChallenge {
  challenge: string;
  expiresAt: number;
}

/** A simulated register: an approved device with its private key, and the challenge it holds. */
export interface BenchRegister {
  id: string;
  key: KeyObject;
  next: HeldChallenge | null;
}
