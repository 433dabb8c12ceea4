import { sql, type Kysely } from 'kysely';

// Challenges of passkey logins and step-ups are signed and timed instead of stored, like device
// challenges: each passkey remembers the issue time of the last challenge it answered, and a
// later one must be newer. So asking for passkey login options writes nothing, and nobody can
// fill a table to keep others from logging in with a passkey.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('passkeys')
    .addColumn('challenge_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  // Stored login and step-up challenges have no more use.
  await sql`delete from webauthn_challenges where purpose = 'authentication'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('passkeys').dropColumn('challenge_at').execute();
}
