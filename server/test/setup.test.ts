import { describe, expect } from 'vitest';
import { it } from './support/fixtures.js';
import { DEFAULT_SETUP, TestClient, setUpOrganisation } from './support/test-client.js';

describe('first-run setup', () => {
  it('returns 200 with setup needed on an empty database, then done', async ({ t }) => {
    const c = new TestClient(t);
    expect((await c.get('/api/setup')).body).toEqual({ needed: true });
    await setUpOrganisation(t);
    expect((await c.get('/api/setup')).body).toEqual({ needed: false });
  });

  it('logs the new admin in and returns 409 when run a second time', async ({ t }) => {
    const admin = await setUpOrganisation(t);
    const me = await admin.get<{ user: { role: string } }>('/api/auth/session');
    expect(me.status).toBe(200);
    expect(me.body.user.role).toBe('admin');
    const again = await new TestClient(t).post('/api/setup', { ...DEFAULT_SETUP, username: 'other' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'setup_already_done' } });
  });
});

describe('first-run setup at the same moment', () => {
  it('creates one organisation when two setups race, and returns 409 to the other', async ({ t }) => {
    const [a, b] = await Promise.all([
      new TestClient(t).post('/api/setup', DEFAULT_SETUP),
      new TestClient(t).post('/api/setup', { ...DEFAULT_SETUP, username: 'other' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const orgs = await t.deps.database.db.selectFrom('organisations').select('id').execute();
    expect(orgs).toHaveLength(1);
  });
});
