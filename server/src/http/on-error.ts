import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorBodyJSON } from '@tapin/shared';
import { isDatabaseUnavailable } from '../db/database-unavailable.js';
import { DomainError } from '../errors/domain-error.js';
import type { Logger } from '../logger.js';
import { STATUS_OF } from './error-status.js';

export function errorResponse(c: Context, err: DomainError): Response {
  const body: ErrorBodyJSON = {
    error: { code: err.code, message: err.message, ...err.extra },
  };
  if (err.extra.retryAfterSeconds !== undefined) {
    c.header('Retry-After', String(err.extra.retryAfterSeconds));
  }
  return c.json(body, STATUS_OF[err.code]);
}

/** The single place a thrown error becomes a response. Nothing internal reaches the client. */
export function makeOnError(logger: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof DomainError) return errorResponse(c, err);
    if (err instanceof HTTPException) {
      // Hono raises these itself only for unreadable bodies.
      if (err.status === 413) {
        return errorResponse(c, new DomainError('payload_too_large', 'The request body is too large'));
      }
      const unreadable = /json/i.test(err.message)
        ? new DomainError('invalid_json', 'The request body is not valid JSON')
        : new DomainError('bad_request', 'Bad request');
      return errorResponse(c, unreadable);
    }
    if (isDatabaseUnavailable(err)) {
      logger.warn('database unavailable', { path: c.req.path, method: c.req.method, message: err.message });
      return errorResponse(
        c,
        new DomainError('unavailable', 'The database cannot be reached. Try again in a moment.', {
          retryAfterSeconds: 5,
        }),
      );
    }
    logger.error('unhandled error', {
      path: c.req.path,
      method: c.req.method,
      error: err.name,
      message: err.message,
    });
    return errorResponse(c, new DomainError('internal', 'Something went wrong on the server'));
  };
}
