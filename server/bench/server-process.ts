import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { buildServer } from '../build/build-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'server/dist/main.js');
const SOURCES = [join(ROOT, 'server/src'), join(ROOT, 'shared/src')];
const CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** server/dist/main.js, built first when it is missing or older than any server or shared source. */
export async function compiledServer(): Promise<string> {
  const stale = !existsSync(MAIN) || statSync(MAIN).mtimeMs < Math.max(...SOURCES.map(newestMtime));
  if (stale) {
    console.log('server/dist/main.js is missing or stale: building the server first');
    await buildServer(MAIN);
  }
  return MAIN;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

export interface ServerProcess {
  origin: string;
  child: ChildProcess;
  pid: number;
}

/** The compiled server on plain node, as production runs it; resolves once it listens. */
export async function startServerProcess(opts: {
  env: Record<string, string>;
  nodeArgs: string[];
}): Promise<ServerProcess> {
  const main = await compiledServer();
  const port = await freePort();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env, PORT: String(port) };
  const child = spawn(process.execPath, [...opts.nodeArgs, main, 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, fail) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('Tapin is listening')) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume(); // keep draining the log so the server never blocks on it
      ready();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`the server exited with ${code} before listening: ${out}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, child, pid: child.pid ?? 0 };
}

/** Stops the server as a deploy would (SIGTERM) and waits for it to exit. */
export function stopServerProcess(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    server.child.once('exit', () => done());
    server.child.kill('SIGTERM');
  });
}

/**
 * CPU time (user + system, all threads) a process has used so far, in microseconds, from
 * /proc/<pid>/stat: the same figure as process.cpuUsage() inside it, read from outside.
 */
export function processCpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return (ticks * 1e6) / CLOCK_TICKS_PER_SECOND;
}

/** The most memory the process has held so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
