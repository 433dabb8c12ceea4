import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { it } from './support/fixtures.js';
import type { TestApp } from './support/test-app.js';

interface IndexShape {
  columns: string;
  unique: boolean;
  partial: boolean;
}

/** The indexes of a table as the database itself reports them, by their columns. */
async function indexesOf(t: TestApp, table: string): Promise<IndexShape[]> {
  const { db, kind } = t.deps.database;
  const shapes: IndexShape[] = [];
  if (kind === 'postgres') {
    const { rows } = await sql<{ columns: string; unique: boolean; partial: boolean }>`
      select string_agg(a.attname, ',' order by k.ord) as columns, i.indisunique as unique,
             i.indpred is not null as partial
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
      cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where c.relname = ${table}
      group by i.indexrelid, i.indisunique, i.indpred`.execute(db);
    shapes.push(...rows);
  } else {
    const { rows: list } = await sql<{ name: string; unique: number; partial: number }>`
      select name, "unique", partial from pragma_index_list(${table})`.execute(db);
    for (const index of list) {
      const { rows: cols } = await sql<{ name: string }>`
        select name from pragma_index_info(${index.name}) order by seqno`.execute(db);
      shapes.push({
        columns: cols.map((c) => c.name).join(','),
        unique: index.unique === 1,
        partial: index.partial === 1,
      });
    }
  }
  return shapes.sort((a, b) => a.columns.localeCompare(b.columns));
}

describe('the indexes a PIN login writes to', () => {
  it('are only the ones with a reason: every other entry would be one more page written per login', async ({
    t,
  }) => {
    expect(await indexesOf(t, 'sessions')).toEqual([
      // Ending or listing a device's sessions, and deleting them with the device.
      { columns: 'device_id,created_at', unique: false, partial: false },
      { columns: 'id', unique: true, partial: false },
      // Uploaded offline sessions only: online logins have no key and write no entry.
      { columns: 'idempotency_key', unique: true, partial: true },
      // Every request's cookie lookup.
      { columns: 'token_hash', unique: true, partial: false },
      // Ending a user's sessions, and deleting them with the user.
      { columns: 'user_id', unique: false, partial: false },
    ]);
    // A login updates only unindexed columns of the device row, so its indexes cost it nothing.
    expect(await indexesOf(t, 'devices')).toEqual([
      { columns: 'id', unique: true, partial: false },
      { columns: 'organisation_id', unique: false, partial: false },
    ]);
  });
});
