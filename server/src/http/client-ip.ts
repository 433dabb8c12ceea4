import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** The longest address kept: an IPv6 address with a zone fits, a forged header is cut short. */
export const IP_MAX = 64;

/** The socket's address, or the first X-Forwarded-For hop only when a trusted proxy sets it. */
export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, IP_MAX);
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // app.request() in tests has no socket.
    return null;
  }
}
