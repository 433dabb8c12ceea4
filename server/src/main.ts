import { fileURLToPath } from 'node:url';
import { setupCommand } from './cli/setup-command.js';
import { buildDeps, startServer } from './start-server.js';

const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
const [command = 'serve', ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  if (command !== 'serve' && command !== 'setup') {
    process.stderr.write(`Unknown command "${command}". Commands: serve, setup\n`);
    return 2;
  }
  const deps = await buildDeps(process.env, { clientDir });
  if (command === 'setup') {
    const code = await setupCommand(deps, args, process.env);
    await deps.database.close();
    return code;
  }
  const server = await startServer(deps);
  const stop = () => {
    server.close();
    void deps.database.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`Tapin could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
