import { randomBytes } from 'node:crypto';
import { generateKeyPair, exportJWK } from 'jose';
import { sql } from 'kysely';
import { createApp, type App } from '../src/app.js';
import type { AppDeps } from '../src/app-deps.js';
import type { Clock } from '../src/clock.js';
import { loadConfig } from '../src/config/load-config.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase, type Database } from '../src/db/open-database.js';
import type { Logger } from '../src/logger.js';

export const ORIGIN = 'http://localhost';

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
  close(): Promise<void>;
}

/**
 * A fresh app on a fresh database: in-memory SQLite, or, when TEST_DATABASE_URL is set, a
 * PostgreSQL schema of its own that is dropped afterwards.
 */
export async function createTestApp(overrides: Partial<Pick<AppDeps['config'], 'trustProxy'>> = {}): Promise<TestApp> {
  const url = process.env.TEST_DATABASE_URL;
  let database: Database;
  let dropSchema: (() => Promise<void>) | undefined;
  let schema: string | undefined;
  if (url) {
    schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = openDatabase({ databaseUrl: url });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    database = openDatabase({ databaseUrl: url, pgSchema: schema });
    const created = schema;
    dropSchema = async () => {
      await sql`drop schema ${sql.id(created)} cascade`.execute(admin.db);
      await admin.close();
    };
  } else {
    database = openDatabase({ sqliteFile: ':memory:' });
  }
  await migrateToLatest(database.db, schema);
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
  };
  return {
    app: createApp(deps),
    deps,
    clock,
    logLines,
    close: async () => {
      await database.close();
      await dropSchema?.();
    },
  };
}
