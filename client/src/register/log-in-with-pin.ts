import type { SessionJSON } from '@tapin/shared';
import { holdChallenge, takeHeldChallenge } from '../device/held-challenge';
import { deviceIdentity } from '../device/device-identity';
import { signDeviceProof } from '../device/sign-device-proof';
import { m } from '../paraglide/messages.js';
import { ApiClientError, errorMessage } from '../lib/api/api-error';
import { PartLoadError } from '../lib/load-part';
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

/** What the PIN login screen says after a failed attempt. */
export type PinLoginFailure =
  /**
   * Refused: one message for every reason, so it says nothing about which part was wrong. A
   * wrong PIN also says how many are left before the lock, and how long the next one must wait.
   */
  | { kind: 'refused'; message: string; attemptsLeft?: number; seconds: number }
  /** The device must wait before the next attempt; the PIN was not checked. */
  | { kind: 'wait'; seconds: number; attemptsLeft?: number }
  /**
   * Not an attempt at all: the server could not be reached (`offline`, which goes once it is
   * back), or answered something else.
   */
  | { kind: 'other'; message: string; offline: boolean };

export function pinLoginFailure(err: unknown): PinLoginFailure {
  if (err instanceof ApiClientError) {
    const { attemptsLeft } = err;
    if (err.code === 'rate_limited')
      return { kind: 'wait', seconds: Math.max(1, err.retryAfterSeconds ?? 5), attemptsLeft };
    if (err.code === 'invalid_credentials')
      return {
        kind: 'refused',
        message: m.register_pin_failed_try_again(),
        attemptsLeft,
        seconds: err.retryAfterSeconds ?? 0,
      };
  }
  const offline =
    err instanceof PartLoadError ||
    (err instanceof ApiClientError && (err.offline || err.code === 'offline_login_refused'));
  return { kind: 'other', message: errorMessage(err), offline };
}

/** From this many wrong PINs left on, the screen says how many: from the third in a row. */
export const WARN_ATTEMPTS_LEFT = 7;

export function attemptsLeftMessage(left: number): string {
  return left === 1 ? m.register_attempts_left_one({ left }) : m.register_attempts_left_other({ left });
}
