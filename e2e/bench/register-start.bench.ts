/**
 * Register start benchmark: how much JavaScript the register loads (gzipped) at start and which
 * packages it comes from, and how long an approved register takes to show a usable PIN pad when
 * it starts with no network, from the service worker. Run with `npx -y pnpm@10 bench` after the
 * server benchmark, or on its own with `node --import tsx e2e/bench/register-start.bench.ts`.
 * It builds the client afresh (with hidden source maps, for the breakdown) into a temporary
 * folder and serves that build. It prints figures, each beside its target, and asserts nothing;
 * they go in docs/benchmarks.md under "Register" with the machine they came from.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { breakDown, type PackageShare, type SourceMap } from './bundle-breakdown';

const RELOADS = Number(process.env.BENCH_RELOADS ?? 10);
const root = fileURLToPath(new URL('../..', import.meta.url));
const clientDir = join(root, 'client');
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

/** The targets of the performance issue; each figure is printed beside them. */
const TARGETS = {
  startKb: { target: 60, moonshot: 50 },
  offlineStartMs: { target: 300, moonshot: 150 },
};

// ---------------------------------------------------------------------------------------------
// (a) The register's JavaScript

/** One entry of Vite's build manifest (build.manifest in client/vite.config.ts). */
interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type BuildManifest = Record<string, ManifestChunk>;

/**
 * The client, built as for production into `outDir`, with source maps beside the files (and no
 * reference to them in the files, so the JavaScript is byte for byte the production build's).
 */
