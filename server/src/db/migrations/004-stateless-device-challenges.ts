import type { Kysely } from 'kysely';

// Device challenges are no longer stored: the server signs and times each one, and a device's row
// remembers, per purpose, the issue time of the last challenge it spent. A later challenge must
// be newer, so each is used at most once, and issuing one writes nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('devices')
    .addColumn('pin_challenge_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('devices')
    .addColumn('upload_challenge_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.dropTable('challenges').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('challenges')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('device_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('devices').dropColumn('upload_challenge_at').execute();
  await db.schema.alterTable('devices').dropColumn('pin_challenge_at').execute();
}
