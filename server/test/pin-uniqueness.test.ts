import { describe, expect } from 'vitest';
import type { AuditPageJSON, UserJSON } from '@tapin/shared';
import { pinHmac } from '../src/pins/pin-hmac.js';
import { auditTypes, snapshotDatabase } from './support/database.js';
import { it } from './support/fixtures.js';
import type { TestApp } from './support/test-app.js';
import type { Reply, TestClient } from './support/test-client.js';
import { countUsers, createUser, getUser, loginAs, newUserBody, sessionOf } from './support/users.js';

async function usersWithPin(t: TestApp, admin: TestClient, pin: string): Promise<string[]> {
  const orgId = (await sessionOf(admin)).organisation.id;
  const rows = await t.deps.database.db
    .selectFrom('users')
    .select('username')
    .where('organisation_id', '=', orgId)
    .where('pin_hmac', '=', pinHmac(t.deps.secrets.pinPepper, orgId, pin))
    .execute();
  return rows.map((r) => r.username);
}

function expectOneWinner(replies: Reply[], okStatus: number): void {
  const statuses = replies.map((r) => r.status).sort();
  expect(statuses).toEqual([okStatus, 409].sort());
  const loser = replies.find((r) => r.status === 409);
  expect(loser?.body).toMatchObject({ error: { code: 'pin_taken', field: 'pin' } });
  expect(replies.every((r) => r.status < 500)).toBe(true);
}

describe('PIN uniqueness under concurrent saves', () => {
  it('returns one 200 and one 409 pin_taken when two users are given one PIN at the same moment (PATCH)', async ({
    t,
    admin,
  }) => {
    const a = await createUser(admin, { username: 'anna' });
    const b = await createUser(admin, { username: 'bert' });
    // Several rounds, each with a PIN of its own, to give a race every chance to show.
    for (const pin of ['40001', '40002', '40003', '40004', '40005']) {
      const replies = await Promise.all([
        admin.patchCurrent(`/api/users/${a.id}`, { loginMethod: 'password_and_pin', pin }),
        admin.patchCurrent(`/api/users/${b.id}`, { loginMethod: 'password_and_pin', pin }),
      ]);
      expectOneWinner(replies, 200);
      expect(await usersWithPin(t, admin, pin)).toHaveLength(1);
      // Reset both to no PIN for the next round.
      for (const u of [a, b]) {
        expect((await admin.patchCurrent(`/api/users/${u.id}`, { loginMethod: 'password' })).status).toBe(
          200,
        );
      }
      t.clock.advance(16 * 60 * 1000); // keep the conflict limit out of the way
    }
  });

  it('returns one 201 and one 409 pin_taken when two new users are created with one PIN at the same moment (POST)', async ({
    t,
    admin,
  }) => {
    const before = await countUsers(t);
    const replies = await Promise.all([
      admin.post('/api/users', newUserBody({ username: 'anna', loginMethod: 'pin_only', pin: '50505' })),
      admin.post('/api/users', newUserBody({ username: 'bert', loginMethod: 'pin_only', pin: '50505' })),
    ]);
    expectOneWinner(replies, 201);
    expect(await countUsers(t)).toBe(before + 1);
    expect(await usersWithPin(t, admin, '50505')).toHaveLength(1);
  });

  it('returns one 200 or 201 and one 409 pin_taken when a new user and an edited user race for one PIN', async ({
    t,
    admin,
  }) => {
    const a = await createUser(admin, { username: 'anna' });
    const before = await countUsers(t);
    const replies = await Promise.all([
      admin.patchCurrent(`/api/users/${a.id}`, { loginMethod: 'password_and_pin', pin: '60606' }),
      admin.post('/api/users', newUserBody({ username: 'bert', loginMethod: 'pin_only', pin: '60606' })),
    ]);
    const ok = replies.filter((r) => r.status === 200 || r.status === 201);
    const taken = replies.filter((r) => r.status === 409);
    expect(ok).toHaveLength(1);
    expect(taken).toHaveLength(1);
    expect(taken[0]?.body).toMatchObject({ error: { code: 'pin_taken', field: 'pin' } });
    expect(await usersWithPin(t, admin, '60606')).toHaveLength(1);
    expect(await countUsers(t)).toBe(before + (replies[1]?.status === 201 ? 1 : 0));
  });
});

