import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_BODY_BYTES } from '@tapin/shared';
import { DomainError } from '../errors/domain-error.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const tooLarge = () =>
  new DomainError('payload_too_large', `The request body is over ${MAX_BODY_BYTES} bytes`);

/**
 * CSRF and body rules for every mutating API request: a JSON content type (a cross-site form
 * cannot send one without a preflight), an `Origin` among the configured ones, and a size cap.
 * Hono's csrf() only inspects form content types, so it is not enough here. The request's own
 * origin (its Host header) is never trusted: a DNS-rebinding page sends a matching one.
 */
export function requestGuard(opts: { allowedOrigins: string[] }): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    if (!MUTATING.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin === undefined || !opts.allowedOrigins.includes(origin)) {
      throw new DomainError('forbidden_origin', 'The request must come from this site');
    }
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new DomainError('unsupported_media_type', 'Send the request body as application/json');
    }
    // Hono's bodyLimit reads `c.req.raw.body`, which makes @hono/node-server build a whole web
    // Request; a declared length settles the cap without that, as bodyLimit itself would.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (!/^\d+$/.test(length) || Number(length) > MAX_BODY_BYTES) throw tooLarge();
      return next();
    }
    return limit(c, next);
  };
}
