import { afterEach, describe, expect, it } from 'vitest';
import { LocalDb } from './local-db';
import { deletePreferences, readPreference, writePreference } from './preferences';

let db: LocalDb;
afterEach(async () => {
  await db.delete();
});

describe('preferences', () => {
  it('reads back what was written, by name, and nothing after it is deleted', async () => {
    db = new LocalDb(`prefs-${Math.random()}`);
    await writePreference('idleLockMinutes', 5, db);
    await writePreference('deviceApproval', 'approved', db);
    expect(await readPreference('idleLockMinutes', db)).toBe(5);
    expect(await readPreference('deviceApproval', db)).toBe('approved');
    await deletePreferences(['idleLockMinutes'], db);
    expect(await readPreference('idleLockMinutes', db)).toBeUndefined();
    expect(await readPreference('deviceApproval', db)).toBe('approved');
  });
});
