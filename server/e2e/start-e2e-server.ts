import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import { makeOnError } from '../src/http/on-error.js';
import { buildDeps, startServer } from '../src/start-server.js';
import { stopGracefully } from '../src/startup/stop-gracefully.js';
import { MovableClock, resetRoutes } from './reset-routes.js';

// The end-to-end suite's server: the production app plus POST /api/test/reset, which empties the
// database between tests. Nothing in the production entry point can mount that route.
const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const clock = new MovableClock();
const deps = { ...(await buildDeps(process.env, { clientDir })), clock };
const app = new Hono().route('/api/test', resetRoutes(deps, clock)).route('/', createApp(deps));
app.onError(makeOnError(deps.logger));
const server = await startServer(deps, app);
const stop = (signal: string) => void stopGracefully({ server, deps, signal }).then(() => process.exit(0));
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
