import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Only sessions uploaded after an outage have an idempotency key; every online login wrote an
// entry for its NULL into the unique index all the same. A partial unique index keeps the rule
// for uploads and takes that write off the login path.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table sessions drop constraint if exists sessions_idempotency_key_key`.execute(db);
  } else {
    // SQLite cannot drop a column's UNIQUE: the table is rebuilt, columns as in 001.
    await sql`create table sessions_rebuilt (
      id varchar(64) primary key,
      token_hash varchar(64) unique,
      organisation_id varchar(64) not null references organisations (id) on delete cascade,
      user_id varchar(64) not null references users (id) on delete cascade,
      kind varchar(16) not null,
      device_id varchar(64) references devices (id) on delete cascade,
      ip varchar(64),
      created_at bigint not null,
      expires_at bigint not null,
      last_seen_at bigint not null,
      stepped_up_at bigint,
      ended_at bigint,
      offline integer default 0 not null,
      idempotency_key varchar(100)
    )`.execute(db);
    await sql`insert into sessions_rebuilt (id, token_hash, organisation_id, user_id, kind, device_id, ip,
        created_at, expires_at, last_seen_at, stepped_up_at, ended_at, offline, idempotency_key)
      select id, token_hash, organisation_id, user_id, kind, device_id, ip, created_at, expires_at,
        last_seen_at, stepped_up_at, ended_at, offline, idempotency_key from sessions`.execute(db);
    await sql`drop table sessions`.execute(db);
    await sql`alter table sessions_rebuilt rename to sessions`.execute(db);
    await db.schema
      .createIndex('sessions_device_created')
      .on('sessions')
      .columns(['device_id', 'created_at'])
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  }
  await db.schema
    .createIndex('sessions_idempotency_key')
    .on('sessions')
    .column('idempotency_key')
    .unique()
    .where(sql.ref('idempotency_key'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_idempotency_key').execute();
  await db.schema
    .createIndex('sessions_idempotency_key_all')
    .on('sessions')
    .column('idempotency_key')
    .unique()
    .execute();
}
