import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * Makes a check-then-write in this transaction wait for any other transaction serialised on the
 * same key, so that both cannot pass the check (two admins stepping down at once, the last two
 * passkeys removed at once, two first-run setups). PostgreSQL takes a transaction-level advisory
 * lock; SQLite needs nothing, since Kysely runs its transactions one at a time on one connection.
 */
export async function serialise(trx: Kysely<DB>, key: string): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
