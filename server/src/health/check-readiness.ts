import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { migrationsAreCurrent } from '../db/migrate.js';

/** Whether this instance can take requests: the database answers and its migrations are current. */
export async function checkReadiness(db: Kysely<DB>): Promise<'ready' | 'migrations pending'> {
  await sql`select 1`.execute(db);
  return (await migrationsAreCurrent(db)) ? 'ready' : 'migrations pending';
}
