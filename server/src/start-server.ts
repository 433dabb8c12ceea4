import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import type { AppDeps } from './app-deps.js';
import { systemClock } from './clock.js';
import { loadConfig, type Config } from './config/load-config.js';
import { migrateToLatest } from './db/migrate.js';
import { openDatabase } from './db/open-database.js';
import { createLogger } from './logger.js';
import { loadSecrets } from './secrets/load-secrets.js';

/** Opens the database, runs migrations and loads secrets: everything `serve` and the CLI share. */
export async function buildDeps(
  env: NodeJS.ProcessEnv,
  defaults: { clientDir?: string } = {},
): Promise<AppDeps> {
  const config: Config = loadConfig(env, defaults);
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database.db);
  const secrets = await loadSecrets(env, config.dataDir);
  return { database, secrets, config, clock: systemClock, logger: createLogger() };
}

/** Serves `app` (the production app unless given another) on the configured port. */
export function startServer(
  deps: AppDeps,
  app: { fetch: (req: Request) => Response | Promise<Response> } = createApp(deps),
): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: deps.config.port }, (info) => {
      deps.logger.info('Tapin is listening', {
        url: `http://localhost:${info.port}`,
        database: deps.database.kind,
      });
      resolve(server);
    });
  });
}
