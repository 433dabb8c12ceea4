import type SQLite from 'better-sqlite3';
import {
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Kysely,
} from 'kysely';

/**
 * Kysely's SQLite dialect, but a failed transaction keeps its real cause. After SQLITE_FULL or an
 * I/O error SQLite has already rolled the transaction back by itself; Kysely's ROLLBACK would
 * then fail with "no transaction is active" and hide why, turning a 503 into a 500.
 */
export class SqliteDialectKeepingCause implements Dialect {
  constructor(private readonly database: SQLite.Database) {}

  createDriver() {
    const raw = this.database;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (raw.inTransaction) await super.rollbackTransaction(connection);
      }
    })({ database: raw });
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own signature
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
