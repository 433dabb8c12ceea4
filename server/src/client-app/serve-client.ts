import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from '../app-deps.js';

/**
 * Serves the built PWA: hashed assets cached for a year, the service worker and the shell never
 * cached by HTTP (Workbox does the caching), and index.html for every client-side route.
 */
export function serveClient(clientDir: string) {
  const app = new Hono<AppEnv>();
  const indexFile = join(clientDir, 'index.html');
  const index = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });
  app.use('*', serveStatic({ root: clientDir }));
  app.get('*', (c) => {
    if (!index) return c.text('The client is not built. Run the build first.', 503);
    return c.html(index);
  });
  return app;
}
