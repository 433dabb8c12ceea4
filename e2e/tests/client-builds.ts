import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// What an operator does to ship a new version: build the client and put it where the running
// server serves it from (TAPIN_E2E_CLIENT_DIR, see playwright.config.ts). The server keeps running.

const CLIENT = resolve(import.meta.dirname, '../../client');
const BUILT = join(CLIENT, 'dist');

function servedDir(): string {
  const dir = process.env.TAPIN_E2E_CLIENT_DIR;
  if (!dir) throw new Error('TAPIN_E2E_CLIENT_DIR is not set: run through e2e/playwright.config.ts');
  return dir;
}

/** Builds the client as it is, reporting `version`, into a folder of its own; returns the folder. */
export async function buildClient(version: string): Promise<string> {
  const outDir = join(mkdtempSync(join(tmpdir(), 'tapin-build-')), 'dist');
  const vite = join(CLIENT, 'node_modules', 'vite', 'bin', 'vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: CLIENT,
    env: { ...process.env, TAPIN_VERSION: version },
  });
  return outDir;
}

/** Replaces the files the server serves with those of `build`. */
export function deployClient(build: string): void {
  const served = servedDir();
  rmSync(served, { recursive: true, force: true });
  cpSync(build, served, { recursive: true });
}

/** Serves the client the suite started with again. */
export function restoreClient(): void {
  deployClient(BUILT);
}

export function removeBuild(build: string): void {
  rmSync(resolve(build, '..'), { recursive: true, force: true });
}
