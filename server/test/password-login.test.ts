import { describe, expect } from 'vitest';
import type { SessionJSON } from '@tapin/shared';
import { auditTypes } from './support/database.js';
import { it } from './support/fixtures.js';
import { DEFAULT_SETUP, TestClient } from './support/test-client.js';
import { STAFF_PASSWORD, createUser, newUserBody } from './support/users.js';

const INVALID = { error: { code: 'invalid_credentials', message: 'Invalid credentials' } };

describe('POST /api/auth/login', () => {
  it('returns 200 and an HttpOnly, SameSite=Strict web session for the right password', async ({
    t,
    admin: _admin,
  }) => {
    const client = new TestClient(t);
    const res = await client.login('ada', DEFAULT_SETUP.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'web',
      adminAccess: true,
      user: { username: 'ada', role: 'admin' },
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await client.get<SessionJSON>('/api/auth/session')).body.user.username).toBe('ada');
  });

  it('returns 200 for the username in another case', async ({ t, admin: _admin }) => {
    expect((await new TestClient(t).login('ADA', DEFAULT_SETUP.password)).status).toBe(200);
  });

  it('returns the same 401 invalid_credentials for a "PIN only" user, a wrong password and an unknown username', async ({
    t,
    admin,
  }) => {
    await createUser(admin, { username: 'pia', loginMethod: 'pin_only', pin: '31415' });
    await createUser(admin, { username: 'carl' });
    const pinOnly = await new TestClient(t).login('pia', STAFF_PASSWORD);
    const wrongPassword = await new TestClient(t).login('carl', 'not the password');
    const unknown = await new TestClient(t).login('nobody', STAFF_PASSWORD);
    for (const res of [pinOnly, wrongPassword, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual(INVALID);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect(pinOnly.text).toBe(wrongPassword.text);
    expect(unknown.text).toBe(wrongPassword.text);
  });

  it('returns 401 to a user switched to "PIN only" who tries the password they had', async ({ t, admin }) => {
    const carl = await createUser(admin, { username: 'carl', loginMethod: 'password_and_pin', pin: '27182' });
    expect((await new TestClient(t).login('carl', STAFF_PASSWORD)).status).toBe(200);
    expect((await admin.patchCurrent(`/api/users/${carl.id}`, { loginMethod: 'pin_only' })).status).toBe(200);
    const res = await new TestClient(t).login('carl', STAFF_PASSWORD);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
  });

  it('returns 400 bad_request when a "PIN only" user is created with a password', async ({ admin }) => {
    const res = await admin.post('/api/users', {
      ...newUserBody({ username: 'pia', loginMethod: 'pin_only', pin: '31415' }),
      password: STAFF_PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'password' } });
  });

  it('returns 400 bad_request for an empty password', async ({ t, admin: _admin }) => {
    const res = await new TestClient(t).post('/api/auth/login', { username: 'ada', password: '' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'password' } });
  });

  it('returns 401 and writes login.password_failed for a known user', async ({ t, admin }) => {
    await createUser(admin, { username: 'carl' });
    await new TestClient(t).login('carl', 'wrong password');
    expect((await auditTypes(t)).filter((x) => x === 'login.password_failed')).toHaveLength(1);
  });
});

describe('password failure limit', () => {
  it('returns 429 rate_limited after 10 failures in 15 minutes, even for the right password, until the window ends', async ({
    t,
    admin,
  }) => {
    for (let i = 0; i < 10; i++) {
      const res = await new TestClient(t).login('ada', `wrong password ${i}`);
      expect(res.status, `attempt ${i + 1}`).toBe(401);
      t.clock.advance(30_000);
    }
    const blocked = await new TestClient(t).login('ada', DEFAULT_SETUP.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: { code: 'rate_limited' } });
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.headers.get('set-cookie')).toBeNull();

    // Another username is not held up.
    await createUser(admin, { username: 'carl' });
    expect((await new TestClient(t).login('carl', STAFF_PASSWORD)).status).toBe(200);

    t.clock.advance(retryAfter * 1000);
    expect((await new TestClient(t).login('ada', DEFAULT_SETUP.password)).status).toBe(200);
  });

  it('returns 401 to at most 10 of a burst of parallel wrong passwords, and 429 to the rest', async ({
    t,
    admin: _admin,
  }) => {
    const replies = await Promise.all(
      Array.from({ length: 25 }, (_, i) => new TestClient(t).login('ada', `parallel guess ${i}`)),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    expect((await auditTypes(t)).filter((x) => x === 'login.password_failed')).toHaveLength(10);
    expect((await new TestClient(t).login('ada', DEFAULT_SETUP.password)).status).toBe(429);
  });

  it('returns 200 to many right passwords in a row: only failures count', async ({ t, admin: _admin }) => {
    for (let i = 0; i < 12; i++) {
      expect((await new TestClient(t).login('ada', DEFAULT_SETUP.password)).status, `login ${i + 1}`).toBe(
        200,
      );
    }
    for (let i = 0; i < 9; i++) expect((await new TestClient(t).login('ada', 'wrong')).status).toBe(401);
    expect((await new TestClient(t).login('ada', DEFAULT_SETUP.password)).status).toBe(200);
  });

  it('returns 429 rate_limited after 10 failures for an unknown username too', async ({ t }) => {
    for (let i = 0; i < 10; i++) expect((await new TestClient(t).login('ghost', 'guess')).status).toBe(401);
    const res = await new TestClient(t).login('ghost', 'guess');
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('returns 401, not 429, for the 10th failure', async ({ t, admin: _admin }) => {
    for (let i = 0; i < 9; i++) await new TestClient(t).login('ada', 'wrong');
    expect((await new TestClient(t).login('ada', 'wrong')).status).toBe(401);
    expect((await new TestClient(t).login('ada', 'wrong')).status).toBe(429);
  });
});
