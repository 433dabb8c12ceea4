import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { DB } from './schema.js';

const SENTINEL = '\u0000tapin-parameter:';

type Slot = { arg: number } | { constant: unknown };

/**
 * A query built and compiled once per SQL dialect, then run with new parameters each time, for the
 * PIN-login path: Kysely spends about 30 µs building and compiling a query, several times what
 * SQLite spends running a small one (and better-sqlite3 keeps the prepared statement, see
 * open-database.ts).
 *
 * `build` is called once with placeholders in place of its parameters and must pass each to the
 * query as a value (not in a `sql` fragment that is inlined), once or more; values it writes
 * itself stay as they are. Placeholders are found by value in the compiled parameters, so their
 * order in the SQL does not matter. A build that breaks the rule throws on first use.
 */
export function preparedQuery<P extends unknown[], R>(
  build: (db: Kysely<DB>, ...params: P) => Compilable<R>,
): (db: Kysely<DB>, ...params: P) => Promise<QueryResult<R>> {
  const compiled = new Map<unknown, { query: CompiledQuery<R>; slots: Slot[] }>();
  return async (db, ...params) => {
    // The compiled SQL depends on the dialect only; a transaction shares its database's adapter.
    const dialect = db.getExecutor().adapter.constructor;
    let entry = compiled.get(dialect);
    if (!entry) {
      entry = compile(db, build, params.length);
      compiled.set(dialect, entry);
    }
    const parameters = entry.slots.map((s) => ('arg' in s ? params[s.arg] : s.constant));
    return db.executeQuery(CompiledQuery.raw(entry.query.sql, parameters) as CompiledQuery<R>);
  };
}

function compile<P extends unknown[], R>(
  db: Kysely<DB>,
  build: (db: Kysely<DB>, ...params: P) => Compilable<R>,
  arity: number,
): { query: CompiledQuery<R>; slots: Slot[] } {
  const placeholders = Array.from({ length: arity }, (_, i) => `${SENTINEL}${i}`) as P;
  const query = build(db, ...placeholders).compile();
  const slots = query.parameters.map((value): Slot => {
    if (typeof value === 'string' && value.startsWith(SENTINEL)) {
      return { arg: Number(value.slice(SENTINEL.length)) };
    }
    return { constant: value };
  });
  const used = new Set(slots.flatMap((s) => ('arg' in s ? [s.arg] : [])));
  if (used.size !== arity) {
    throw new Error(`a prepared query must take each of its ${arity} parameters as a value`);
  }
  return { query, slots };
}
