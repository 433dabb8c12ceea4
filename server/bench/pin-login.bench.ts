/**
 * PIN login benchmark: the full login (challenge, then signed login) against the real server in
 * its own process, from many simulated devices at once, with 10 and with 50,000 users.
 * Run with `npx -y pnpm@10 bench`. Figures go in docs/benchmarks.md with the machine they came from.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
  createPrivateKey,
  type KeyObject,
} from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calculateJwkThumbprint } from 'jose';
import { pinHmac } from '../src/pins/pin-hmac.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open-database.js';
import { randomId } from '../src/random-id.js';
import { loadSecrets } from '../src/secrets/load-secrets.js';
import { createOrganisation } from '../src/setup/create-organisation.js';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const USER_COUNTS = (process.env.BENCH_USERS ?? '10,50000').split(',').map(Number);
const root = fileURLToPath(new URL('../..', import.meta.url));

interface BenchDevice {
  id: string;
  key: KeyObject;
}

function b64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}

/** A compact ES256 JWS, signed with node:crypto to keep the load generator cheap. */
function signProof(d: BenchDevice, challenge: string): string {
  const header = b64url(JSON.stringify({ alg: 'ES256' }));
  const payload = b64url(JSON.stringify({ purpose: 'tapin:pin-login', challenge, deviceId: d.id }));
  const sig = nodeSign('sha256', Buffer.from(`${header}.${payload}`), {
    key: d.key,
    dsaEncoding: 'ieee-p1363',
  });
  return `${header}.${payload}.${b64url(sig)}`;
}

/** Raw ECDSA P-256 verifications per second on one core, for comparison. */
function rawVerifyRate(): number {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const data = Buffer.from('x'.repeat(200));
  const sig = nodeSign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  let n = 0;
  const end = performance.now() + 2000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++)
      nodeVerify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, sig);
    n += 100;
  }
  return n / 2;
}

async function seed(dataDir: string, users: number): Promise<{ devices: BenchDevice[]; pins: string[] }> {
  const database = openDatabase({ dataDir });
  await migrateToLatest(database.db);
  const { secrets, write } = await loadSecrets({}, dataDir);
  write?.();
  const now = Date.now();
  const { organisation, admin } = await createOrganisation(
    database.db,
    { organisationName: 'Bench Shop', name: 'Bench Admin', username: 'bench', password: 'bench password' },
    now,
    { onlyIfEmpty: true },
  );
  await database.db.updateTable('organisations').set({ pin_login_active: 1 }).execute();
  const pins: string[] = [];
  const rows = [];
  for (let i = 0; i < users; i++) {
    const pin = String((i * 7919) % 100000).padStart(5, '0');
    pins.push(pin);
    rows.push({
      id: randomId(),
      organisation_id: organisation.id,
      name: `Cashier ${i}`,
      username: `cashier${i}`,
      role: 'cashier' as const,
      login_method: 'pin_only' as const,
      password_hash: null,
      pin_hmac: pinHmac(secrets.pinPepper, organisation.id, pin),
      created_at: now,
      updated_at: now,
    });
  }
  for (let i = 0; i < rows.length; i += 500) {
    await database.db
      .insertInto('users')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  const devices: BenchDevice[] = [];
  for (let i = 0; i < DEVICES; i++) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const pub = { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string };
    const id = await calculateJwkThumbprint(pub, 'sha256');
    await database.db
      .insertInto('devices')
      .values({
        id,
        organisation_id: organisation.id,
        name: `Till ${i + 1}`,
        public_key_jwk: JSON.stringify(pub),
        revoked_at: null,
        locked_at: null,
        failed_attempts: 0,
        last_failed_at: null,
        approved_by: admin.id,
        approved_at: now,
        last_login_at: null,
      })
      .execute();
    devices.push({ id, key: createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })) });
  }
  await database.close();
  return { devices, pins };
}

function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/src/main.ts', 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** CPU time (user + system) a process has used so far, in milliseconds. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return ticks * 10;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function run(users: number): Promise<Record<string, string | number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tapin-bench-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const origin = `http://localhost:${port}`;
  try {
    const { devices, pins } = await seed(dataDir, users);
    const server = await startServer(dataDir, port);
    const post = async (path: string, body: unknown) => {
      const res = await fetch(origin + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const login = async (d: BenchDevice, i: number) => {
      const { challenge } = (await post('/api/devices/challenge', { deviceId: d.id })) as {
        challenge: string;
      };
      await post('/api/pin-login', {
        deviceId: d.id,
        pin: pins[i % pins.length],
        proof: signProof(d, challenge),
      });
    };
    // Warm up: every device once.
    await Promise.all(devices.map((d, i) => login(d, i)));

    const latencies: number[] = [];
    const cpuBefore = cpuMs(server.pid ?? 0);
    const end = performance.now() + SECONDS * 1000;
    let counter = 0;
    await Promise.all(
      devices.map(async (d) => {
        while (performance.now() < end) {
          const t0 = performance.now();
          await login(d, counter++);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
    const rss = peakRssMb(server.pid ?? 0);
    const serverCpu = cpuMs(server.pid ?? 0) - cpuBefore;
    server.kill('SIGTERM');
    return {
      users,
      devices: DEVICES,
      'logins/s': Math.round(latencies.length / SECONDS),
      'p50 ms': Number(pct(0.5).toFixed(1)),
      'p99 ms': Number(pct(0.99).toFixed(1)),
      'server CPU ms/login': Number((serverCpu / latencies.length).toFixed(2)),
      'server peak RSS MB': Math.round(rss),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const raw = rawVerifyRate();
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
console.log(`Raw ECDSA P-256 verifications per second, one core: ${Math.round(raw)}`);
const results = [];
for (const users of USER_COUNTS) results.push(await run(users));
console.table(
  results.map((r) => ({ ...r, '% of raw verify': `${((Number(r['logins/s']) / raw) * 100).toFixed(1)}%` })),
);
