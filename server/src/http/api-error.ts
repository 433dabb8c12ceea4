import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '@tapin/shared';

/** The one exception routes throw; `onError` turns it into the error envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { field?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Every authentication failure says this and nothing more. */
export function invalidCredentials(): ApiError {
  return new ApiError(401, 'invalid_credentials', 'Invalid credentials');
}
