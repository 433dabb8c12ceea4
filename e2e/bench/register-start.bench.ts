/**
 * Register start benchmark: how much JavaScript the register loads (gzipped), and how long an
 * approved register takes to show a usable PIN pad when it starts with no network, from the
 * service worker. Run with `npx -y pnpm@10 bench`, after the server benchmark. It prints figures and
 * asserts nothing; they go in docs/benchmarks.md under "Register" with the machine they came from.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';

const RELOADS = Number(process.env.BENCH_RELOADS ?? 10);
const root = fileURLToPath(new URL('../..', import.meta.url));
const clientDir = join(root, 'client');
const distDir = join(clientDir, 'dist');
const manifestFile = join(distDir, '.vite', 'manifest.json');
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
// The same flags as e2e/playwright.config.ts: they keep Chromium from calling hosts a closed
// network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------------------------------------
// (a) The register's JavaScript

/** One entry of Vite's build manifest (build.manifest in client/vite.config.ts). */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type BuildManifest = Record<string, ManifestChunk>;

function buildClientIfMissing(): void {
  if (existsSync(manifestFile)) return;
  console.log('client/dist has no build manifest: building the client first');
  const vite = join(clientDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: clientDir, stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(manifestFile)) throw new Error('The client build failed');
}

/** The chunks a manifest key pulls in with static imports, itself included. */
function staticClosure(manifest: BuildManifest, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
    const chunk = manifest[key];
    if (seen.has(key) || !chunk) continue;
    seen.add(key);
    queue.push(...(chunk.imports ?? []));
  }
  return seen;
}

type Role = 'start' | 'lazy' | 'admin';

/**
 * Every JS file in client/dist/assets with what loads it: "start" for the entry and its static
 * imports, "admin" for chunks only the admin environment's dynamic import reaches, "lazy" for any
 * other chunk the register fetches on demand.
 */
function classifyAssets(manifest: BuildManifest): { file: string; role: Role }[] {
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry && k.endsWith('index.html'));
  if (!entry) throw new Error('The build manifest has no index.html entry');
  const start = new Set([...staticClosure(manifest, entry)].map((k) => manifest[k]?.file));

  // Dynamic imports, followed from the entry: those into src/admin/ are the admin environment.
  const admin = new Set<string>();
  const lazy = new Set<string>();
  const visited = new Set<string>();
  const walk = (key: string, inAdmin: boolean) => {
    const mark = `${inAdmin}:${key}`;
    if (visited.has(mark)) return;
    visited.add(mark);
    for (const k of staticClosure(manifest, key)) {
      const file = manifest[k]?.file;
      if (file && !start.has(file)) (inAdmin ? admin : lazy).add(file);
      for (const d of manifest[k]?.dynamicImports ?? []) walk(d, inAdmin || d.startsWith('src/admin/'));
    }
  };
  walk(entry, false);

  const assets = readdirSync(join(distDir, 'assets')).filter((f) => f.endsWith('.js'));
  return assets.map((name) => {
    const file = `assets/${name}`;
    // A chunk the register can reach at all is the register's, even if the admin uses it too.
    const role: Role = start.has(file) ? 'start' : lazy.has(file) || !admin.has(file) ? 'lazy' : 'admin';
    return { file, role };
  });
}

function kB(bytes: number): string {
  return (bytes / 1000).toFixed(2);
}

