import type { AppDeps } from '../app-deps.js';
import { applyRetention } from './apply-retention.js';
import { RETENTION } from './retention-policy.js';

/** Runs the retention job shortly after start and then every RETENTION.intervalMs on this instance. */
export function startRetention(deps: AppDeps): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const removed = await applyRetention(deps.database.db, deps.clock.now());
      deps.logger.info('retention applied', { ...removed });
    } catch (err) {
      // The database may be out of reach for a moment; the next run tries again.
      deps.logger.warn('retention could not run', {
        message: err instanceof Error ? err.message : String(err),
      });
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), 10_000);
  const every = setInterval(() => void run(), RETENTION.intervalMs);
  first.unref();
  every.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
