import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPageJSON, UserJSON } from '@tapin/shared';
import { createTestApp, type TestApp } from './test-app.js';
import { type TestClient, addOrganisation, setUpOrganisation } from './test-client.js';
import { TestDevice } from './test-device.js';
import { STAFF_PASSWORD, createUser, getUser, loginAs, sessionOf } from './fixtures.js';

let t: TestApp;
let shop: TestClient;
let bakery: TestClient;
let bakeryUser: UserJSON;
beforeEach(async () => {
  t = await createTestApp();
  shop = await setUpOrganisation(t);
  bakery = await addOrganisation(t, {
    organisationName: 'Bakery',
    name: 'Bea Admin',
    username: 'bea',
    password: 'another long password',
  });
  await createUser(shop, { username: 'sam', loginMethod: 'password_and_pin', pin: '12121' });
  bakeryUser = await createUser(bakery, { username: 'bob', loginMethod: 'password_and_pin', pin: '34343' });
});
afterEach(async () => {
  await t.close();
});

async function bakeryUserRow() {
  return t.deps.database.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', bakeryUser.id)
    .executeTakeFirstOrThrow();
}

describe("one organisation's admin and another organisation's users", () => {
  it("returns 200 with a list that holds only the admin's own organisation's users", async () => {
    const list = await shop.get<{ users: UserJSON[] }>('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.users.map((u) => u.username).sort()).toEqual(['ada', 'sam']);
    expect(list.text).not.toContain(bakeryUser.id);
    const theirs = await bakery.get<{ users: UserJSON[] }>('/api/users');
    expect(theirs.body.users.map((u) => u.username).sort()).toEqual(['bea', 'bob']);
  });

  it("returns 404 not_found for GET of another organisation's user", async () => {
    const res = await getUser(shop, bakeryUser.id);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it.each([
    { name: 'Hijacked' },
    { password: 'a password the shop chose' },
    { loginMethod: 'pin_only' },
    { pin: '56565' },
    { role: 'admin' },
  ])(
    "returns 404 not_found for PATCH %j of another organisation's user, who stays unchanged",
    async (body) => {
      const before = await bakeryUserRow();
      const res = await shop.patch(`/api/users/${bakeryUser.id}`, body);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: 'not_found' } });
      expect(await bakeryUserRow()).toEqual(before);
      const seen = await getUser(bakery, bakeryUser.id);
      expect(seen.body.user).toEqual(bakeryUser);
      await loginAs(t, 'bob', STAFF_PASSWORD);
    },
  );

  it("returns 404 not_found for DELETE of another organisation's user, who still exists", async () => {
    const res = await shop.delete(`/api/users/${bakeryUser.id}`, {});
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found' } });
    expect((await getUser(bakery, bakeryUser.id)).status).toBe(200);
  });

  it("returns 404 not_found for another organisation's admin too", async () => {
    const beaId = (await sessionOf(bakery)).user.id;
    expect((await getUser(shop, beaId)).status).toBe(404);
    expect((await shop.patch(`/api/users/${beaId}`, { password: 'taken over now' })).status).toBe(404);
    expect((await shop.delete(`/api/users/${beaId}`, {})).status).toBe(404);
    await loginAs(t, 'bea', 'another long password');
  });

  it("returns an audit log without the other organisation's events", async () => {
    const mine = await shop.get<AuditPageJSON>('/api/audit');
    expect(mine.status).toBe(200);
    const names = mine.body.events.flatMap((e) => [e.actor?.name, e.target?.name]);
    expect(names).not.toContain('Bea Admin');
    expect(names).not.toContain('Staff bob');
    expect(mine.text).not.toContain(bakeryUser.id);
  });

  it('keeps the settings of each organisation apart', async () => {
    expect((await shop.post('/api/organisation/pin-login/activate', {})).status).toBe(200);
    const theirs = await bakery.get<{ active: boolean }>('/api/organisation/pin-login');
    expect(theirs.body.active).toBe(false);
  });

  it("returns 404 not_found for another organisation's device", async () => {
    const device = await TestDevice.create(t);
    expect((await device.approveWith(bakery)).status).toBe(201);
    expect((await shop.get(`/api/devices/${device.id}`)).status).toBe(404);
    expect((await shop.post(`/api/devices/${device.id}/revoke`, {})).status).toBe(404);
    expect((await shop.delete(`/api/devices/${device.id}`, {})).status).toBe(404);
    const list = await shop.get<{ devices: unknown[] }>('/api/devices');
    expect(list.body.devices).toEqual([]);
    const theirs = await bakery.get<{ device: { status: string } }>(`/api/devices/${device.id}`);
    expect(theirs.body.device.status).toBe('approved');
  });
});
