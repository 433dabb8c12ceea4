import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect } from 'vitest';
import { it } from './support/fixtures.js';

describe.skipIf(process.env.TEST_DATABASE_URL !== undefined)(
  'backup (SQLite only; PostgreSQL uses pg_dump)',
  () => {
    it('copies the database with SQLite online backup while the app serves', async ({ t, admin: _admin }) => {
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
