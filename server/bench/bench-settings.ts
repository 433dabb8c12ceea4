/** What a run of the PIN login benchmark may be told through the environment. */
export interface BenchSettings {
  /** Length of every measured phase. */
  seconds: number;
  /** Unmeasured logins before each server's first phase. */
  warmupSeconds: number;
  devices: number;
  /** The organisation sizes to compare, on SQLite: the first is also the one run on PostgreSQL. */
  userCounts: number[];
  /**
   * Existing PostgreSQL databases to try in turn (BENCH_POSTGRES_URL, else the local one as root,
   * then as postgres): the first that connects creates and drops the bench's own. '' skips.
   */
  postgresUrls: string[];
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
    postgresUrls:
      process.env.BENCH_POSTGRES_URL === undefined
        ? ['postgres://root@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test']
        : [process.env.BENCH_POSTGRES_URL].filter(Boolean),
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  };
}
