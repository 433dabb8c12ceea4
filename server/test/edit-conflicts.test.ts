import { randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import type { DeviceJSON, PinLoginSettingsJSON, UserJSON } from '@tapin/shared';
import { updateUser } from '../src/users/user-repository.js';
import { auditTypes, snapshotDatabase } from './support/database.js';
import { CARA_PIN, test } from './support/fixtures.js';
import type { TestApp } from './support/test-app.js';
import type { TestClient } from './support/test-client.js';
import type { TestDevice } from './support/test-device.js';
import { createUser, loginAs } from './support/users.js';

/** Ben, a second admin, logged in with a password in a browser of his own. */
const it = test.extend('ben', async ({ t, admin }) => {
  await createUser(admin, { username: 'ben', name: 'Ben Admin', role: 'admin' });
  return loginAs(t, 'ben');
});

type Versioned = 'users' | 'devices' | 'organisations';

async function versionOf(t: TestApp, table: Versioned, id?: string): Promise<number> {
  let q = t.deps.database.db.selectFrom(table).select('version');
  if (id) q = q.where('id', '=', id);
  return (await q.executeTakeFirstOrThrow()).version;
}

const CONFLICT = { error: { code: 'edited_elsewhere' } };

describe('two admins editing one user', () => {
  it('returns 409 edited_elsewhere to a save from a form loaded before the last save, and writes nothing', async ({
    t,
    admin,
    ben,
  }) => {
    const carl = await createUser(admin, { username: 'carl' });
    expect(carl.version).toBe(1);
    const first = await admin.patch<{ user: UserJSON }>(`/api/users/${carl.id}`, {
      version: carl.version,
      name: 'Carl First',
    });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ name: 'Carl First', version: 2 });

    const before = await snapshotDatabase(t);
    const second = await ben.patch(`/api/users/${carl.id}`, {
      version: carl.version,
      name: 'Carl Second',
      role: 'manager',
      password: 'a stale new password',
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      error: {
        code: 'edited_elsewhere',
        message: 'This user was changed by someone else since you opened it.',
      },
    });
    expect(await snapshotDatabase(t)).toEqual(before);
    // Reloading gives the first admin's values and the version to save with.
    const reloaded = await ben.get<{ user: UserJSON }>(`/api/users/${carl.id}`);
    expect(reloaded.body.user).toMatchObject({ name: 'Carl First', role: 'cashier', version: 2 });
    const again = await ben.patch(`/api/users/${carl.id}`, { version: 2, name: 'Carl Second' });
    expect(again.status).toBe(200);
  });

  it('returns 400 bad_request to a save without a version, or with one that is not a positive whole number', async ({
    admin,
  }) => {
    const carl = await createUser(admin, { username: 'carl' });
    for (const version of [undefined, 0, -1, 1.5, '1', 2 ** 31, null]) {
      const res = await admin.patch(`/api/users/${carl.id}`, { version, name: 'Carl' });
      expect(res.status, String(version)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request' } });
    }
    // A version alone changes nothing, and says so.
    expect((await admin.patch(`/api/users/${carl.id}`, { version: 1 })).status).toBe(400);
  });

  it('returns 200 to exactly one of two saves of the same version made at once', async ({
    t,
    admin,
    ben,
  }) => {
    const carl = await createUser(admin, { username: 'carl', loginMethod: 'password_and_pin', pin: '24680' });
    const saves = await Promise.all([
      admin.patch<{ user: UserJSON }>(`/api/users/${carl.id}`, { version: 1, role: 'manager' }),
      ben.patch<{ user: UserJSON }>(`/api/users/${carl.id}`, { version: 1, loginMethod: 'password' }),
    ]);
    expect(saves.map((s) => s.status).sort()).toEqual([200, 409]);
    const winner = saves.find((s) => s.status === 200);
    const now = (await admin.get<{ user: UserJSON }>(`/api/users/${carl.id}`)).body.user;
    expect(now).toEqual(winner?.body.user);
    expect(now.version).toBe(2);
    // Only the winner's change is in the audit log.
    const types = await auditTypes(t);
    expect(types.filter((x) => x === 'user.role_changed' || x === 'user.login_method_changed')).toHaveLength(
      1,
    );
  });

  it('checks the version in the UPDATE itself: a write waiting on another of the same version changes nothing', async ({
    t,
    admin,
  }) => {
    const carl = await createUser(admin, { username: 'carl' });
    const orgId = (
      await t.deps.database.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()
    ).id;
    const { db } = t.deps.database;
    let second: Promise<boolean> | undefined;
    await db.transaction().execute(async (trx) => {
      expect(await updateUser(trx, orgId, carl.id, 1, { name: 'First' })).toBe(true);
      // Outside the transaction: PostgreSQL makes it wait for the row, SQLite for the connection.
      second = updateUser(db, orgId, carl.id, 1, { name: 'Second' });
      const waited = await Promise.race([second, new Promise((r) => setTimeout(() => r('waiting'), 100))]);
      expect(waited).toBe('waiting');
    });
    expect(await second).toBe(false);
    const row = await db
      .selectFrom('users')
      .select(['name', 'version'])
      .where('id', '=', carl.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'First', version: 2 });
  });
});