describe('PIN with a leading zero', () => {
  it('returns hasPin true for 01234, 409 pin_taken for 01234 again, and 400 for 1234 and 001234', async ({
    t,
    admin,
  }) => {
    const anna = await createUser(admin, { username: 'anna', loginMethod: 'pin_only', pin: '01234' });
    expect(anna.hasPin).toBe(true);
    const read = await getUser(admin, anna.id);
    expect(read.status).toBe(200);
    expect(read.body.user).toMatchObject({ hasPin: true, loginMethod: 'pin_only' });

    // The stored value is the HMAC of all five characters, zero included.
    const orgId = (await sessionOf(admin)).organisation.id;
    const row = await t.deps.database.db
      .selectFrom('users')
      .select('pin_hmac')
      .where('id', '=', anna.id)
      .executeTakeFirstOrThrow();
    expect(row.pin_hmac).toBe(pinHmac(t.deps.secrets.pinPepper, orgId, '01234'));
    expect(row.pin_hmac).not.toBe(pinHmac(t.deps.secrets.pinPepper, orgId, '1234'));

    const bert = await createUser(admin, { username: 'bert' });
    const again = await admin.patchCurrent(`/api/users/${bert.id}`, {
      loginMethod: 'password_and_pin',
      pin: '01234',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'pin_taken', field: 'pin' } });
    const created = await admin.post(
      '/api/users',
      newUserBody({ username: 'cleo', loginMethod: 'pin_only', pin: '01234' }),
    );
    expect(created.status).toBe(409);
    expect(created.body).toMatchObject({ error: { code: 'pin_taken', field: 'pin' } });

    for (const pin of ['1234', '001234']) {
      const res = await admin.patchCurrent(`/api/users/${bert.id}`, { loginMethod: 'password_and_pin', pin });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
    }
    expect((await getUser(admin, bert.id)).body.user.hasPin).toBe(false);
    // 12340 is a different PIN from 01234, and is free.
    const other = await admin.patchCurrent(`/api/users/${bert.id}`, {
      loginMethod: 'password_and_pin',
      pin: '12340',
    });
    expect(other.status).toBe(200);
  });
});