function buildClient(outDir: string): void {
  console.log(`Building the client into ${outDir}`);
  const vite = join(clientDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--sourcemap', 'hidden', '--logLevel', 'warn'],
    { cwd: clientDir, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('The client build failed');
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

/** How a chunk is reached: at start, or through which dynamic imports (their source files). */
interface Reach {
  file: string;
  start: boolean;
  via: Set<string>;
}

/**
 * Every JS file in the build with what loads it: "start" for the entry and its static imports
 * (what the browser must fetch and run before the app runs at all); otherwise the dynamic imports
 * that reach it. Chunks reached only through src/admin/ are the admin environment's.
 */
function reachOfAssets(distDir: string, manifest: BuildManifest): Reach[] {
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry && k.endsWith('index.html'));
  if (!entry) throw new Error('The build manifest has no index.html entry');
  const startKeys = staticClosure(manifest, entry);
  const byFile = new Map<string, Reach>();
  const reach = (key: string) => {
    const file = manifest[key]?.file ?? key;
    let r = byFile.get(file);
    if (!r) byFile.set(file, (r = { file, start: false, via: new Set() }));
    return r;
  };
  for (const k of startKeys) reach(k).start = true;
  const seen = new Set<string>();
  const walk = (key: string, via: string) => {
    if (seen.has(`${via}:${key}`)) return;
    seen.add(`${via}:${key}`);
    for (const k of staticClosure(manifest, key)) {
      if (!startKeys.has(k)) reach(k).via.add(via);
      for (const d of manifest[k]?.dynamicImports ?? []) walk(d, manifest[d]?.src ?? manifest[d]?.name ?? d);
    }
  };
  for (const d of manifest[entry]?.dynamicImports ?? []) walk(d, manifest[d]?.src ?? manifest[d]?.name ?? d);
  // Anything the manifest does not list (such as the bundler's runtime helper) is reported too.
  for (const name of readdirSync(join(distDir, 'assets')).filter((f) => f.endsWith('.js')))
    reach(`assets/${name}`);
  return [...byFile.values()].filter((r) => r.file.endsWith('.js'));
}

function kB(bytes: number): string {
  return (bytes / 1000).toFixed(1);
}

function gzipSize(bytes: Buffer | string): number {
  return gzipSync(bytes, { level: 9 }).length;
}

function againstTargets(value: number, t: { target: number; moonshot: number }, unit: string): string {
  const verdict = value <= t.moonshot ? 'moonshot met' : value <= t.target ? 'target met' : 'over target';
  return `target ≤ ${t.target} ${unit}, moonshot ≤ ${t.moonshot} ${unit}: ${verdict}`;
}

/** Package shares of several files together: each package's code from all of them, gzipped at once. */
function sharesOf(distDir: string, files: string[]): PackageShare[] {
  const texts = new Map<string, string[]>();
  for (const file of files) {
    const code = readFileSync(join(distDir, file), 'utf8');
    const mapFile = join(distDir, `${file}.map`);
    const map: SourceMap = existsSync(mapFile)
      ? (JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMap)
      : { sources: [], mappings: '' };
    for (const part of breakDown(code, map)) {
      const list = texts.get(part.name) ?? [];
      list.push(part.text);
      texts.set(part.name, list);
    }
  }
  return [...texts]
    .map(([name, list]) => {
      const text = list.join('\n');
      return { name, raw: Buffer.byteLength(text), gzip: gzipSize(text), text };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

/** Prints the register's JavaScript; returns the gzipped size of every JS file, by file name. */
function reportJavaScript(distDir: string): Map<string, number> {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as BuildManifest;
  const rows = reachOfAssets(distDir, manifest).map((r) => {
    const bytes = readFileSync(join(distDir, r.file));
    const adminOnly = !r.start && r.via.size > 0 && [...r.via].every((v) => v.startsWith('src/admin/'));
    return { ...r, adminOnly, raw: bytes.length, gzip: gzipSize(bytes) };
  });
  const startRows = rows.filter((r) => r.start);
  const sum = (rs: typeof rows, k: 'raw' | 'gzip') => rs.reduce((n, r) => n + r[k], 0);

  console.log('\nJavaScript in the build, file by file (gzip level 9):');
  console.table(
    rows
      .sort((a, b) => Number(b.start) - Number(a.start) || b.gzip - a.gzip)
      .map((r) => ({
        file: r.file,
        'loaded by': r.start
          ? 'register start'
          : r.adminOnly
            ? 'admin environment only'
            : `on demand: ${[...r.via].map((v) => v.replace(/^src\//, '')).join(', ') || '?'}`,
        'raw kB': kB(r.raw),
        'gzip kB': kB(r.gzip),
      })),
  );

  const startGzip = sum(startRows, 'gzip');
  console.log(
    `\nJavaScript loaded at start: ${kB(startGzip)} kB gzipped (${kB(sum(startRows, 'raw'))} kB raw) in ` +
      `${startRows.length} file(s); ${againstTargets(startGzip / 1000, TARGETS.startKb, 'kB')}`,
  );
  const shares = sharesOf(
    distDir,
    startRows.map((r) => r.file),
  );
  console.log(
    'Its largest contributors, by package (each gzipped on its own, so they add up to a little more):',
  );
  console.table(shares.map((p) => ({ package: p.name, 'raw kB': kB(p.raw), 'gzip kB': kB(p.gzip) })));
  return new Map(rows.map((r) => [r.file, r.gzip]));
}

// ---------------------------------------------------------------------------------------------
// (b) Offline start to an interactive PIN pad, and the JavaScript a start really fetches

function startServer(dataDir: string, port: number, distDir: string): Promise<ChildProcess> {
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

/**
 * The JS files this page fetched (from the network or the service worker) before the PIN pad was
 * usable, and those it fetched afterwards, by their path in the build.
 */
async function scriptsFetched(page: Page): Promise<{ before: string[]; after: string[] }> {
  // No named inner functions: this runs from its source text, without the bundler's helpers.
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({ url: e.name, at: e.startTime })),
  );
  const ready = await page.evaluate(() => window.pinPadReadyAt ?? Infinity);
  const js = entries
    .map((e) => ({ path: new URL(e.url).pathname.slice(1), at: e.at }))
    .filter((e) => e.path.endsWith('.js') && e.path !== 'sw.js');
  return {
    before: js.filter((e) => e.at <= ready).map((e) => e.path),
    after: js.filter((e) => e.at > ready).map((e) => e.path),
  };
}

function describeFetched(label: string, files: string[], gzipByFile: Map<string, number>): void {
  const total = files.reduce((n, f) => n + (gzipByFile.get(f) ?? 0), 0);
  console.log(
    `  ${label}: ${kB(total)} kB gzipped in ${files.length} file(s)${files.length ? `: ${files.join(', ')}` : ''}`,
  );
}

async function measureStarts(distDir: string, gzipByFile: Map<string, number>): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tapin-bench-register-'));
  const port = 3990 + Math.floor(Math.random() * 9);
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  try {
    server = await startServer(dataDir, port, distDir);
    browser = await launchChromium();
    const context = await browser.newContext({ baseURL: `http://localhost:${port}` });
    await context.addInitScript(watchForPinPad);
    const page = await context.newPage();
    await prepareRegister(page);
    await page.waitForFunction(() => navigator.serviceWorker?.controller);

    // What an online start fetches, from the service worker's cache: until the PIN pad is usable,
    // and in the two seconds after (the answers' schemas, the service worker's registration).
    await page.reload();
    await pinPadIsUsable(page);
    await page.waitForTimeout(2000);
    const online = await scriptsFetched(page);

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
    await page.waitForTimeout(2000);
    const offline = await scriptsFetched(page);

    console.log('\nJavaScript a start fetched, measured in the browser:');
    describeFetched('online start, until the PIN pad is usable', online.before, gzipByFile);
    describeFetched('online start, in the 2 s after', online.after, gzipByFile);
    describeFetched('offline start, until the PIN pad is usable', offline.before, gzipByFile);
    describeFetched('offline start, in the 2 s after', offline.after, gzipByFile);

    times.sort((a, b) => a - b);
    console.log(`\nOffline start to an interactive PIN pad, ${RELOADS} reloads (ms from navigation start):`);
    console.log(`  each:   ${times.map((t) => t.toFixed(0)).join(', ')}`);
    console.log(
      `  median: ${median(times).toFixed(0)} ms (${againstTargets(median(times), TARGETS.offlineStartMs, 'ms')})`,
    );
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

const distDir = mkdtempSync(join(tmpdir(), 'tapin-bench-client-'));
try {
  buildClient(distDir);
  const gzipByFile = reportJavaScript(distDir);
  // BENCH_JS_ONLY=1 stops after the JavaScript figures, without a server or a browser.
  const chromiumVersion = process.env.BENCH_JS_ONLY ? 'not run' : await measureStarts(distDir, gzipByFile);
  console.log(
    `\nMachine: nproc ${availableParallelism()}, ${cpuModel()}, Node ${process.version}, Chromium ${chromiumVersion}`,
  );
} finally {
  rmSync(distDir, { recursive: true, force: true });
}
