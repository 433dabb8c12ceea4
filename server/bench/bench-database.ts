import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A database of the benchmark's own, and the environment that points a server at it. */
export interface BenchDatabase {
  kind: 'sqlite' | 'postgres';
  /** For openDatabase() in the bench, and for the server's environment. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL only: the pids of the backends serving this database now. */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
}

/** A fresh SQLite data folder in the temporary directory. */
export function sqliteDatabase(): BenchDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), 'tapin-bench-'));
  return {
    kind: 'sqlite',
    dataDir,
    databaseUrl: undefined,
    backendPids: () => Promise.resolve([]),
    drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
  };
}

/**
 * A fresh PostgreSQL database `tapin_bench_<pid>` beside the one `adminUrl` names, dropped
 * afterwards. Undefined when PostgreSQL cannot be reached.
 */
export async function postgresDatabase(adminUrl: string): Promise<BenchDatabase | undefined> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`PostgreSQL skipped: ${adminUrl} cannot be reached (${(err as Error).message})`);
    return undefined;
  }
  const name = `tapin_bench_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'tapin-bench-'));
  return {
    kind: 'postgres',
    dataDir,
    databaseUrl: url.toString(),
    backendPids: async () =>
      (
        await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])
      ).rows.map((r) => r.pid),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
