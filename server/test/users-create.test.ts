import { describe, expect } from 'vitest';
import type { UserJSON } from '@tapin/shared';
import { snapshotDatabase } from './support/database.js';
import { it } from './support/fixtures.js';
import { STAFF_PASSWORD, countUsers, createUser, newUserBody } from './support/users.js';

describe('My account > Users: creating users', () => {
  it('returns 201 with hasPin true for a "Password and PIN" user, and the user is listed', async ({
    admin,
  }) => {
    const res = await admin.post<{ user: UserJSON }>(
      '/api/users',
      newUserBody({ username: 'carl', loginMethod: 'password_and_pin', pin: '27183' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      username: 'carl',
      role: 'cashier',
      loginMethod: 'password_and_pin',
      hasPin: true,
      hasPassword: true,
    });
    expect(res.body.user).not.toHaveProperty('pin');
    const list = await admin.get<{ users: UserJSON[] }>('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.users.map((u) => u.username).sort()).toEqual(['ada', 'carl']);
  });

  it('returns 201 for a "PIN only" user, who has a PIN and no password', async ({ admin }) => {
    const res = await admin.post<{ user: UserJSON }>(
      '/api/users',
      newUserBody({ username: 'pia', loginMethod: 'pin_only', pin: '31415' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ loginMethod: 'pin_only', hasPin: true, hasPassword: false });
  });

  it('returns 201 for a "Password" user, who has no PIN', async ({ admin }) => {
    const user = await createUser(admin, { username: 'paul' });
    expect(user).toMatchObject({ loginMethod: 'password', hasPin: false, hasPassword: true });
  });

  it.for(['password_and_pin', 'pin_only'] as const)(
    'returns 400 bad_request with field pin when %s is chosen without a PIN',
    async (loginMethod, { t, admin }) => {
      const before = await countUsers(t);
      const res = await admin.post('/api/users', newUserBody({ username: 'nopin', loginMethod }));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
      expect(await countUsers(t)).toBe(before);
    },
  );

  it('returns 400 bad_request with field pin when a PIN is given for the "Password" login method', async ({
    admin,
  }) => {
    const res = await admin.post('/api/users', newUserBody({ username: 'paul', pin: '12345' }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
  });

  it('returns 400 bad_request with field password when a "PIN only" user is given a password', async ({
    t,
    admin,
  }) => {
    const before = await countUsers(t);
    const res = await admin.post('/api/users', {
      ...newUserBody({ username: 'pia', loginMethod: 'pin_only', pin: '31415' }),
      password: STAFF_PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'password' } });
    expect(await countUsers(t)).toBe(before);
  });

  it('returns 400 bad_request with field password when a password login method has no password', async ({
    admin,
  }) => {
    const body = newUserBody({ username: 'paul' });
    delete body.password;
    const res = await admin.post('/api/users', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'password' } });
  });

  it('returns 409 username_taken for a username in use, whatever its case', async ({ t, admin }) => {
    await createUser(admin, { username: 'carl' });
    const before = await countUsers(t);
    const res = await admin.post('/api/users', newUserBody({ username: 'CARL' }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'username_taken', field: 'username' } });
    expect(await countUsers(t)).toBe(before);
  });
});

describe('My account > Users: the PIN is exactly 5 ASCII digits', () => {
  const badPins = [
    '1234',
    '123456',
    '001234',
    '12a45',
    ' 1234',
    '1234 ',
    '12 45',
    '١٢٣٤٥',
    '１２３４５',
    '۱۲۳۴۵',
    '-1234',
    '+1234',
    '12.45',
    '1e234',
    '',
  ];

  it.for(badPins)(
    'returns 400 bad_request with field pin when creating a user with PIN %j',
    async (pin, { t, admin }) => {
      const before = await snapshotDatabase(t);
      const res = await admin.post(
        '/api/users',
        newUserBody({ username: 'carl', loginMethod: 'password_and_pin', pin }),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
      expect(await snapshotDatabase(t)).toEqual(before);
    },
  );

  it.for(badPins)(
    'returns 400 bad_request with field pin when updating a user to PIN %j',
    async (pin, { t, admin }) => {
      const user = await createUser(admin, {
        username: 'carl',
        loginMethod: 'password_and_pin',
        pin: '24680',
      });
      const before = await snapshotDatabase(t);
      const res = await admin.patchCurrent(`/api/users/${user.id}`, { pin });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
      expect(await snapshotDatabase(t)).toEqual(before);
    },
  );

  it.for([[12345], [1234], [null], [true], [['12345']], [{ value: '12345' }]])(
    'returns 400 bad_request when the PIN is sent as %j instead of a string',
    async ([pin], { admin }) => {
      const res = await admin.post('/api/users', {
        ...newUserBody({ username: 'carl', loginMethod: 'pin_only' }),
        pin,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'pin' } });
    },
  );
});

describe('usernames of other organisations', () => {
  it("returns the same 409 username_taken for another organisation's username as for one's own, 10 times per 15 minutes, then 429", async ({
    t,
    bakery,
  }) => {
    const own = await bakery.post('/api/users', newUserBody({ username: 'bea' }));
    const theirs = await bakery.post('/api/users', newUserBody({ username: 'ada' }));
    expect(theirs.status).toBe(409);
    expect(theirs.body).toEqual(own.body);
    for (let i = 2; i < 10; i++) {
      expect((await bakery.post('/api/users', newUserBody({ username: 'ada' }))).status).toBe(409);
    }
    const blocked = await bakery.post('/api/users', newUserBody({ username: 'ada' }));
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: { code: 'rate_limited', field: 'username' } });
    const rows = await t.deps.database.db
      .selectFrom('audit_events')
      .innerJoin('organisations', 'organisations.id', 'audit_events.organisation_id')
      .select(['organisations.name', 'audit_events.type'])
      .where('audit_events.type', '=', 'user.username_conflict')
      .execute();
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.name === 'Bakery')).toBe(true);
    // A free username is not counted: the window still lets the actor add staff afterwards.
    t.clock.advance(15 * 60 * 1000);
    expect((await bakery.post('/api/users', newUserBody({ username: 'bruno' }))).status).toBe(201);
  });

  it('returns 200 to a rename that keeps the username, without spending an answer', async ({ admin }) => {
    const carl = await createUser(admin, { username: 'carl' });
    for (let i = 0; i < 12; i++) {
      expect(
        (await admin.patchCurrent(`/api/users/${carl.id}`, { username: 'carl', name: `Carl ${i}` })).status,
      ).toBe(200);
    }
  });
});
