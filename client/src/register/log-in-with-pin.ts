import type { SessionJSON } from '@tapin/shared';
import { holdChallenge, takeHeldChallenge } from '../device/held-challenge';
import { deviceIdentity } from '../device/device-identity';
import { signDeviceProof } from '../device/sign-device-proof';
import { ApiClientError, errorMessage } from '../lib/api/api-error';
import * as deviceApi from '../lib/api/device-api';
import * as pinLoginApi from '../lib/api/pin-login-api';

/**
 * Step 4 of the article: the challenge the register already holds (or a fresh one when it holds
 * none), signed with the device key, sent with the PIN. Every answer hands over the next one.
 */
export async function logInWithPin(pin: string): Promise<SessionJSON> {
  const key = await deviceIdentity();
  const attempt = async (challenge: string): Promise<SessionJSON> => {
    const proof = await signDeviceProof(key, {
      purpose: 'tapin:pin-login',
      challenge,
      deviceId: key.deviceId,
    });
    try {
      const session = await pinLoginApi.login({ deviceId: key.deviceId, pin, proof });
      holdChallenge(session.nextChallenge);
      return session;
    } catch (err) {
      if (err instanceof ApiClientError) holdChallenge(err.nextChallenge);
      throw err;
    }
  };
  const fresh = async () =>
    takeHeldChallenge() ?? (await deviceApi.challenge({ deviceId: key.deviceId })).challenge;
  try {
    return await attempt(await fresh());
  } catch (err) {
    // The held challenge was spent or ran out meanwhile (another tab, a long pause): no PIN was
    // checked, so the same PIN goes once more with the challenge that came back.
    if (err instanceof ApiClientError && err.code === 'challenge_expired') return attempt(await fresh());
    throw err;
  }
}

export const WRONG_PIN_MESSAGE = "That PIN didn't work. Try again.";

/** What the PIN login screen says after a failed attempt. */
export type PinLoginFailure =
  /** Refused: one message for every reason, so it says nothing about which part was wrong. */
  | { kind: 'refused'; message: string }
  /** The device must wait before the next attempt. */
  | { kind: 'wait'; seconds: number }
  /** Not an attempt at all: the server could not be reached, or answered something else. */
  | { kind: 'other'; message: string };

export function pinLoginFailure(err: unknown): PinLoginFailure {
  if (err instanceof ApiClientError) {
    if (err.code === 'rate_limited')
      return { kind: 'wait', seconds: Math.max(1, err.retryAfterSeconds ?? 5) };
    if (err.code === 'invalid_credentials') return { kind: 'refused', message: WRONG_PIN_MESSAGE };
  }
  return { kind: 'other', message: errorMessage(err) };
}

export function waitMessage(seconds: number): string {
  return `Too many attempts. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
}
