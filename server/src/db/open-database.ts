import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { SqliteDialectKeepingCause } from './sqlite-dialect.js';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** SQLite only: a consistent copy through SQLite's online backup, taken while Tapin runs. */
  backup?(file: string): Promise<void>;
  close(): Promise<void>;
}

// PostgreSQL returns int8 as a string by default; our bigints are epoch milliseconds, well
// inside Number's safe range.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenDatabaseOptions {
  /** `postgres://…` selects PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** SQLite only: `:memory:` for tests. */
  sqliteFile?: string;
  /** PostgreSQL only: run every query in this schema (tests isolate themselves this way). */
  pgSchema?: string;
  /** PostgreSQL only: how the connections show in pg_stat_activity. */
  applicationName?: string;
  /** Told about errors on idle pooled connections (a restart, a terminated backend). */
  onConnectionError?: (err: Error) => void;
}

/** No request waits longer than this for a connection, or for a statement to finish. */
export const PG_CONNECT_TIMEOUT_MS = 5_000;
export const PG_STATEMENT_TIMEOUT_MS = 10_000;

export function openDatabase(opts: OpenDatabaseOptions): Database {
  if (opts.databaseUrl?.startsWith('postgres')) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      statement_timeout: PG_STATEMENT_TIMEOUT_MS,
      query_timeout: PG_STATEMENT_TIMEOUT_MS + 2_000,
      keepAlive: true,
      application_name: opts.applicationName ?? 'tapin',
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    // A connection that the server closes (restart, pg_terminate_backend) emits 'error': on the
    // pool while idle, on the client while checked out between queries. Unhandled, either would
    // end the process. The pool drops a broken connection and connects afresh.
    const lost = (err: Error) => opts.onConnectionError?.(err);
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let file = opts.sqliteFile;
  if (!file) {
    const dir = opts.dataDir ?? './data';
    mkdirSync(dir, { recursive: true });
    file = join(dir, 'tapin.sqlite');
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({ dialect: new SqliteDialectKeepingCause(withStatementCache(sqlite)) });
  return {
    db,
    kind: 'sqlite',
    backup: async (to) => {
      await sqlite.backup(to);
    },
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every statement afresh; with better-sqlite3 preparing costs more than running
 * a small query. Statements are reusable, so keep the compiled ones by their SQL text.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = sqlite.prepare(source);
      if (cache.size >= max) cache.clear();
      cache.set(source, stmt);
    }
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
