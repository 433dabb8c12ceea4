import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

const policy = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Svelte's style directives set inline style attributes.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: 'no-referrer',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
});

/**
 * Strict headers for everything served; the CSP allows only this origin's own scripts.
 *
 * Hono's secureHeaders sets its headers after the handler has answered, which makes
 * @hono/node-server rebuild every response as a web Response. Its headers are the same for every
 * request, so they are worked out once by secureHeaders itself and set before the handler runs.
 */
export function securityHeaders(): MiddlewareHandler {
  const probe = new Hono().use(policy).get('/', (c) => c.body(null));
  const fixed = Promise.resolve(probe.request('/')).then((res) =>
    [...res.headers].filter(([name]) => name !== 'content-type'),
  );
  return async (c, next) => {
    for (const [name, value] of await fixed) c.header(name, value);
    await next();
  };
}
