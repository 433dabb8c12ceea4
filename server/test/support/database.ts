import type { TestApp } from './test-app.js';

/** Everything a refused request must leave untouched, for before/after comparison. */
export async function snapshotDatabase(t: TestApp): Promise<unknown> {
  const { db } = t.deps.database;
  return {
    organisations: await db.selectFrom('organisations').selectAll().orderBy('id').execute(),
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    sessions: await db.selectFrom('sessions').selectAll().orderBy('id').execute(),
    devices: await db.selectFrom('devices').selectAll().orderBy('id').execute(),
    challenges: await db.selectFrom('challenges').selectAll().orderBy('id').execute(),
    audit: await db.selectFrom('audit_events').selectAll().orderBy('id').execute(),
    rateLimits: await db.selectFrom('rate_limits').selectAll().orderBy('key').execute(),
  };
}

export async function auditTypes(t: TestApp): Promise<string[]> {
  const rows = await t.deps.database.db.selectFrom('audit_events').select('type').orderBy('id').execute();
  return rows.map((r) => r.type);
}
