import { describe, expect } from 'vitest';
import type { AuditPageJSON, PinLoginSettingsJSON, UserJSON } from '@tapin/shared';
import { BAKERY_SETUP, test } from './support/fixtures.js';
import type { TestApp } from './support/test-app.js';
import { TestDevice } from './support/test-device.js';
import { STAFF_PASSWORD, createUser, getUser, loginAs, sessionOf } from './support/users.js';

/** Two organisations: Ada's admin with Sam, and the bakery with Bob (`bakeryUser`). */
const it = test.extend('bakeryUser', { auto: true }, async ({ admin, bakery }) => {
  await createUser(admin, { username: 'sam', loginMethod: 'password_and_pin', pin: '12121' });
  return createUser(bakery, { username: 'bob', loginMethod: 'password_and_pin', pin: '34343' });
});

async function userRow(t: TestApp, id: string) {
  return t.deps.database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe("one organisation's admin and another organisation's users", () => {
  it("returns 200 with a list that holds only the admin's own organisation's users", async ({
    admin,
    bakery,
    bakeryUser,
  }) => {
    const list = await admin.get<{ users: UserJSON[] }>('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.users.map((u) => u.username).sort()).toEqual(['ada', 'sam']);
    expect(list.text).not.toContain(bakeryUser.id);
    const theirs = await bakery.get<{ users: UserJSON[] }>('/api/users');
    expect(theirs.body.users.map((u) => u.username).sort()).toEqual(['bea', 'bob']);
  });

  it("returns 404 not_found for GET of another organisation's user", async ({ admin, bakeryUser }) => {
    const res = await getUser(admin, bakeryUser.id);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it.for([
    { name: 'Hijacked' },
    { password: 'a password the shop chose' },
    { loginMethod: 'pin_only' },
    { pin: '56565' },
    { role: 'admin' },
  ])(
    "returns 404 not_found for PATCH %j of another organisation's user, who stays unchanged",
    async (body, { t, admin, bakery, bakeryUser }) => {
      const before = await userRow(t, bakeryUser.id);
      const res = await admin.patchCurrent(`/api/users/${bakeryUser.id}`, body);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: 'not_found' } });
      expect(await userRow(t, bakeryUser.id)).toEqual(before);
      const seen = await getUser(bakery, bakeryUser.id);
      expect(seen.body.user).toEqual(bakeryUser);
      await loginAs(t, 'bob', STAFF_PASSWORD);
    },
  );

  it("returns 404 not_found for DELETE of another organisation's user, who still exists", async ({
    admin,
    bakery,
    bakeryUser,
  }) => {
    const res = await admin.delete(`/api/users/${bakeryUser.id}`, {});
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found' } });
    expect((await getUser(bakery, bakeryUser.id)).status).toBe(200);
  });

  it("returns 404 not_found for another organisation's admin too", async ({ t, admin, bakery }) => {
    const beaId = (await sessionOf(bakery)).user.id;
    expect((await getUser(admin, beaId)).status).toBe(404);
    expect((await admin.patchCurrent(`/api/users/${beaId}`, { password: 'taken over now' })).status).toBe(
      404,
    );
    expect((await admin.delete(`/api/users/${beaId}`, {})).status).toBe(404);
    await loginAs(t, 'bea', BAKERY_SETUP.password);
  });

  it("returns 200 with an audit log without the other organisation's events", async ({
    admin,
    bakeryUser,
  }) => {
    const mine = await admin.get<AuditPageJSON>('/api/audit');
    expect(mine.status).toBe(200);
    const names = mine.body.events.flatMap((e) => [e.actor?.name, e.target?.name]);
    expect(names).not.toContain('Bea Admin');
    expect(names).not.toContain('Staff bob');
    expect(mine.text).not.toContain(bakeryUser.id);
  });

  it("returns 200 to Activate, which leaves another organisation's PIN login inactive", async ({
    admin,
    bakery,
  }) => {
    expect((await admin.postCurrent('/api/organisation/pin-login/activate', {})).status).toBe(200);
    const theirs = await bakery.get<{ active: boolean }>('/api/organisation/pin-login');
    expect(theirs.body.active).toBe(false);
  });

  it("returns 200 to a settings change that leaves another organisation's settings as they were", async ({
    admin,
    bakery,
  }) => {
    const before = await bakery.get<PinLoginSettingsJSON>('/api/organisation/pin-login');
    const res = await admin.patchCurrent<PinLoginSettingsJSON>('/api/organisation/pin-login', {
      offlineGraceMinutes: 0,
      idleLockMinutes: 5,
      requirePasskey: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ offlineGraceMinutes: 0, idleLockMinutes: 5, requirePasskey: true });
    expect((await bakery.get('/api/organisation/pin-login')).body).toEqual(before.body);
  });

  it("returns 404 not_found for another organisation's device", async ({ t, admin, bakery }) => {
    const device = await TestDevice.create(t);
    expect((await device.approveWith(bakery)).status).toBe(201);
    expect((await admin.get(`/api/devices/${device.id}`)).status).toBe(404);
    expect((await admin.postCurrent(`/api/devices/${device.id}/revoke`, {})).status).toBe(404);
    expect((await admin.delete(`/api/devices/${device.id}`, {})).status).toBe(404);
    const list = await admin.get<{ devices: unknown[] }>('/api/devices');
    expect(list.body.devices).toEqual([]);
    const theirs = await bakery.get<{ device: { status: string } }>(`/api/devices/${device.id}`);
    expect(theirs.body.device.status).toBe('approved');
  });
});
