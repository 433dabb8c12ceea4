import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { preparedQuery } from '../src/db/prepared-query.js';
import { it } from './support/fixtures.js';

describe('prepared queries', () => {
  it('run with each call’s own parameters, whatever their order in the SQL, and keep the constants', async ({
    t,
    admin: _admin,
  }) => {
    const { db } = t.deps.database;
    const named = preparedQuery((d, username: string, role: 'admin' | 'manager' | 'cashier') =>
      d
        .selectFrom('users')
        .select(['username', 'role'])
        .where('role', '=', role)
        .where('username', '=', username)
        .where('login_method', '!=', 'pin_only'),
    );
    expect((await named(db, 'ada', 'admin')).rows).toEqual([{ username: 'ada', role: 'admin' }]);
    expect((await named(db, 'ada', 'cashier')).rows).toEqual([]);
    expect((await named(db, 'nobody', 'admin')).rows).toEqual([]);
    // Inside a transaction as well, with the same compiled query.
    await db.transaction().execute(async (trx) => {
      expect((await named(trx, 'ada', 'admin')).rows).toHaveLength(1);
    });
  });

  it('refuse a build that does not pass a parameter as a value', async ({ t }) => {
    const inlined = preparedQuery((d, username: string) =>
      d.selectFrom('users').select('id').where('username', '=', sql.lit(username)),
    );
    await expect(inlined(t.deps.database.db, 'ada')).rejects.toThrow(/parameters as a value/);
  });
});
