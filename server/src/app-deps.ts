import type { ActiveSession } from './access/actor.js';
import type { Clock } from './clock.js';
import type { Config } from './config/load-config.js';
import type { Database } from './db/open-database.js';
import type { Logger } from './logger.js';
import type { Secrets } from './secrets/load-secrets.js';

/** Everything the app needs from the outside world; tests pass their own. */
export interface AppDeps {
  database: Database;
  secrets: Secrets;
  config: Config;
  clock: Clock;
  logger: Logger;
  /**
   * Unlocks first-run setup for a browser that is not on the server's machine. Random for each
   * process and printed at start while setup is still needed; useless once it is done.
   */
  setupToken: string;
}

export interface AppEnv {
  Variables: {
    /** The caller's live session, or null: set for every API request by loadSession. */
    auth: ActiveSession | null;
    ip: string | null;
  };
}
