import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorBodyJSON } from '@tapin/shared';
import type { Logger } from '../logger.js';
import { ApiError } from './api-error.js';

export function errorResponse(c: Context, err: ApiError): Response {
  const body: ErrorBodyJSON = {
    error: { code: err.code, message: err.message, ...err.extra },
  };
  if (err.extra.retryAfterSeconds !== undefined) {
    c.header('Retry-After', String(err.extra.retryAfterSeconds));
  }
  return c.json(body, err.status);
}

/** The single place a thrown error becomes a response. Nothing internal reaches the client. */
export function makeOnError(logger: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof ApiError) return errorResponse(c, err);
    if (err instanceof HTTPException) {
      // Hono raises these itself only for unreadable bodies.
      const code = /json/i.test(err.message) ? 'invalid_json' : 'bad_request';
      const message = code === 'invalid_json' ? 'The request body is not valid JSON' : 'Bad request';
      return errorResponse(c, new ApiError(err.status === 413 ? 413 : 400, code, message));
    }
    logger.error('unhandled error', {
      path: c.req.path,
      method: c.req.method,
      error: err.name,
      message: err.message,
    });
    return errorResponse(c, new ApiError(500, 'internal', 'Something went wrong on the server'));
  };
}
