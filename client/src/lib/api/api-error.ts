import type { ErrorCode, PinChallengeJSON } from '@tapin/shared';
import { PartLoadError } from '../load-part';

/** `network` and `timeout` are the client's own: the server was not reached or did not answer. */
export type ClientErrorCode = ErrorCode | 'network' | 'timeout' | 'bad_response' | 'offline_login_refused';

export class ApiClientError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
    /** A PIN-login refusal hands over the register's next challenge. */
    readonly nextChallenge?: PinChallengeJSON,
    /** A counted PIN-login refusal: wrong PINs left before the device locks, 0 once it is locked. */
    readonly attemptsLeft?: number,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }

  get offline(): boolean {
    return this.code === 'network' || this.code === 'timeout';
  }
}

/** One place that turns any failure into words for the person at the screen. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiClientError || err instanceof PartLoadError) return err.message;
  return 'Something went wrong. Please try again.';
}