describe('two admins editing one device', () => {
  it('returns 409 edited_elsewhere to Edit name, Revoke and Unlock from a stale list, and writes nothing', async ({
    t,
    admin,
    ben,
    device,
  }) => {
    const seen = (await ben.get<{ devices: DeviceJSON[] }>('/api/devices')).body.devices[0];
    expect(seen?.version).toBe(1);
    const renamed = await admin.patch<{ device: DeviceJSON }>(`/api/devices/${device.id}`, {
      version: 1,
      name: 'Front till',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.device).toMatchObject({ name: 'Front till', version: 2 });

    const before = await snapshotDatabase(t);
    for (const [method, path, body] of [
      ['PATCH', `/api/devices/${device.id}`, { version: 1, name: 'Back till' }],
      ['POST', `/api/devices/${device.id}/revoke`, { version: 1 }],
      ['POST', `/api/devices/${device.id}/unlock`, { version: 1 }],
    ] as const) {
      const res = await ben.call(method, path, body);
      expect(res.status, path).toBe(409);
      expect(res.body).toMatchObject({
        error: {
          code: 'edited_elsewhere',
          message: 'This device was changed by someone else since you opened it.',
        },
      });
    }
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('returns 200 to exactly one of two renames of the same version made at once', async ({
    admin,
    ben,
    device,
  }) => {
    const saves = await Promise.all([
      admin.patch(`/api/devices/${device.id}`, { version: 1, name: 'Till A' }),
      ben.patch(`/api/devices/${device.id}`, { version: 1, name: 'Till B' }),
    ]);
    expect(saves.map((s) => s.status).sort()).toEqual([200, 409]);
    const now = (await admin.get<{ device: DeviceJSON }>(`/api/devices/${device.id}`)).body.device;
    expect(now.name).toBe(saves[0]?.status === 200 ? 'Till A' : 'Till B');
    expect(now.version).toBe(2);
  });
});

describe('two admins changing the organisation settings', () => {
  it('returns 409 edited_elsewhere to Activate, Deactivate and the settings form from stale settings', async ({
    t,
    admin,
    ben,
  }) => {
    const seen = (await ben.get<PinLoginSettingsJSON>('/api/organisation/pin-login')).body;
    const on = await admin.post<PinLoginSettingsJSON>('/api/organisation/pin-login/activate', {
      version: seen.version,
    });
    expect(on.body).toMatchObject({ active: true, version: seen.version + 1 });

    const before = await snapshotDatabase(t);
    for (const [path, body] of [
      ['/api/organisation/pin-login/activate', { version: seen.version }],
      ['/api/organisation/pin-login/deactivate', { version: seen.version }],
    ] as const) {
      const res = await ben.post(path, body);
      expect(res.status, path).toBe(409);
      expect(res.body).toMatchObject({
        error: {
          code: 'edited_elsewhere',
          message: 'These settings were changed by someone else since you opened them.',
        },
      });
    }
    const form = await ben.patch('/api/organisation/pin-login', {
      version: seen.version,
      idleLockMinutes: 3,
    });
    expect(form.status).toBe(409);
    expect(form.body).toMatchObject(CONFLICT);
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('returns 200 to exactly one of two saves of the same version made at once', async ({
    t,
    admin,
    ben,
  }) => {
    const saves = await Promise.all([
      admin.patch('/api/organisation/pin-login', { version: 1, idleLockMinutes: 3 }),
      ben.patch('/api/organisation/pin-login', { version: 1, offlineGraceMinutes: 0 }),
    ]);
    expect(saves.map((s) => s.status).sort()).toEqual([200, 409]);
    expect(await versionOf(t, 'organisations')).toBe(2);
    expect((await auditTypes(t)).filter((x) => x === 'settings.changed')).toHaveLength(1);
  });
});

/** A write path: what it does, and which row it must count. */
interface WritePath {
  name: string;
  row: (f: { t: TestApp; device: TestDevice; caraId: string }) => [Versioned, string | undefined];
  write: (f: { t: TestApp; admin: TestClient; device: TestDevice; caraId: string }) => Promise<void>;
}

async function ok(res: Promise<{ status: number; text: string }>): Promise<void> {
  const r = await res;
  expect(r.status, r.text).toBeLessThan(300);
}

const cara = ({ caraId }: { caraId: string }): [Versioned, string] => ['users', caraId];
const till = ({ device }: { device: TestDevice }): [Versioned, string] => ['devices', device.id];
const org = (): [Versioned, undefined] => ['organisations', undefined];

async function lockByWrongPins(t: TestApp, device: TestDevice): Promise<void> {
  for (let failures = 0; failures < 10; failures++) {
    if (failures >= 3) t.clock.advance(2 ** (failures - 3) * 1000);
    expect((await device.pinLogin('99999')).status).toBe(401);
  }
}

const WRITE_PATHS: WritePath[] = [
  {
    name: 'a new name',
    row: cara,
    write: (f) => ok(f.admin.patchCurrent(`/api/users/${f.caraId}`, { name: 'C' })),
  },
  {
    name: 'a new username',
    row: cara,
    write: (f) => ok(f.admin.patchCurrent(`/api/users/${f.caraId}`, { username: 'cara2' })),
  },
  {
    name: 'a new role',
    row: cara,
    write: (f) => ok(f.admin.patchCurrent(`/api/users/${f.caraId}`, { role: 'manager' })),
  },
  {
    name: 'a new login method',
    row: cara,
    write: (f) =>
      ok(
        f.admin.patchCurrent(`/api/users/${f.caraId}`, {
          loginMethod: 'password',
          password: 'cara password',
        }),
      ),
  },
  {
    name: 'a new PIN',
    row: cara,
    write: (f) => ok(f.admin.patchCurrent(`/api/users/${f.caraId}`, { pin: '97531' })),
  },
  {
    name: 'the PIN moved to a rotated pepper at login',
    row: cara,
    write: async ({ t, device }) => {
      t.deps.secrets.previousPinPepper = t.deps.secrets.pinPepper;
      t.deps.secrets.pinPepper = randomBytes(32);
      expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    },
  },
  {
    name: 'Edit name',
    row: till,
    write: (f) => ok(f.admin.patchCurrent(`/api/devices/${f.device.id}`, { name: 'Till 2' })),
  },
  { name: 'Revoke', row: till, write: (f) => ok(f.admin.postCurrent(`/api/devices/${f.device.id}/revoke`)) },
  {
    name: 'a lock after wrong PINs',
    row: till,
    write: ({ t, device }) => lockByWrongPins(t, device),
  },
  {
    name: 'Unlock',
    row: till,
    write: async ({ t, admin, device }) => {
      await lockByWrongPins(t, device);
      await admin.login('ada', 'correct horse battery');
      const locked = await versionOf(t, 'devices', device.id);
      await ok(admin.postCurrent(`/api/devices/${device.id}/unlock`));
      expect(await versionOf(t, 'devices', device.id)).toBe(locked + 1);
    },
  },
  { name: 'approving it again', row: till, write: async (f) => void (await f.device.approveWith(f.admin)) },
  {
    name: 'Deactivate',
    row: org,
    write: (f) => ok(f.admin.postCurrent('/api/organisation/pin-login/deactivate')),
  },
  {
    name: 'the register settings',
    row: org,
    write: (f) => ok(f.admin.patchCurrent('/api/organisation/pin-login', { idleLockMinutes: 7 })),
  },
  {
    name: 'the passkey requirement',
    row: org,
    write: (f) => ok(f.admin.patchCurrent('/api/organisation/pin-login', { requirePasskey: true })),
  },
];

describe('every write counts', () => {
  it.for(WRITE_PATHS)(
    'moves the version on with $name, so a form loaded before it gets 409 edited_elsewhere',
    async (path, { t, admin, device, cara: caraUser }) => {
      const f = { t, admin, device, caraId: caraUser.id };
      const [table, id] = path.row(f);
      const before = await versionOf(t, table, id);
      await path.write(f);
      expect(await versionOf(t, table, id)).toBeGreaterThan(before);
      const stale =
        table === 'users'
          ? await admin.patch(`/api/users/${caraUser.id}`, { version: before, name: 'Stale' })
          : table === 'devices'
            ? await admin.patch(`/api/devices/${device.id}`, { version: before, name: 'Stale' })
            : await admin.patch('/api/organisation/pin-login', { version: before, idleLockMinutes: 9 });
      expect(stale.status, stale.text).toBe(409);
      expect(stale.body).toMatchObject(CONFLICT);
    },
  );

  it('leaves the version alone for the PIN logins of a register, right or wrong, and for Activate when already active', async ({
    t,
    admin,
    device,
    cara: caraUser,
  }) => {
    const versions = async () => [
      await versionOf(t, 'users', caraUser.id),
      await versionOf(t, 'devices', device.id),
      await versionOf(t, 'organisations'),
    ];
    const before = await versions();
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    expect((await device.pinLogin('99999')).status).toBe(401);
    const settings = (await admin.get<PinLoginSettingsJSON>('/api/organisation/pin-login')).body;
    expect(
      (await admin.post('/api/organisation/pin-login/activate', { version: settings.version })).status,
    ).toBe(200);
    expect(await versions()).toEqual(before);
    // The Edit name dialog opened before those logins still saves.
    expect(
      (await admin.patch(`/api/devices/${device.id}`, { version: before[1], name: 'Till 3' })).status,
    ).toBe(200);
  });
});
