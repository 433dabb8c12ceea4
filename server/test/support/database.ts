import { expect } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../src/db/open-database.js';
import type { TestApp } from './test-app.js';

interface TableShape {
  name: string;
  columns: string[];
}

/** A database's tables do not change while a test runs, so each is read once. */
const shapes = new WeakMap<Database, Promise<TableShape[]>>();

/**
 * Every table of the app's own schema, read from the database itself, so a table added by a later
 * migration is covered without anyone listing it. Kysely's introspection leaves out its own
 * `kysely_migration` and `kysely_migration_lock` tables by default; they hold no product data.
 * On PostgreSQL it lists the tables of every schema, and each test app has a schema of its own,
 * so only the tables of the schema on the search path are kept.
 */
export function tablesOf(database: Database): Promise<TableShape[]> {
  let shape = shapes.get(database);
  if (!shape) {
    shape = (async () => {
      const { db } = database;
      const own =
        database.kind === 'postgres'
          ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
          : undefined;
      const tables = await db.introspection.getTables();
      return tables
        .filter((t) => !t.isView && (own === undefined || t.schema === own))
        .map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    })();
    shapes.set(database, shape);
  }
  return shape;
}

/** All rows of one table, ordered by every column in turn, so the order is the same on each read. */
export async function rowsOf(database: Database, table: TableShape): Promise<Record<string, unknown>[]> {
  const order = sql.join(table.columns.map((c) => sql.ref(c)));
  const { rows } = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(table.name)} order by ${order}`.execute(database.db);
  return rows;
}

/** Everything a refused request must leave untouched, for before/after comparison: every row of every table. */
export async function snapshotDatabase(t: TestApp): Promise<Record<string, Record<string, unknown>[]>> {
  const snapshot: Record<string, Record<string, unknown>[]> = {};
  for (const table of await tablesOf(t.deps.database))
    snapshot[table.name] = await rowsOf(t.deps.database, table);
  return snapshot;
}

export async function auditTypes(t: TestApp): Promise<string[]> {
  const rows = await t.deps.database.db.selectFrom('audit_events').select('type').orderBy('id').execute();
  return rows.map((r) => r.type);
}

/**
 * What a refused request may change: nothing but its own `access.refused` entry. Compares every
 * table but the audit log with `before`, and checks that the audit log gained exactly that entry.
 */
export async function expectOnlyRefusalAudited(
  t: TestApp,
  before: Record<string, Record<string, unknown>[]>,
): Promise<void> {
  const { audit_events: auditAfter = [], ...after } = await snapshotDatabase(t);
  const { audit_events: auditBefore = [], ...rest } = before;
  expect(after).toEqual(rest);
  const added = auditAfter.filter((row) => !auditBefore.some((old) => old.id === row.id));
  expect(added.map((row) => row.type)).toEqual(['access.refused']);
}
