import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { hashPassword } from '../src/auth/password-hash.js';
import { LONGEST_STORED, PASSWORD_HASH_MAX } from '../src/db/stored-lengths.js';
import type { Database } from '../src/db/open-database.js';
import { it } from './support/fixtures.js';

/** Every varchar column of the app's own tables with its declared size, as the engine reports it. */
async function varcharColumns(database: Database): Promise<Map<string, number>> {
  const { db } = database;
  const columns = new Map<string, number>();
  if (database.kind === 'postgres') {
    const { rows } = await sql<{ table_name: string; column_name: string; size: number }>`
      select table_name, column_name, character_maximum_length as size
      from information_schema.columns
      where table_schema = current_schema() and data_type = 'character varying'`.execute(db);
    for (const r of rows) columns.set(`${r.table_name}.${r.column_name}`, Number(r.size));
  } else {
    const { rows } = await sql<{ table_name: string; column_name: string; type: string }>`
      select m.name as table_name, p.name as column_name, p.type as type
      from sqlite_master m join pragma_table_info(m.name) p
      where m.type = 'table'`.execute(db);
    for (const r of rows) {
      const size = /^varchar\((\d+)\)$/i.exec(r.type)?.[1];
      if (size) columns.set(`${r.table_name}.${r.column_name}`, Number(size));
    }
  }
  // Kysely's own bookkeeping holds no product data.
  for (const key of columns.keys()) if (key.startsWith('kysely_')) columns.delete(key);
  return columns;
}

const listed = new Map(
  Object.entries(LONGEST_STORED).flatMap(([table, cols]) =>
    Object.entries(cols).map(([column, longest]) => [`${table}.${column}`, longest] as const),
  ),
);

describe('bounded columns against the limits of what is written to them', () => {
  it('lists every varchar column the migrations create, and nothing else', async ({ t }) => {
    const columns = await varcharColumns(t.deps.database);
    expect(columns.size).toBeGreaterThan(40);
    expect([...columns.keys()].sort()).toEqual([...listed.keys()].sort());
  });

  it('gives every varchar column room for the longest value that may be written to it', async ({ t }) => {
    const columns = await varcharColumns(t.deps.database);
    const tooSmall = [...listed]
      .filter(([column, longest]) => (columns.get(column) ?? 0) < longest)
      .map(([column, longest]) => `${column}: varchar(${columns.get(column)}) < ${longest}`);
    expect(tooSmall).toEqual([]);
  });

  it('bounds the password hash by what argon2id really writes', async () => {
    expect((await hashPassword('x'.repeat(256))).length).toBeLessThanOrEqual(PASSWORD_HASH_MAX);
  });
});
