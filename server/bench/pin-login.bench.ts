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
import { benchTargets } from './bench-targets.js';
import { rawVerifyMicros } from './raw-verify.js';
import { printRun, printTargets } from './report.js';
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
if (settings.postgresUrls.length > 0) {
  for (const instances of [1, 2]) {
    const database = await postgresDatabase(settings.postgresUrls);
    if (!database) {
      console.log('\nPostgreSQL skipped: no database to connect to (BENCH_POSTGRES_URL)');
      break;
    }
    postgres.push(await run(label('PostgreSQL', baseUsers, instances), database, instances, baseUsers, ALL));
  }
}

printTargets(benchTargets({ verifyMicros, devices: settings.devices, base, sizes, postgres }));
console.log(`\nLoad average ${load()} at the end (1, 5 and 15 minutes)`);
