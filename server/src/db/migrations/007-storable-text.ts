import { sql, type Kysely } from 'kysely';

// Text stored before the string rule of the wire schemas (shared/src/text.ts): SQLite kept a NUL
// in a name, and audit details keep NULs and broken surrogate pairs as JSON \u escapes. The
// schemas refuse such strings in replies too, so a user list, an offline roster or the audit log
// naming one would no longer parse. A NUL is dropped, a broken pair becomes U+FFFD (what
// PostgreSQL made of it anyway), and the rest is normalised to NFC.

// A frozen copy of the rule, as migrations must keep theirs.
// eslint-disable-next-line no-control-regex -- NUL is one of the characters this looks for
const BROKEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storable = (s: string) => s.replace(BROKEN, (c) => (c === '\u0000' ? '' : '\uFFFD')).normalize('NFC');

const NAMES = [
  ['organisations', 'name'],
  ['users', 'name'],
  ['devices', 'name'],
  ['passkeys', 'name'],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on the schema as it was
export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, column] of NAMES) {
    const rows = (await db.selectFrom(table).select(['id', column]).execute()) as Record<string, string>[];
    for (const row of rows) {
      const before = row[column] ?? '';
      const after = storable(before);
      if (after !== before)
        await db
          .updateTable(table)
          .set({ [column]: after })
          .where('id', '=', row.id)
          .execute();
    }
  }
  // JSON.stringify writes NUL as \u0000 and a lone surrogate as \udxxx; only those rows need reading.
  const details = (await db
    .selectFrom('audit_events')
    .select(['id', 'detail'])
    // ESCAPE '!' keeps the backslash literal: PostgreSQL's LIKE would take it as its escape.
    .where(sql<boolean>`detail like ${'%\\u0000%'} escape '!' or detail like ${'%\\ud%'} escape '!'`)
    .execute()) as { id: string; detail: string }[];
  for (const row of details) {
    const parsed = JSON.parse(row.detail) as Record<string, unknown>;
    const clean = Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [storable(k), typeof v === 'string' ? storable(v) : v]),
    );
    const detail = JSON.stringify(clean);
    if (detail !== row.detail)
      await db.updateTable('audit_events').set({ detail }).where('id', '=', row.id).execute();
  }
}

// Nothing to undo: the cleaned text is what the older code would have accepted too.
export async function down(): Promise<void> {}
