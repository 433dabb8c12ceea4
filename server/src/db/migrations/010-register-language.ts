import type { Kysely } from 'kysely';

// The language an organisation's registers start in; null leaves it to each register's browser.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('register_language', 'varchar(8)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('register_language').execute();
}
