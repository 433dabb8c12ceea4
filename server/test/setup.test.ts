import { describe, expect } from 'vitest';
import { snapshotDatabase } from './support/database.js';
import { it } from './support/fixtures.js';
import { DEFAULT_SETUP, TestClient, setUpOrganisation } from './support/test-client.js';

/** A browser that reaches the server from `address`. */
function clientAt(t: Parameters<typeof setUpOrganisation>[0], address: string): TestClient {
  const c = new TestClient(t);
  c.remoteAddress = address;
  return c;
}

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
    const again = await new TestClient(t).post('/api/setup', {
      ...DEFAULT_SETUP,
      username: 'other',
      setupToken: t.deps.setupToken,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'setup_already_done' } });
  });

  it('returns 409 setup_already_done at once, without hashing the password it was sent', async ({ t }) => {
    await setUpOrganisation(t);
    // One argon2id check, for scale: a setup that hashed before looking would take as long.
    let start = performance.now();
    await new TestClient(t).login('ada', 'a wrong password');
    const oneHash = performance.now() - start;
    start = performance.now();
    for (let i = 0; i < 10; i++) {
      const res = await new TestClient(t).post('/api/setup', { ...DEFAULT_SETUP, username: `late${i}` });
      expect(res.status).toBe(409);
    }
    expect(performance.now() - start).toBeLessThan(3 * oneHash);
  });
});

describe('the setup token', () => {
  it('returns 403 setup_token_required to a setup from another machine without the token, and creates nothing', async ({
    t,
  }) => {
    const before = await snapshotDatabase(t);
    const stranger = clientAt(t, '203.0.113.9');
    for (const setupToken of [undefined, '', 'guessed-token', `${t.deps.setupToken}x`]) {
      const res = await stranger.post('/api/setup', { ...DEFAULT_SETUP, setupToken });
      expect(res.status, `token ${setupToken}`).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'setup_token_required', field: 'setupToken' } });
      expect(res.text).not.toContain(t.deps.setupToken);
    }
    expect(await snapshotDatabase(t)).toEqual(before);
    expect((await stranger.get('/api/setup')).body).toEqual({ needed: true });
  });

  it('returns 201 to a setup from another machine with the token', async ({ t }) => {
    const res = await clientAt(t, '203.0.113.9').post('/api/setup', {
      ...DEFAULT_SETUP,
      setupToken: t.deps.setupToken,
    });
    expect(res.status).toBe(201);
  });

  it.for(['127.0.0.1', '::1', '::ffff:127.0.0.1'])(
    'returns 201 without a token to a browser on the server itself (%s, a localhost page)',
    async (address, { t }) => {
      expect((await clientAt(t, address).post('/api/setup', DEFAULT_SETUP)).status).toBe(201);
    },
  );

  it('returns 403 forbidden_origin to a DNS-rebinding page whose own name points at the server', async ({
    t,
  }) => {
    const before = await snapshotDatabase(t);
    const res = await t.app.request(
      'http://rebind.example:3000/api/setup',
      {
        method: 'POST',
        headers: {
          host: 'rebind.example:3000',
          origin: 'http://rebind.example:3000',
          'content-type': 'application/json',
        },
        body: JSON.stringify(DEFAULT_SETUP),
      },
      { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden_origin' } });
    expect(await snapshotDatabase(t)).toEqual(before);
  });
});

describe('the setup token behind a proxy on the same machine', () => {
  it.override('appOptions', {
    publicOrigin: 'https://tapin.example.com',
    allowedOrigins: ['https://tapin.example.com'],
  });

  it('returns 403 setup_token_required to a request from 127.0.0.1 whose page is not localhost', async ({
    t,
  }) => {
    const c = clientAt(t, '127.0.0.1');
    const origin = { origin: 'https://tapin.example.com' };
    const refused = await c.call('POST', '/api/setup', DEFAULT_SETUP, origin);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'setup_token_required' } });
    const ok = await c.call(
      'POST',
      '/api/setup',
      { ...DEFAULT_SETUP, setupToken: t.deps.setupToken },
      origin,
    );
    expect(ok.status).toBe(201);
  });
});

describe('first-run setup at the same moment', () => {
  it('creates one organisation when two setups race, and returns 409 to the other', async ({ t }) => {
    const setupToken = t.deps.setupToken;
    const [a, b] = await Promise.all([
      new TestClient(t).post('/api/setup', { ...DEFAULT_SETUP, setupToken }),
      new TestClient(t).post('/api/setup', { ...DEFAULT_SETUP, username: 'other', setupToken }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const orgs = await t.deps.database.db.selectFrom('organisations').select('id').execute();
    expect(orgs).toHaveLength(1);
  });
});
