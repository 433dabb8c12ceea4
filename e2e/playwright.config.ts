import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets a second checkout run the suite while another one is running.
const PORT = Number(process.env.E2E_PORT ?? 3107);
const BASE_URL = `http://localhost:${PORT}`;
const REPO_ROOT = resolve(import.meta.dirname, '..');
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

// A fresh data folder for every run. The config is loaded again in each worker; they inherit
// the runner's environment, so all of them agree on one folder.
process.env.TAPIN_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'tapin-e2e-'));
const dataDir = process.env.TAPIN_E2E_DATA_DIR;

// The server serves a copy of the built client, so a test can deploy a new version under it as an
// operator would (e2e/tests/client-builds.ts), while client/dist stays as it was built.
if (!process.env.TAPIN_E2E_CLIENT_DIR) {
  process.env.TAPIN_E2E_CLIENT_DIR = join(dataDir, 'client');
  const built = join(REPO_ROOT, 'client', 'dist');
  if (existsSync(built)) cpSync(built, process.env.TAPIN_E2E_CLIENT_DIR, { recursive: true });
}

export default defineConfig({
  testDir: './tests',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  globalTeardown: './global-teardown.ts',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    // Debian's Chromium where it exists (Playwright's download is unreachable here), Playwright's
    // own elsewhere. The flags keep it from calling hosts a closed network refuses.
    ...(existsSync(DEBIAN_CHROMIUM) && {
      launchOptions: {
        executablePath: DEBIAN_CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  },
  webServer: {
    command: 'node --import tsx server/e2e/start-e2e-server.ts',
    cwd: REPO_ROOT,
    url: `${BASE_URL}/api/setup`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATA_DIR: dataDir,
      CLIENT_DIR: process.env.TAPIN_E2E_CLIENT_DIR,
    },
  },
});
