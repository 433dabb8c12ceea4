import type { Kysely } from 'kysely';

// A version per user, device and organisation row, counted up by every write to it, so that a
// form saved from a stale copy changes nothing instead of undoing what was saved since: the
// UPDATE itself asks for the version the form was loaded with. Existing rows start at 1.
const VERSIONED = ['organisations', 'users', 'devices'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
  // The audit log names people and devices deleted since from their deletion's entry.
  await db.schema
    .createIndex('audit_org_type')
    .on('audit_events')
    .columns(['organisation_id', 'type'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_org_type').execute();
  for (const table of VERSIONED) await db.schema.alterTable(table).dropColumn('version').execute();
}
