import { randomBytes } from 'node:crypto';
import { generateKeyPair, exportJWK } from 'jose';
import { sql } from 'kysely';
import { createApp, type App } from '../../src/app.js';
import type { AppDeps } from '../../src/app-deps.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase, type Database } from '../../src/db/open-database.js';
import type { Logger } from '../../src/logger.js';

/** The origin of the test app: localhost on the default port, as a browser on the server's machine. */
export const ORIGIN = 'http://localhost:3000';

/**
 * Kysely's migrator reads the catalog of every schema, and fails when another test file drops its
 * schema at that moment. Migrating holds this advisory lock shared; dropping a schema takes it alone.
 */
const SCHEMA_LOCK = 7_240_001;

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(public t = Date.UTC(2026, 0, 5, 9, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestApp {
  app: App;
  deps: AppDeps;
  clock: TestClock;
  logLines: string[];
  /**
   * Another instance of the server on the same database and secrets, as behind a load balancer:
   * its own pool on PostgreSQL, and its own app with its own in-process caches.
   */
  secondInstance(): Promise<TestApp>;
  close(): Promise<void>;
}

/** The configuration a test may choose; everything else is the default. */
export type TestAppOptions = Partial<
  Pick<AppDeps['config'], 'trustProxy' | 'publicOrigin' | 'allowedOrigins'>
>;

/**
 * A fresh app on a fresh database: in-memory SQLite, or, when TEST_DATABASE_URL is set, a
 * PostgreSQL schema of its own that is dropped afterwards.
 */
export async function createTestApp(overrides: TestAppOptions = {}): Promise<TestApp> {
  const url = process.env.TEST_DATABASE_URL;
  let database: Database;
  let dropSchema: (() => Promise<void>) | undefined;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  if (url) {
    const admin = openDatabase({ databaseUrl: url });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    database = openDatabase({ databaseUrl: url, pgSchema: schema, applicationName: `tapin-${schema}` });
    dropSchema = async () => {
      await admin.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${SCHEMA_LOCK})`.execute(trx);
        await sql`drop schema ${sql.id(schema)} cascade`.execute(trx);
      });
      await admin.close();
    };
    const migrating = database;
    await admin.db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock_shared(${SCHEMA_LOCK})`.execute(conn);
      try {
        await migrateToLatest(migrating.db, schema);
      } finally {
        await sql`select pg_advisory_unlock_shared(${SCHEMA_LOCK})`.execute(conn);
      }
    });
  } else {
    database = openDatabase({ sqliteFile: ':memory:' });
    await migrateToLatest(database.db);
  }
  const clock = new TestClock();
  const logLines: string[] = [];
  const record = (level: string) => (msg: string, fields?: object) =>
    logLines.push(JSON.stringify({ level, msg, ...fields }));
  const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const deps: AppDeps = {
    database,
    secrets: { pinPepper: randomBytes(32), previousPinPepper: null, signingKey: await exportJWK(privateKey) },
    config: { ...loadConfig({}), clientDir: undefined, ...overrides },
    clock,
    logger,
    setupToken: randomBytes(24).toString('base64url'),
  };
  const secondInstance = async (): Promise<TestApp> => {
    // An in-memory SQLite database cannot be opened twice; the second app shares the connection.
    const other = url
      ? openDatabase({ databaseUrl: url, pgSchema: schema, applicationName: `tapin-${schema}-b` })
      : database;
    const otherDeps: AppDeps = { ...deps, database: other };
    return {
      app: createApp(otherDeps),
      deps: otherDeps,
      clock,
      logLines,
      secondInstance,
      close: async () => {
        if (other !== database) await other.close();
      },
    };
  };
  return {
    app: createApp(deps),
    deps,
    clock,
    logLines,
    secondInstance,
    close: async () => {
      await database.close();
      await dropSchema?.();
    },
  };
}
