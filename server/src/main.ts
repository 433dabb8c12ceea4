import { fileURLToPath } from 'node:url';
import { backupCommand } from './cli/backup-command.js';
import { setupCommand } from './cli/setup-command.js';
import { startRetention } from './retention/start-retention.js';
import { announceSetup } from './setup/announce-setup.js';
import { stopGracefully } from './startup/stop-gracefully.js';
import { buildDeps, startServer } from './start-server.js';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const [command = 'serve', ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  const once = { setup: setupCommand, backup: backupCommand }[command];
  if (command !== 'serve' && !once) {
    process.stderr.write(`Unknown command "${command}". Commands: serve, setup, backup\n`);
    return 2;
  }
  const deps = await buildDeps(process.env, { clientDir }, { listen: command === 'serve' });
  if (once) {
    const code = await once(deps, args, process.env);
    await deps.database.close();
    return code;
  }
  const server = await startServer(deps);
  await announceSetup(deps);
  const retention = startRetention(deps);
  const stop = (signal: string) =>
    void stopGracefully({ server, deps, signal, before: () => retention.stop() }).then(() => process.exit(0));
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    // One line an operator can act on; never a stack trace.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`Tapin could not start: ${message.split('\n')[0]}\n`);
    process.exit(1);
  },
);
