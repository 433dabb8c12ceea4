import type { Context } from 'hono';
import type { AppEnv } from '../app-deps.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackAddress(ip: string): boolean {
  return ip === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

/**
 * Whether a browser on the server's own machine sent this request: the client address is a
 * loopback address and the page that sent it is a localhost page. Both are needed: behind a proxy
 * on the same machine every request comes from 127.0.0.1, and a DNS-rebinding page points its
 * own name at 127.0.0.1 but cannot send a localhost Origin.
 */
export function fromLocalhost(c: Context<AppEnv>): boolean {
  const ip = c.get('ip');
  const origin = c.req.header('origin');
  if (ip === null || origin === undefined) return false;
  let host: string;
  try {
    host = new URL(origin).host.replace(/:\d+$/, '');
  } catch {
    return false;
  }
  return isLoopbackAddress(ip) && LOOPBACK_HOSTS.has(host);
}
