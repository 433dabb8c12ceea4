import type { Kysely } from 'kysely';

// Column types are chosen to mean the same on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('pin_login_active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('offline_grace_minutes', 'integer', (c) => c.notNull())
    .addColumn('idle_lock_minutes', 'integer', (c) => c.notNull())
    .addColumn('require_passkey', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(64)', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('username', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('login_method', 'varchar(24)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(255)')
    .addColumn('pin_hmac', 'varchar(64)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // The PIN rule "unique across the organisation" and the O(1) lookup at login, in one index.
  await db.schema
    .createIndex('users_org_pin_hmac_unique')
    .on('users')
    .columns(['organisation_id', 'pin_hmac'])
    .unique()
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(64)', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('public_key_jwk', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('locked_at', 'bigint')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failed_at', 'bigint')
    .addColumn('approved_by', 'varchar(64)')
    .addColumn('approved_at', 'bigint', (c) => c.notNull())
    .addColumn('last_login_at', 'bigint')
    .execute();
  await db.schema.createIndex('devices_org').on('devices').column('organisation_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('organisation_id', 'varchar(64)', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('device_id', 'varchar(64)', (c) => c.references('devices.id').onDelete('cascade'))
    .addColumn('ip', 'varchar(64)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('stepped_up_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('offline', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('idempotency_key', 'varchar(100)', (c) => c.unique())
    .execute();
  await db.schema
    .createIndex('sessions_device_created')
    .on('sessions')
    .columns(['device_id', 'created_at'])
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('challenges')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('device_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('challenges_expires').on('challenges').column('expires_at').execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('organisation_id', 'varchar(64)', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('type', 'varchar(48)', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(64)')
    .addColumn('target_user_id', 'varchar(64)')
    .addColumn('device_id', 'varchar(64)')
    .addColumn('ip', 'varchar(64)')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_org_created')
    .on('audit_events')
    .columns(['organisation_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'rate_limits',
    'audit_events',
    'challenges',
    'sessions',
    'devices',
    'users',
    'organisations',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
