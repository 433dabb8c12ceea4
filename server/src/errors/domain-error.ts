import type { ErrorCode, PinChallengeJSON } from '@tapin/shared';

/**
 * The one exception domain code throws. It names its cause by a code from the shared list and
 * knows nothing of HTTP: `onError` alone decides the status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      field?: string;
      retryAfterSeconds?: number;
      nextChallenge?: PinChallengeJSON;
      attemptsLeft?: number;
    } = {},
    /** For the audit log only, never for the response: the user a refused action was aimed at. */
    readonly audit: { targetUserId?: string } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Every authentication failure says this and nothing more. */
export function invalidCredentials(extra: DomainError['extra'] = {}): DomainError {
  return new DomainError('invalid_credentials', 'Invalid credentials', extra);
}
