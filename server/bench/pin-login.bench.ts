/**
 * PIN login benchmark: the full login against the compiled server in its own process, on SQLite
 * with 10 and 50,000 users and on PostgreSQL with one and two instances, closed loop and open
 * loop, each figure printed beside its target. Run with `npx -y pnpm@10 bench`; shorten it with
 * BENCH_SECONDS (see bench-settings.ts). Figures go in docs/benchmarks.md with the machine.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { postgresDatabase, sqliteDatabase, type BenchDatabase } from './bench-database.js';
import { benchRun, type PhaseName, type RunResult } from './bench-run.js';
import { benchSettings } from './bench-settings.js';
import { rawVerifyMicros } from './raw-verify.js';
import { percentile, printRun, printTargets, type Target } from './report.js';
import { compiledServer } from './server-process.js';

const settings = benchSettings();
const ALL: PhaseName[] = ['closed', 'open-devices', 'open-half'];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

await compiledServer();
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
    `Node ${process.version}; load average ${load()} at start`,
);
console.log(
  `Each phase ${settings.seconds} s (BENCH_SECONDS) after a ${settings.warmupSeconds} s warm-up, ${settings.devices} devices`,
);
const verifyMicros = rawVerifyMicros();
console.log(
  `Raw ECDSA P-256 verify (node:crypto, cached KeyObject): ${verifyMicros.toFixed(1)} µs per verify on one core`,
);

async function run(
  label: string,
  database: BenchDatabase,
  instances: number,
  users: number,
  phases: PhaseName[],
) {
  try {
    const result = await benchRun({ label, database, instances, users, phases, settings });
    printRun(result, settings.devices);
    return result;
  } finally {
    await database.drop();
  }
}

const [baseUsers = 10, ...otherUsers] = settings.userCounts;
const label = (engine: string, users: number, instances: number) =>
  `${engine}, ${users.toLocaleString('en-GB')} users, ${instances} instance${instances > 1 ? 's' : ''}`;
const base = await run(label('SQLite', baseUsers, 1), sqliteDatabase(), 1, baseUsers, ALL);
const sizes: RunResult[] = [];
for (const users of otherUsers)
  sizes.push(await run(label('SQLite', users, 1), sqliteDatabase(), 1, users, ['closed', 'open-devices']));
const postgres: RunResult[] = [];
if (settings.postgresUrl) {
  for (const instances of [1, 2]) {
    const database = await postgresDatabase(settings.postgresUrl);
    if (!database) break;
    postgres.push(await run(label('PostgreSQL', baseUsers, instances), database, instances, baseUsers, ALL));
  }
}

const phase = (r: RunResult, name: PhaseName) => r.phases.find((p) => p.name === name);
const cpu = (r: RunResult) => phase(r, 'closed')?.serverCpuMicrosPerLogin ?? NaN;
const targets: Target[] = [
  {
    figure: `raw verify µs / server CPU µs per login (${base.label}, closed loop)`,
    measured: (verifyMicros / cpu(base)) * 100,
    unit: '%',
    kind: 'atLeast',
    target: 25,
    moonshot: 40,
  },
];
const LATENCY: [PhaseName, string, number, number][] = [
  ['closed', `closed loop, ${settings.devices} devices, p99`, 50, 25],
  ['open-devices', `open loop, ${settings.devices} devices × 1/s, p99`, 10, 5],
  ['open-half', 'open loop, half the closed-loop rate, p99', 25, 15],
];
for (const r of [base, ...sizes, ...postgres]) {
  for (const [name, figure, target, moonshot] of LATENCY) {
    const p = phase(r, name);
    if (p)
      targets.push({
        figure: `${r.label}: ${figure}`,
        measured: percentile(p.latenciesMs, 0.99),
        unit: 'ms',
        kind: 'atMost',
        target,
        moonshot,
      });
  }
}
for (const r of sizes) {
  const gap = Math.abs(cpu(r) / cpu(base) - 1) * 100;
  targets.push({
    figure: `server CPU per login, ${r.users} against ${base.users} users`,
    measured: gap,
    unit: '% apart',
    kind: 'atMost',
    target: 10,
    moonshot: 3,
  });
}
for (const r of [base, ...sizes, ...postgres])
  targets.push({
    figure: `${r.label}: server peak RSS under load`,
    measured: r.peakRssMb,
    unit: 'MB',
    kind: 'atMost',
    target: 150,
    moonshot: 100,
  });
for (const r of postgres) {
  const closed = phase(r, 'closed');
  const ratio = (us: number) => us / cpu(base);
  targets.push({
    figure: `${r.label}: server CPU per login against SQLite's`,
    measured: ratio(cpu(r)),
    unit: '×',
    kind: 'atMost',
    target: 1.5,
    moonshot: 1.2,
  });
  targets.push({
    figure: `${r.label}: the same, PostgreSQL backends' CPU included`,
    measured: ratio(cpu(r) + (closed?.databaseCpuMicrosPerLogin ?? NaN)),
    unit: '×',
    kind: 'atMost',
    target: 1.5,
    moonshot: 1.2,
  });
}
printTargets(targets);
console.log(`\nLoad average ${load()} at the end (1, 5 and 15 minutes)`);
