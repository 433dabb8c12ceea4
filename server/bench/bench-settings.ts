/** What a run of the PIN login benchmark may be told through the environment. */
export interface BenchSettings {
  /** Length of every measured phase. */
  seconds: number;
  /** Unmeasured logins before each server's first phase. */
  warmupSeconds: number;
  devices: number;
  /** The organisation sizes to compare, on SQLite: the first is also the one run on PostgreSQL. */
  userCounts: number[];
  /** An existing PostgreSQL database the bench may connect to, to create and drop its own; '' skips. */
  postgresUrl: string;
  /** Extra `node` flags for the server processes (e.g. `--cpu-prof`). */
  nodeArgs: string[];
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

export function benchSettings(): BenchSettings {
  return {
    seconds: positive('BENCH_SECONDS', 10),
    warmupSeconds: positive('BENCH_WARMUP_SECONDS', 2),
    devices: Math.round(positive('BENCH_DEVICES', 64)),
    userCounts: (process.env.BENCH_USERS || '10,50000').split(',').map(Number),
    postgresUrl: process.env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test',
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  };
}
