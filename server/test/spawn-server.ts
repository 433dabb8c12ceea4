import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { buildServer } from '../build/build-server.js';

// The server as production runs it: compiled, on plain node. Each test process builds its own copy.
let built: Promise<string> | undefined;
function compiledMain(): Promise<string> {
  built ??= buildServer(resolve(import.meta.dirname, `../dist/test-${process.pid}/main.js`));
  return built;
}
afterAll(async () => {
  if (built) rmSync(dirname(await built), { recursive: true, force: true });
});

/** A fresh, empty data folder that nothing else uses. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'tapin-start-'));
}

export function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Environment for a server process: only what the test gives, no settings of the machine's. */
function environment(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...env };
}

/** Runs the compiled `serve` as an operator would and waits for it to exit (or gives up after `timeoutMs`). */
export function runServer(
  env: Record<string, string>,
  timeoutMs = 40_000,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return compiledMain().then(
    (main) =>
      new Promise((done) => {
        const child = spawn(process.execPath, [main, 'serve'], { env: environment(env) });
        let stderr = '';
        let stdout = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('exit', (code) => {
          clearTimeout(timer);
          done({ code, stderr, stdout });
        });
      }),
  );
}

const output = new WeakMap<ChildProcess, () => string>();

/** Everything a server started by startServerProcess has written to standard output so far. */
export function outputOf(child: ChildProcess): string {
  return output.get(child)?.() ?? '';
}

/** Starts the compiled `serve` and resolves once it listens. */
export function startServerProcess(env: Record<string, string>): Promise<ChildProcess> {
  return compiledMain().then(
    (main) =>
      new Promise((ready, fail) => {
        const child = spawn(process.execPath, [main, 'serve'], { env: environment(env) });
        let out = '';
        output.set(child, () => out);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Tapin is listening')) ready(child);
        });
        child.on('exit', (code) => fail(new Error(`server exited with ${code} before listening: ${out}`)));
      }),
  );
}
