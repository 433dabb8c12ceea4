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

/** A connection to the first of `urls` that accepts one. */
async function connectToFirst(urls: string[]): Promise<{ admin: pg.Client; adminUrl: string } | undefined> {
  for (const adminUrl of urls) {
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
      return { admin, adminUrl };
    } catch (err) {
      console.log(`PostgreSQL: ${adminUrl} refused the connection (${(err as Error).message})`);
    }
  }
  return undefined;
}

/**
 * A fresh PostgreSQL database `tapin_bench_<pid>` beside the first of `urls` that connects,
 * dropped afterwards. Undefined when none does.
 */
export async function postgresDatabase(urls: string[]): Promise<BenchDatabase | undefined> {
  const connected = await connectToFirst(urls);
  if (!connected) return undefined;
  const { admin, adminUrl } = connected;
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
