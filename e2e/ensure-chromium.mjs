// Makes sure a Chromium is available for the end-to-end tests: Debian's /usr/bin/chromium when the
// machine has (or can install) it, otherwise Playwright's own build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.error) return `${command} could not start: ${result.error.message}`;
  if (result.status !== 0)
    return `${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`;
  return null;
}

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

if (existsSync(DEBIAN_CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && hasCommand('apt-get')) {
  console.log(`ensure-chromium: ${DEBIAN_CHROMIUM} is missing; installing Debian's chromium`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const error = run('apt-get', ['update'], env) ?? run('apt-get', ['install', '-y', 'chromium'], env);
  if (error) fail(`installing chromium with apt-get failed (${error})`);
  if (!existsSync(DEBIAN_CHROMIUM)) fail(`apt-get finished but ${DEBIAN_CHROMIUM} is still missing`);
  process.exit(0);
}

console.log("ensure-chromium: no Debian chromium and no root apt-get; installing Playwright's chromium");
const error = run('npx', ['playwright', 'install', 'chromium']);
if (error) {
  fail(
    `${error}. Install Chromium yourself (as root: apt-get install -y chromium) or run ` +
      '"npx playwright install chromium" where downloads are allowed.',
  );
}
