import type { Secrets } from '../secrets/load-secrets.js';

/** The pepper PINs are stored under, and during a rotation the one they were stored under before. */
export interface PinPeppers {
  current: Buffer;
  previous: Buffer | null;
}

export function pinPeppers(secrets: Secrets): PinPeppers {
  return { current: secrets.pinPepper, previous: secrets.previousPinPepper };
}
