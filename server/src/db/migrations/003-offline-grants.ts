import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

// What the offline rosters issued to each device allowed, so that an offline upload can be held
// against it; and idempotency keys of a fixed length. Column types as in 001.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on the schema as it was
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('offline_grants')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('device_id', 'varchar(64)', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // From the first roster that named the user on this device to the latest end any such roster gave.
    .addColumn('valid_from', 'bigint', (c) => c.notNull())
    .addColumn('valid_until', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('offline_grants_device_user')
    .on('offline_grants')
    .columns(['device_id', 'user_id', 'valid_until'])
    .execute();
  await db.schema.createIndex('offline_grants_user').on('offline_grants').column('user_id').execute();

  // Uploaded sessions were keyed `<deviceId>:<key>`, up to 108 characters for a varchar(100);
  // they are keyed by the SHA-256 of that now. Re-keying the stored ones keeps a repeated upload
  // from before this migration a repeat. (A frozen copy of the rule, as migrations must be.)
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'idempotency_key'])
    .where('idempotency_key', 'is not', null)
    .execute();
  for (const row of rows as { id: string; idempotency_key: string }[]) {
    await db
      .updateTable('sessions')
      .set({ idempotency_key: createHash('sha256').update(row.idempotency_key).digest('hex') })
      .where('id', '=', row.id)
      .execute();
  }
}

// The re-keying cannot be undone; keys stay hashed, which the older code treats as unknown.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as in up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('offline_grants').ifExists().execute();
}