function reportJavaScript(): void {
  buildClientIfMissing();
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BuildManifest;
  const rows = classifyAssets(manifest).map(({ file, role }) => {
    const bytes = readFileSync(join(distDir, file));
    return { file, role, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const register = rows.filter((r) => r.role !== 'admin');
  const sum = (rs: typeof rows, k: 'raw' | 'gzip') => rs.reduce((n, r) => n + r[k], 0);
  console.log('\nRegister JavaScript (client/dist/assets, gzip level 9):');
  console.table(
    rows
      .sort((a, b) => b.gzip - a.gzip)
      .map((r) => ({
        file: r.file,
        'loaded by':
          r.role === 'admin'
            ? 'admin only (not counted)'
            : r.role === 'start'
              ? 'register start'
              : 'register, on demand',
        'raw kB': kB(r.raw),
        'gzip kB': kB(r.gzip),
      })),
  );
  console.log(
    `Register total: ${kB(sum(register, 'gzip'))} kB gzipped (${kB(sum(register, 'raw'))} kB raw) in ${register.length} file(s); ` +
      `at start: ${kB(
        sum(
          rows.filter((r) => r.role === 'start'),
          'gzip',
        ),
      )} kB gzipped`,
  );
}

// ---------------------------------------------------------------------------------------------
// (b) Offline start to an interactive PIN pad

function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', CLIENT_DIR: distDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function launchChromium(): Promise<Browser> {
  // Debian's Chromium where it exists, Playwright's own elsewhere.
  return existsSync(DEBIAN_CHROMIUM)
    ? chromium.launch({ executablePath: DEBIAN_CHROMIUM, args: CHROMIUM_ARGS })
    : chromium.launch();
}

declare global {
  interface Window {
    pinPadReadyAt?: number;
  }
}

/**
 * Runs in every page before the app: notes the moment (ms since navigation start) the PIN pad is
 * first usable, the "1" key enabled and the "Enter your PIN" heading visible.
 */
function watchForPinPad(): void {
  // No named inner functions: this runs from its source text, without the bundler's helpers.
  new MutationObserver((_, observer) => {
    const heading = [...document.querySelectorAll('h1')].find(
      (h) => h.textContent?.trim() === 'Enter your PIN',
    );
    const one = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '1');
    if (heading && one && !one.disabled && heading.checkVisibility()) {
      window.pinPadReadyAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** First-run setup, Log in with PIN code, this device approved, then log out: the PIN pad shows. */
async function prepareRegister(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Organisation name').fill('Bench Shop');
  await page.getByLabel('Your name').fill('Bench Admin');
  await page.getByLabel('Username').fill('bench');
  await page.getByLabel('Password').fill('bench password 1');
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.getByRole('button', { name: 'My account' }).click();
  await page.getByRole('menuitem', { name: 'Log in with PIN code' }).click();
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await page
    .getByRole('region', { name: 'Log in with PIN code' })
    .getByRole('button', { name: 'Approve' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Approve this device' });
  await dialog.getByLabel('Device name').fill('Bench register');
  await dialog.getByRole('button', { name: 'Approve device' }).click();
  await page.getByText('This device is approved for PIN login.').waitFor();
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await pinPadIsUsable(page);
}

async function pinPadIsUsable(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Enter your PIN' }).waitFor();
  await page.waitForFunction(() => window.pinPadReadyAt !== undefined);
}

function percentile(sorted: number[], p: number): number {
  // Nearest rank.
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

function median(sorted: number[]): number {
  const mid = sorted.length / 2;
  return sorted.length % 2
    ? (sorted[Math.floor(mid)] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function measureOfflineStart(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tapin-bench-register-'));
  const port = 3990 + Math.floor(Math.random() * 9);
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  try {
    server = await startServer(dataDir, port);
    browser = await launchChromium();
    const context = await browser.newContext({ baseURL: `http://localhost:${port}` });
    await context.addInitScript(watchForPinPad);
    const page = await context.newPage();
    await prepareRegister(page);
    await page.waitForFunction(() => navigator.serviceWorker?.controller);

    await context.setOffline(true);
    // One start offline that is not counted: the first one warms the caches.
    await page.reload();
    await pinPadIsUsable(page);
    const times: number[] = [];
    for (let i = 0; i < RELOADS; i++) {
      await page.reload();
      await pinPadIsUsable(page);
      times.push(await page.evaluate(() => window.pinPadReadyAt ?? NaN));
    }
    // Served by the service worker, not the server: the page says it is offline.
    await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
    times.sort((a, b) => a - b);
    console.log(`\nOffline start to an interactive PIN pad, ${RELOADS} reloads (ms from navigation start):`);
    console.log(`  each:   ${times.map((t) => t.toFixed(0)).join(', ')}`);
    console.log(`  median: ${median(times).toFixed(0)} ms`);
    console.log(`  p90:    ${percentile(times, 0.9).toFixed(0)} ms`);
    return browser.version();
  } finally {
    await browser?.close();
    server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  } catch {
    return 'unknown CPU';
  }
}

reportJavaScript();
const chromiumVersion = await measureOfflineStart();
console.log(
  `\nMachine: nproc ${availableParallelism()}, ${cpuModel()}, Node ${process.version}, Chromium ${chromiumVersion}`,
);
