import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { generateSecrets } from '../src/secrets/load-secrets.js';
import { openDatabase } from '../src/db/open-database.js';
import type { BenchDatabase } from './bench-database.js';
import type { BenchSettings } from './bench-settings.js';
import { JsonClient } from './json-client.js';
import { closedLoop, openLoop, type LoadResult } from './load-driver.js';
import { emptyMix, logIn, startRegister, type RequestMix } from './log-in.js';
import { seedOrganisation } from './seed-organisation.js';
import {
  peakRssMb,
  processCpuMicros,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from './server-process.js';

export type PhaseName = 'closed' | 'open-devices' | 'open-half';

export interface PhaseResult extends LoadResult {
  name: PhaseName;
  /** Open loop: the arrival rate asked for. */
  ratePerSecond?: number;
  serverCpuMicrosPerLogin: number;
  /** PostgreSQL only: CPU of the backends serving the benchmark's database. */
  databaseCpuMicrosPerLogin?: number;
  driverCpuMicrosPerLogin: number;
}

export interface RunResult {
  label: string;
  engine: 'sqlite' | 'postgres';
  instances: number;
  users: number;
  phases: PhaseResult[];
  /** Over the measured phases only (the warm-up and register start are counted apart). */
  mix: RequestMix;
  startStateRequests: number;
  /** Highest VmHWM of the instances. */
  peakRssMb: number;
  /** The machine's 1-minute load average at the end of the run: other work competes for the cores. */
  loadAverage: number;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function cpuOf(pids: number[]): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const pid of pids) {
    try {
      cpu.set(pid, processCpuMicros(pid));
    } catch {
      // The process ended between listing and reading it.
    }
  }
  return cpu;
}

/** CPU used between two samples; a process only in the second one counts from zero. */
const cpuBetween = (before: Map<number, number>, after: Map<number, number>) =>
  sum([...after].map(([pid, us]) => us - (before.get(pid) ?? 0)));

/**
 * One configuration: a fresh database, seeded; `instances` compiled servers on it; every register
 * starts (device state) and warms up; then each phase in turn, with the servers' CPU per login.
 */
export async function benchRun(o: {
  label: string;
  database: BenchDatabase;
  instances: number;
  users: number;
  phases: PhaseName[];
  settings: BenchSettings;
}): Promise<RunResult> {
  const { database, settings } = o;
  const secrets = await generateSecrets();
  const seeding = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
  const { registers, pins } = await seedOrganisation(seeding, {
    users: o.users,
    devices: settings.devices,
    pinPepper: secrets.pinPepper,
  });
  await seeding.close();

  // The API alone is measured: an empty client folder keeps the server quiet about a missing build.
  const clientDir = join(database.dataDir, 'no-client');
  mkdirSync(clientDir);
  const env = {
    CLIENT_DIR: clientDir,
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.databaseUrl ?? '',
    TAPIN_PIN_PEPPER: secrets.pinPepper.toString('base64url'),
    TAPIN_SIGNING_KEY: JSON.stringify(secrets.signingKey),
  };
  const servers: ServerProcess[] = [];
  let http: JsonClient | undefined;
  try {
    for (let i = 0; i < o.instances; i++)
      servers.push(await startServerProcess({ env, nodeArgs: settings.nodeArgs }));
    const client = new JsonClient(servers.map((s) => s.origin));
    http = client;
    let mix = emptyMix();
    const loginOnce = (register: (typeof registers)[number]) =>
      logIn(client, register, pins[Math.floor(Math.random() * pins.length)] as string, mix);

    await Promise.all(registers.map((r) => startRegister(client, r, mix)));
    const startStateRequests = mix.stateRequests;
    await closedLoop({ registers, seconds: settings.warmupSeconds, loginOnce });
    mix = emptyMix();

    const phases: PhaseResult[] = [];
    const measure = async (
      name: PhaseName,
      ratePerSecond: number | undefined,
      load: () => Promise<LoadResult>,
    ) => {
      const pids = servers.map((s) => s.pid);
      const [serverBefore, dbBefore, driverBefore] = [
        cpuOf(pids),
        cpuOf(await database.backendPids()),
        process.cpuUsage(),
      ];
      const result = await load();
      const driver = process.cpuUsage(driverBefore);
      const server = cpuBetween(serverBefore, cpuOf(pids));
      const db = cpuBetween(dbBefore, cpuOf(await database.backendPids()));
      const per = (us: number) => us / Math.max(1, result.logins);
      phases.push({
        ...result,
        name,
        ...(ratePerSecond && { ratePerSecond }),
        serverCpuMicrosPerLogin: per(server),
        ...(database.kind === 'postgres' && { databaseCpuMicrosPerLogin: per(db) }),
        driverCpuMicrosPerLogin: per(driver.user + driver.system),
      });
    };
    const seconds = settings.seconds;
    for (const name of o.phases) {
      if (name === 'closed')
        await measure(name, undefined, () => closedLoop({ registers, seconds, loginOnce }));
      else {
        const closed = phases.find((p) => p.name === 'closed');
        const rate =
          name === 'open-devices'
            ? registers.length
            : closed
              ? closed.logins / closed.elapsedSeconds / 2
              : registers.length;
        await measure(name, rate, () => openLoop({ registers, seconds, ratePerSecond: rate, loginOnce }));
      }
    }
    return {
      label: o.label,
      engine: database.kind,
      instances: o.instances,
      users: o.users,
      phases,
      mix,
      startStateRequests,
      peakRssMb: Math.max(...servers.map((s) => peakRssMb(s.pid))),
      loadAverage: loadavg()[0] ?? NaN,
    };
  } finally {
    http?.close();
    await Promise.all(servers.map(stopServerProcess));
  }
}
