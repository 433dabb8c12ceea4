import { describe, expect } from 'vitest';
import { BACKGROUND_HEADER, type SessionJSON } from '@tapin/shared';
import { it, test } from './support/fixtures.js';
import { DEFAULT_SETUP, TestClient } from './support/test-client.js';
import { createUser, loginAs } from './support/users.js';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

describe('logout', () => {
  it('returns 200, clears the cookie, and the old cookie then gets 401', async ({ t, admin }) => {
    const client = await loginAs(t, 'ada', DEFAULT_SETUP.password);
    const oldCookie = client.cookie;
    expect(oldCookie).toBeDefined();
    const res = await client.post('/api/auth/logout', {});
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/i);
    expect(client.cookie).toBeUndefined();

    const replay = new TestClient(t);
    replay.cookie = oldCookie;
    const session = await replay.get('/api/auth/session');
    expect(session.status).toBe(401);
    expect(session.body).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await replay.get('/api/users')).status).toBe(401);
    expect((await replay.postCurrent('/api/organisation/pin-login/activate', {})).status).toBe(401);

    // Only that session ended; the hash of its token is gone from the database.
    const rows = await t.deps.database.db.selectFrom('sessions').select(['ended_at', 'token_hash']).execute();
    expect(rows.filter((r) => r.ended_at !== null)).toEqual([{ ended_at: t.clock.now(), token_hash: null }]);
    expect((await admin.get('/api/auth/session')).status).toBe(200);
  });

  it('returns 200 without a session', async ({ t }) => {
    expect((await new TestClient(t).post('/api/auth/logout', {})).status).toBe(200);
  });
});

describe('session lifetime', () => {
  it('returns 401 once the absolute lifetime of 12 hours is over, however active the session', async ({
    t,
    admin,
  }) => {
    const login = await admin.login('ada', DEFAULT_SETUP.password);
    expect(login.status).toBe(200);
    const start = t.clock.now();
    expect(Date.parse(login.body.expiresAt)).toBe(start + 12 * HOUR);
    // Busy all shift: a request every 20 minutes.
    while (t.clock.now() + 20 * MINUTE < start + 12 * HOUR) {
      t.clock.advance(20 * MINUTE);
      expect((await admin.get('/api/auth/session')).status).toBe(200);
    }
    t.clock.t = start + 12 * HOUR - 1;
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    t.clock.t = start + 12 * HOUR;
    const res = await admin.get('/api/auth/session');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await admin.get('/api/users')).status).toBe(401);
  });

  it('returns 401 to a web session left idle for 30 minutes, and 200 to one used within them', async ({
    t,
    admin,
  }) => {
    t.clock.advance(29 * MINUTE);
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await admin.get('/api/users')).status).toBe(200);
    t.clock.advance(30 * MINUTE);
    const res = await admin.get('/api/auth/session');
    expect(res.status).toBe(401);
    // A fresh login works at once.
    expect((await admin.login('ada', DEFAULT_SETUP.password)).status).toBe(200);
  });

  it('returns 200 to a register session in use until its absolute lifetime, then 401', async ({
    t,
    admin,
    device,
  }) => {
    await createUser(admin, { username: 'pia', loginMethod: 'pin_only', pin: '42424' });
    expect((await device.pinLogin('42424')).status).toBe(200);
    const start = t.clock.now();
    while (t.clock.now() < start + 12 * HOUR - 10 * MINUTE) {
      t.clock.advance(10 * MINUTE);
      expect((await device.client.get('/api/auth/session')).status).toBe(200);
    }
    t.clock.t = start + 12 * HOUR;
    expect((await device.client.get('/api/auth/session')).status).toBe(401);
  });
});

describe("register sessions and the organisation's idle lock", () => {
  const it = test.extend('pia', async ({ admin, device }) => {
    await createUser(admin, { username: 'pia', loginMethod: 'pin_only', pin: '42424' });
    const login = await device.pinLogin('42424');
    if (login.status !== 200) throw new Error(`Pia's PIN login failed: ${login.status}`);
    return device;
  });
  const BACKGROUND = { [BACKGROUND_HEADER]: '1' };

  it('returns 401 to a register session unused for longer than the idle lock, and ends it', async ({
    t,
    pia,
  }) => {
    // The default lock is 15 minutes; the server allows a minute for last-use bookkeeping.
    t.clock.advance(16 * MINUTE + 1000);
    const res = await pia.client.get('/api/auth/session');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
    const rows = await t.deps.database.db.selectFrom('sessions').select(['kind', 'ended_at']).execute();
    expect(rows.find((r) => r.kind === 'register')?.ended_at).toBe(t.clock.now());
  });

  it('returns 200 to a register session used within each idle lock', async ({ t, pia }) => {
    for (let i = 0; i < 6; i++) {
      t.clock.advance(14 * MINUTE);
      expect((await pia.client.get('/api/auth/session')).status, `after ${(i + 1) * 14} minutes`).toBe(200);
    }
  });

  it("returns 401 after the register's own background checks alone, which do not count as use", async ({
    t,
    pia,
  }) => {
    for (let i = 0; i < 16; i++) {
      t.clock.advance(MINUTE);
      expect((await pia.client.call('GET', '/api/auth/session', undefined, BACKGROUND)).status).toBe(200);
    }
    t.clock.advance(MINUTE + 1000);
    expect((await pia.client.call('GET', '/api/auth/session', undefined, BACKGROUND)).status).toBe(401);
  });

  it("follows the organisation's setting: 401 after 5 minutes when the lock is 5", async ({
    t,
    admin,
    pia,
  }) => {
    expect((await admin.patchCurrent('/api/organisation/pin-login', { idleLockMinutes: 5 })).status).toBe(
      200,
    );
    t.clock.advance(4 * MINUTE);
    expect((await pia.client.get('/api/auth/session')).status).toBe(200);
    t.clock.advance(6 * MINUTE + 1000);
    expect((await pia.client.get('/api/auth/session')).status).toBe(401);
  });
});

describe('register sessions and the admin environment', () => {
  it('returns 403 step_up_required to an admin on a PIN session until they confirm their password', async ({
    admin,
    device,
  }) => {
    const me = await admin.get<SessionJSON>('/api/auth/session');
    expect(
      (
        await admin.patchCurrent(`/api/users/${me.body.user.id}`, {
          loginMethod: 'password_and_pin',
          pin: '90909',
        })
      ).status,
    ).toBe(200);
    const login = await device.pinLogin('90909');
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ kind: 'register', adminAccess: false });

    const blocked = await device.client.get('/api/users');
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ error: { code: 'step_up_required' } });
    const wrong = await device.client.post('/api/auth/step-up', { password: 'not my password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'invalid_credentials', message: 'Invalid credentials' } });

    const ok = await device.client.post<SessionJSON>('/api/auth/step-up', {
      password: DEFAULT_SETUP.password,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.adminAccess).toBe(true);
    expect((await device.client.get('/api/users')).status).toBe(200);
  });
});
