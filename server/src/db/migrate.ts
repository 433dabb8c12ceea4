import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/001-initial.js';
import * as passkeys from './migrations/002-passkeys.js';
import * as offlineGrants from './migrations/003-offline-grants.js';
import * as statelessDeviceChallenges from './migrations/004-stateless-device-challenges.js';
import * as sessionsIdempotencyIndex from './migrations/005-sessions-idempotency-index.js';
import * as statelessPasskeyChallenges from './migrations/006-stateless-passkey-challenges.js';
import * as storableText from './migrations/007-storable-text.js';
import * as approvalCodeRequests from './migrations/008-approval-code-requests.js';
import * as rowVersions from './migrations/009-row-versions.js';
import * as registerLanguage from './migrations/010-register-language.js';

// Migrations are imported statically so they work the same from source, tests and bundles.
const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-passkeys': passkeys,
  '003-offline-grants': offlineGrants,
  '004-stateless-device-challenges': statelessDeviceChallenges,
  '005-sessions-idempotency-index': sessionsIdempotencyIndex,
  '006-stateless-passkey-challenges': statelessPasskeyChallenges,
  '007-storable-text': storableText,
  '008-approval-code-requests': approvalCodeRequests,
  '009-row-versions': rowVersions,
  '010-register-language': registerLanguage,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** `schema`: PostgreSQL only, when the connection's search_path is not the default (tests). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema && { migrationTableSchema: schema }) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : failed ? 'see the database log' : String(error);
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${cause}`.replace('  ', ' '), {
      cause: error,
    });
  }
}

/** True when every migration this build knows has run: a readiness check for load balancers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads the migrator's own table
export async function migrationsAreCurrent(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`select name from ${sql.table('kysely_migration')}`.execute(db);
  const done = new Set(rows.map((r) => r.name));
  return Object.keys(migrations).every((name) => done.has(name));
}