describe('PIN conflicts', () => {
  it('returns 200 when a user is saved again with the PIN they already have', async ({ admin }) => {
    const anna = await createUser(admin, { username: 'anna', loginMethod: 'password_and_pin', pin: '24680' });
    const res = await admin.patchCurrent<{ user: UserJSON }>(`/api/users/${anna.id}`, { pin: '24680' });
    expect(res.status).toBe(200);
    expect(res.body.user.hasPin).toBe(true);
  });

  it('returns 409 pin_taken and writes a user.pin_conflict audit row, leaving the user unchanged', async ({
    t,
    admin,
  }) => {
    await createUser(admin, { username: 'anna', loginMethod: 'pin_only', pin: '24680' });
    const bert = await createUser(admin, { username: 'bert', loginMethod: 'password_and_pin', pin: '13579' });
    const beforeUsers = await t.deps.database.db.selectFrom('users').selectAll().orderBy('id').execute();
    const res = await admin.patchCurrent(`/api/users/${bert.id}`, { pin: '24680', name: 'Bert Renamed' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: { code: 'pin_taken', message: expect.any(String) as string, field: 'pin' },
    });
    expect(await t.deps.database.db.selectFrom('users').selectAll().orderBy('id').execute()).toEqual(
      beforeUsers,
    );
    const rows = await t.deps.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'user.pin_conflict')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor_user_id).toBe((await sessionOf(admin)).user.id);
    const log = await admin.get<AuditPageJSON>('/api/audit');
    expect(log.body.events.filter((e) => e.type === 'user.pin_conflict')).toHaveLength(1);
  });

  it('returns 429 rate_limited on the 6th PIN save after 5 conflicts in 15 minutes, even for a free PIN', async ({
    t,
    admin,
  }) => {
    await createUser(admin, { username: 'anna', loginMethod: 'pin_only', pin: '24680' });
    const bert = await createUser(admin, { username: 'bert', loginMethod: 'password_and_pin', pin: '13579' });
    for (let i = 0; i < 5; i++) {
      const res = await admin.patchCurrent(`/api/users/${bert.id}`, { pin: '24680' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: { code: 'pin_taken' } });
      t.clock.advance(60 * 1000);
    }
    expect((await auditTypes(t)).filter((x) => x === 'user.pin_conflict')).toHaveLength(5);

    const before = await snapshotDatabase(t);
    const free = await admin.patchCurrent(`/api/users/${bert.id}`, { pin: '97531' });
    expect(free.status).toBe(429);
    expect(free.body).toMatchObject({ error: { code: 'rate_limited', field: 'pin' } });
    expect(Number(free.headers.get('retry-after'))).toBeGreaterThan(0);
    const create = await admin.post(
      '/api/users',
      newUserBody({ username: 'cleo', loginMethod: 'pin_only', pin: '97531' }),
    );
    expect(create.status).toBe(429);
    expect(await snapshotDatabase(t)).toEqual(before);

    // Edits that set no PIN are not held up.
    expect((await admin.patchCurrent(`/api/users/${bert.id}`, { name: 'Bert B.' })).status).toBe(200);

    // The limit is per acting user: another admin still gets the plain answer.
    await createUser(admin, { username: 'otto', role: 'admin' });
    const otto = await loginAs(t, 'otto');
    const ottoTry = await otto.patchCurrent(`/api/users/${bert.id}`, { pin: '24680' });
    expect(ottoTry.status).toBe(409);

    // Past the 15-minute window the first admin may set PINs again.
    t.clock.advance(15 * 60 * 1000);
    await admin.get('/api/auth/session'); // keep the web session from idling out
    const later = await admin.patchCurrent<{ user: UserJSON }>(`/api/users/${bert.id}`, { pin: '97531' });
    expect(later.status).toBe(200);
    expect(await usersWithPin(t, admin, '97531')).toEqual(['bert']);
  });

  it('returns at most 5 pin_taken answers to a burst of parallel conflicting saves; the rest get 429', async ({
    t,
    admin,
  }) => {
    await createUser(admin, { username: 'anna', loginMethod: 'pin_only', pin: '24680' });
    const bert = await createUser(admin, { username: 'bert', loginMethod: 'password_and_pin', pin: '13579' });
    const replies = await Promise.all(
      Array.from({ length: 12 }, () => admin.patchCurrent(`/api/users/${bert.id}`, { pin: '24680' })),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect((await auditTypes(t)).filter((x) => x === 'user.pin_conflict')).toHaveLength(5);
    // The budget is spent: the next save is refused too.
    expect((await admin.patchCurrent(`/api/users/${bert.id}`, { pin: '97531' })).status).toBe(429);
  });

  it('returns 200 to many PIN saves in a row that do not conflict: only conflicts use the budget', async ({
    admin,
  }) => {
    const users = [];
    for (let i = 0; i < 8; i++) users.push(await createUser(admin, { username: `staff${i}` }));
    for (const [i, u] of users.entries()) {
      const res = await admin.patchCurrent(`/api/users/${u.id}`, {
        loginMethod: 'password_and_pin',
        pin: `7000${i}`,
      });
      expect(res.status, `save ${i + 1}`).toBe(200);
    }
    const created = await admin.post(
      '/api/users',
      newUserBody({ username: 'late', loginMethod: 'pin_only', pin: '70009' }),
    );
    expect(created.status).toBe(201);
  });

  it('returns 201 for a PIN another organisation uses, since a PIN is unique within one account', async ({
    admin,
    bakery,
  }) => {
    const other = bakery;
    await createUser(admin, { username: 'anna', loginMethod: 'pin_only', pin: '86420' });
    const res = await other.post(
      '/api/users',
      newUserBody({ username: 'bob', loginMethod: 'pin_only', pin: '86420' }),
    );
    expect(res.status).toBe(201);
  });
});
