import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { setUpOrganisation } from './test-client.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe.skipIf(process.env.TEST_DATABASE_URL !== undefined)(
  'backup (SQLite only; PostgreSQL uses pg_dump)',
  () => {
    it('copies the database with SQLite online backup while the app serves', async () => {
      await setUpOrganisation(t);
      const file = join(mkdtempSync(join(tmpdir(), 'tapin-backup-')), 'backup.sqlite');
      await t.deps.database.backup?.(file);
      const copy = new SQLite(file, { readonly: true });
      try {
        expect(copy.prepare('select name from organisations').all()).toEqual([{ name: 'Corner Shop' }]);
      } finally {
        copy.close();
      }
    });
  },
);
