import { describe, expect } from 'vitest';
import { OLDEST_OFFLINE_LOGIN_MS } from '../src/offline/offline-upload-policy.js';
import { applyRetention } from '../src/retention/apply-retention.js';
import { RETENTION } from '../src/retention/retention-policy.js';
import { CARA_PIN, it } from './support/fixtures.js';
import type { TestApp } from './support/test-app.js';
import { TestClient } from './support/test-client.js';

const count = async (
  t: TestApp,
  table: 'sessions' | 'audit_events' | 'rate_limits' | 'webauthn_challenges',
) => (await t.deps.database.db.selectFrom(table).selectAll().execute()).length;

describe('retention', () => {
  it('removes ended sessions, spent rate-limit windows and old audit events after their time, and keeps the rest', async ({
    t,
    admin,
  }) => {
    const leaving = new TestClient(t);
    expect((await leaving.login('ada', 'correct horse battery')).status).toBe(200);
    expect((await leaving.post('/api/auth/logout', {})).status).toBe(200);
    expect((await new TestClient(t).login('ada', 'wrong')).status).toBe(401);
    expect(await count(t, 'sessions')).toBe(2);
    const auditBefore = await count(t, 'audit_events');

    // A day later: the rate-limit window is spent; sessions and audit stay.
    t.clock.advance(RETENTION.rateLimitsMs + 1);
    const first = await applyRetention(t.deps.database.db, t.clock.now());
    expect(first).toMatchObject({ rateLimits: 1, sessions: 0, auditEvents: 0 });
    expect(await count(t, 'sessions')).toBe(2);

    // Past the session retention: every session ended or expired long ago goes; the audit log stays.
    t.clock.advance(RETENTION.sessionsMs);
    const second = await applyRetention(t.deps.database.db, t.clock.now());
    expect(second.sessions).toBe(2);
    expect(await count(t, 'audit_events')).toBe(auditBefore);

    // Past the audit retention, the old events go too; a new one stays.
    t.clock.advance(RETENTION.auditEventsMs);
    expect((await admin.login('ada', 'correct horse battery')).status).toBe(200);
    expect((await admin.patchCurrent('/api/organisation/pin-login', { idleLockMinutes: 20 })).status).toBe(
      200,
    );
    const third = await applyRetention(t.deps.database.db, t.clock.now());
    expect(third.auditEvents).toBe(auditBefore);
    expect(await count(t, 'audit_events')).toBe(1);
    expect(await count(t, 'sessions')).toBe(1);
  });

  it('deletes in batches, so a large backlog goes in one run', async ({ t, admin: _admin }) => {
    const { db } = t.deps.database;
    const rows = Array.from({ length: RETENTION.batch * 2 + 5 }, (_, i) => ({
      key: `old:${i}`,
      window_start: 0,
      count: 1,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('rate_limits')
        .values(rows.slice(i, i + 500))
        .execute();
    const result = await applyRetention(db, t.clock.now());
    expect(result.rateLimits).toBe(rows.length);
    expect(await count(t, 'rate_limits')).toBe(0);
  });
});

describe('retention of what rosters allowed', () => {
  it('removes a grant once no upload could still report a login from its time, and not a moment before', async ({
    t,
    device,
    cara,
  }) => {
    const { db } = t.deps.database;
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    expect((await device.client.get('/api/offline/roster')).status).toBe(200);
    const grants = () => db.selectFrom('offline_grants').select(['user_id', 'valid_until']).execute();
    const [grant] = await grants();
    expect(grant).toMatchObject({ user_id: cara.id });
    t.clock.t = (grant?.valid_until ?? 0) + OLDEST_OFFLINE_LOGIN_MS;
    expect((await applyRetention(db, t.clock.now())).offlineGrants).toBe(0);
    t.clock.advance(1);
    expect((await applyRetention(db, t.clock.now())).offlineGrants).toBe(1);
    expect(await grants()).toEqual([]);
  });
});
