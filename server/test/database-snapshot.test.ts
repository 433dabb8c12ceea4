import { describe, expect } from 'vitest';
import { snapshotDatabase, tablesOf } from './support/database.js';
import { it } from './support/fixtures.js';
import { registrationOptions } from './support/passkey-ceremonies.js';
import { createUser } from './support/users.js';

describe('the "database unchanged" check of refused requests', () => {
  it('covers every table the migrations create, the passkey tables included', async ({ t }) => {
    const names = (await tablesOf(t.deps.database)).map((table) => table.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'audit_events',
        'devices',
        'organisations',
        'passkeys',
        'rate_limits',
        'sessions',
        'users',
        'webauthn_challenges',
      ]),
    );
    // Only this app's schema: on PostgreSQL other test apps' schemas hold tables of the same names.
    expect(new Set(names).size).toBe(names.length);
  });

  it('sees a stored WebAuthn challenge, which the hand-written table list missed', async ({ t, admin }) => {
    const before = await snapshotDatabase(t);
    await registrationOptions(admin);
    const after = await snapshotDatabase(t);
    expect(after).not.toEqual(before);
    expect(after.webauthn_challenges).toHaveLength((before.webauthn_challenges?.length ?? 0) + 1);
  });

  it('orders rows by their values, not by where the database happens to keep them', async ({ t, admin }) => {
    await createUser(admin, { username: 'carl' });
    const before = await snapshotDatabase(t);
    // On PostgreSQL an UPDATE writes a new row version at the end of the table, so a plain
    // SELECT would now return Ada after Carl; the values themselves stay the same.
    await t.deps.database.db
      .updateTable('users')
      .set((eb) => ({ name: eb.ref('name') }))
      .where('username', '=', 'ada')
      .execute();
    expect(await snapshotDatabase(t)).toEqual(before);
  });
});
