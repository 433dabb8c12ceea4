import type { ErrorCode, PinChallengeJSON } from '@tapin/shared';
import { m } from '../../paraglide/messages.js';
import { PartLoadError } from '../load-part';

/** `network` and `timeout` are the client's own: the server was not reached or did not answer. */
export type ClientErrorCode = ErrorCode | 'network' | 'timeout' | 'bad_response' | 'offline_login_refused';

export class ApiClientError extends Error {
  /**
   * `message` is the server's English, kept for logs and tests; what a person reads comes from
   * errorMessage, by code, in the language on screen.
   */
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

type ServerErrorText = (code: ErrorCode, field: string | undefined) => string;
let serverErrorText: ServerErrorText | undefined;

/**
 * The words for the server's codes load with the answers' schemas (server-error-text.ts): no server
 * error exists before the first answer, so the register starts without them in either language.
 */
export function provideServerErrorText(text: ServerErrorText): void {
  serverErrorText = text;
}

/** One place that turns any failure into words for the person at the screen, in their language. */
export function errorMessage(err: unknown): string {
  if (err instanceof PartLoadError) return m.error_part_load();
  if (!(err instanceof ApiClientError)) return m.error_unknown();
  switch (err.code) {
    case 'network':
      return m.error_network();
    case 'timeout':
      return m.error_timeout();
    case 'bad_response':
      return m.error_bad_response();
    case 'offline_login_refused':
      // The register made this refusal itself, already in the language on screen.
      return err.message;
    default:
      return serverErrorText?.(err.code, err.field) ?? m.error_unknown();
  }
}
