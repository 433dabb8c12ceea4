import type { Kysely } from 'kysely';

// Devices waiting to be approved with a one-time code (approval-codes/). Column types as in 001.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('approval_code_requests')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    // The code's keyed hash: the lookup when an approver enters it, and no two live codes alike.
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('device_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('public_key_jwk', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'varchar(64)', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('browser', 'varchar(64)', (c) => c.notNull())
    .addColumn('operating_system', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('approved_at', 'bigint')
    .addColumn('approved_by', 'varchar(64)', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  // A device's new code replaces its earlier one; the cap counts live codes; retention removes old ones.
  await db.schema
    .createIndex('approval_code_requests_device')
    .on('approval_code_requests')
    .column('device_id')
    .execute();
  await db.schema
    .createIndex('approval_code_requests_expires')
    .on('approval_code_requests')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('approval_code_requests').ifExists().execute();
}
