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
 * `kysely_migration` and `kysely_migration_lock` tables by default, and so does the PostgreSQL
 * query; they hold no product data. On PostgreSQL each test app has a schema of its own, and only
 * the tables of the schema on the search path are read.
 */
export function tablesOf(database: Database): Promise<TableShape[]> {
  let shape = shapes.get(database);
  if (!shape) {
    shape = (async () => {
      const { db } = database;
      if (database.kind === 'postgres') return ownPostgresTables(database);
      const tables = await db.introspection.getTables();
      return tables
        .filter((t) => !t.isView)
        .map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    })();
    shapes.set(database, shape);
  }
  return shape;
}

/**
 * The tables of the schema on the search path, read from that schema's catalog alone: Kysely's
 * introspection reads every schema's, and fails when another test app drops its schema meanwhile.
 */
async function ownPostgresTables(database: Database): Promise<TableShape[]> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and c.table_name not like 'kysely!_%' escape '!'
    order by c.table_name, c.ordinal_position`.execute(database.db);
  const tables = new Map<string, string[]>();
  for (const r of rows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.column_name]);
  return [...tables]
    .map(([name, columns]) => ({ name, columns }))
    .sort((a, b) => a.name.localeCompare(b.name));
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
