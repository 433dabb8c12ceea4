import type { ServerType } from '@hono/node-server';
import type { AppDeps } from '../app-deps.js';

/** How long requests in flight may take to finish after SIGTERM before their connections are cut. */
export const DRAIN_MS = 10_000;

/**
 * Stops accepting connections, lets requests in flight finish (at most DRAIN_MS), then closes the
 * database. Idle keep-alive connections are closed at once so they do not hold the drain open.
 */
export async function stopGracefully(c: {
  server: ServerType;
  deps: AppDeps;
  signal: string;
  before?: () => void;
}): Promise<void> {
  c.deps.logger.info('Tapin is stopping', { signal: c.signal });
  c.before?.();
  const server = c.server as ServerType & {
    closeIdleConnections?: () => void;
    closeAllConnections?: () => void;
  };
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections?.(), DRAIN_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections?.();
  });
  await c.deps.database.close();
  c.deps.logger.info('Tapin stopped');
}
