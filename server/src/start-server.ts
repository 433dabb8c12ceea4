import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import type { AppDeps } from './app-deps.js';
import { systemClock } from './clock.js';
import { loadConfig, type Config } from './config/load-config.js';
import { migrateToLatest } from './db/migrate.js';
import { openDatabase, type Database } from './db/open-database.js';
import { createLogger } from './logger.js';
import { loadSecrets } from './secrets/load-secrets.js';
import { StartupError } from './startup/startup-error.js';

/**
 * Everything `serve` and the CLI share, in an order that writes nothing until everything that can
 * be checked was: the configuration, the secrets, the port (for `serve`), then the database and
 * its migrations, and only then a new secrets.json.
 */
export async function buildDeps(
  env: NodeJS.ProcessEnv,
  defaults: { clientDir?: string } = {},
  opts: { listen?: boolean } = {},
): Promise<AppDeps> {
  const config: Config = loadConfig(env, defaults);
  const { secrets, write } = await loadSecrets(env, config.dataDir);
  if (opts.listen) await assertPortFree(config.port);
  const logger = createLogger();
  const database = await openMigrated(config, (err) =>
    logger.warn('database connection lost; the pool reconnects', { message: err.message }),
  );
  write?.();
  const setupToken = randomBytes(24).toString('base64url');
  return { database, secrets, config, clock: systemClock, logger, setupToken };
}

async function openMigrated(config: Config, onConnectionError: (err: Error) => void): Promise<Database> {
  const where = config.databaseUrl
    ? `DATABASE_URL (${withoutCredentials(config.databaseUrl)})`
    : `DATA_DIR (${config.dataDir})`;
  let database: Database | undefined;
  try {
    database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onConnectionError });
    await migrateToLatest(database.db);
    return database;
  } catch (err) {
    await database?.close().catch(() => {});
    const cause =
      err instanceof Error ? (err.cause instanceof Error ? err.cause : err) : new Error(String(err));
    throw new StartupError(
      where,
      `the database cannot be opened or migrated: ${cause.message || cause.name}`,
    );
  }
}

function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'not a valid URL';
  }
}

/** Fails start-up before the database is touched when another process holds the port. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(portError(port, err)));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

function portError(port: number, err: NodeJS.ErrnoException): StartupError {
  return new StartupError('PORT', err.code === 'EADDRINUSE' ? `${port} is already in use` : err.message);
}

/** Serves `app` (the production app unless given another) on the configured port. */
export function startServer(
  deps: AppDeps,
  app: { fetch: (req: Request) => Response | Promise<Response> } = createApp(deps),
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: deps.config.port }, (info) => {
      deps.logger.info('Tapin is listening', {
        url: `http://localhost:${info.port}`,
        database: deps.database.kind,
      });
      resolve(server);
    });
    server.once('error', (err: NodeJS.ErrnoException) => reject(portError(deps.config.port, err)));
  });
}
