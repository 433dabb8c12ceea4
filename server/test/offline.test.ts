import { randomBytes } from 'node:crypto';
import { importJWK, jwtVerify } from 'jose';
import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import {
  IDEMPOTENCY_KEY_MAX,
  OfflineRosterClaims,
  type AuditPageJSON,
  type DeviceDetailsJSON,
  type OfflineRosterJSON,
  type OfflineSessionEntry,
  type OfflineUploadResultJSON,
  type SigningKeyJSON,
} from '@tapin/shared';
import * as offlineGrants from '../src/db/migrations/003-offline-grants.js';
import { CARA_PIN, test as base } from './support/fixtures.js';
import type { TestApp } from './support/test-app.js';
import type { TestClient } from './support/test-client.js';
import type { TestDevice } from './support/test-device.js';
import { createUser } from './support/users.js';

/** Every test here runs on Ada's approved register, with Cara as its "PIN only" cashier. */
const it = base.extend('caraId', { auto: true }, async ({ cara }) => cara.id);

async function verifiedRoster(t: TestApp, client: TestClient) {
  const res = await client.get<OfflineRosterJSON>('/api/offline/roster');
  expect(res.status).toBe(200);
  const { body } = await client.get<SigningKeyJSON>('/api/offline/signing-key');
  const key = await importJWK({ ...body.jwk, alg: 'ES256' });
  const { payload } = await jwtVerify(res.body.roster, key, {
    issuer: 'tapin',
    audience: 'tapin:offline-roster',
    currentDate: new Date(t.clock.now()),
  });
  return OfflineRosterClaims.parse(payload);
}

async function upload(d: TestDevice, entries: OfflineSessionEntry[]) {
  const challenge = await d.client.post<{ challenge: string }>('/api/devices/challenge', {
    deviceId: d.id,
    purpose: 'offline-upload',
  });
  const proof = await d.sign({
    purpose: 'tapin:offline-upload',
    challenge: challenge.body.challenge,
    deviceId: d.id,
    entries,
  });
  return d.client.post<OfflineUploadResultJSON>('/api/offline/upload', { deviceId: d.id, proof });
}

function entry(userId: string, loginAt: number, logoutAt: number | null = null): OfflineSessionEntry {
  return {
    idempotencyKey: randomBytes(16).toString('base64url'),
    userId,
    loginAt: new Date(loginAt).toISOString(),
    logoutAt: logoutAt === null ? null : new Date(logoutAt).toISOString(),
  };
}

describe('offline roster', () => {
  it('returns 200 with a signed roster naming users who logged in online on this device within the grace period', async ({
    t,
    device,
    caraId,
  }) => {
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    const roster = await verifiedRoster(t, device.client);
    expect(roster.sub).toBe(device.id);
    expect(roster.users.map((u) => u.id)).toEqual([caraId]);
    expect(roster.users[0]?.until).toBe(t.clock.now() + 12 * 60 * 60_000);
    expect(roster.idleLockMinutes).toBe(15);
    expect(roster.serverTime).toBe(t.clock.now());
  });

  it('returns 200 with an empty roster when the grace period is 0', async ({ t, admin, device }) => {
    await admin.patchCurrent('/api/organisation/pin-login', { offlineGraceMinutes: 0 });
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    expect((await verifiedRoster(t, device.client)).users).toEqual([]);
  });

  it('returns 200 with a roster that leaves out users whose last login here is older than the grace period, or who lost PIN login', async ({
    t,
    admin,
    device,
    caraId,
  }) => {
    await admin.patchCurrent('/api/organisation/pin-login', { offlineGraceMinutes: 60 });
    await device.pinLogin(CARA_PIN);
    const dan = await admin.post<{ user: { id: string } }>('/api/users', {
      name: 'Dan',
      username: 'dan',
      role: 'cashier',
      loginMethod: 'password_and_pin',
      pin: '22222',
      password: 'a long password',
    });
    t.clock.advance(61 * 60_000);
    await admin.login('ada', 'correct horse battery');
    await device.pinLogin('22222');
    expect((await verifiedRoster(t, device.client)).users.map((u) => u.id)).toEqual([dan.body.user.id]);
    await admin.patchCurrent(`/api/users/${dan.body.user.id}`, { loginMethod: 'password' });
    await device.pinLogin(CARA_PIN);
    expect((await verifiedRoster(t, device.client)).users.map((u) => u.id)).toEqual([caraId]);
  });

  it('returns 403 for a web session, which belongs to no device', async ({ admin }) => {
    expect((await admin.get('/api/offline/roster')).status).toBe(403);
  });
});

/**
 * The register's online life before an outage: Cara logs in by PIN, the register fetches its
 * roster, and ten minutes later the shop is offline. Returns when the roster was issued.
 */
async function caraOnRoster(t: TestApp, device: TestDevice): Promise<number> {
  expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
  expect((await device.client.get('/api/offline/roster')).status).toBe(200);
  const issuedAt = t.clock.now();
  t.clock.advance(10 * 60_000);
  return issuedAt;
}

/** Uploads here come from a register whose roster named Cara. */
const withRoster = it.extend('rosterIssuedAt', { auto: true }, async ({ t, device }) =>
  caraOnRoster(t, device),
);

async function offlineSessions(admin: TestClient, device: TestDevice) {
  const details = await admin.get<DeviceDetailsJSON>(`/api/devices/${device.id}`);
  return details.body.sessions.filter((s) => s.offline);
}

describe('offline upload', () => {
  const it = withRoster;

  it('returns 200 and applies an upload exactly once, however often it is sent', async ({
    t,
    admin,
    device,
    caraId,
  }) => {
    const entries = [
      entry(caraId, t.clock.now() - 60_000, t.clock.now() - 30_000),
      entry(caraId, t.clock.now() - 10_000),
    ];
    const first = await upload(device, entries);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ applied: 2, duplicates: 0, rejected: 0 });
    const again = await upload(device, entries);
    expect(again.body).toEqual({ applied: 0, duplicates: 2, rejected: 0 });
    const sessions = await offlineSessions(admin, device);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]?.loginAt).toBe(entries[1]?.loginAt);
  });

  it('returns 200 and records a later logout of an uploaded offline session once', async ({
    t,
    admin,
    device,
    caraId,
  }) => {
    const open = entry(caraId, t.clock.now() - 60_000);
    await upload(device, [open]);
    const closed = { ...open, logoutAt: new Date(t.clock.now() - 1000).toISOString() };
    expect((await upload(device, [closed])).body).toEqual({ applied: 1, duplicates: 0, rejected: 0 });
    expect((await upload(device, [closed])).body).toEqual({ applied: 0, duplicates: 1, rejected: 0 });
    expect((await offlineSessions(admin, device)).map((s) => s.active)).toEqual([false]);
  });

  it('returns 200 with entries for unknown users and for times from the future rejected', async ({
    t,
    device,
    caraId,
  }) => {
    const res = await upload(device, [
      entry('nosuchuser123', t.clock.now() - 1000),
      entry(caraId, t.clock.now() + 60 * 60_000),
    ]);
    expect(res.body).toEqual({ applied: 0, duplicates: 0, rejected: 2 });
  });

  it('returns 200 with the entry rejected for a user of another organisation, and records no session', async ({
    t,
    admin,
    device,
    bakery,
    caraId,
  }) => {
    const bob = await createUser(bakery, { username: 'bob', loginMethod: 'pin_only', pin: '77777' });
    const res = await upload(device, [
      entry(bob.id, t.clock.now() - 1000),
      entry(caraId, t.clock.now() - 1000),
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ applied: 1, duplicates: 0, rejected: 1 });
    expect((await offlineSessions(admin, device)).map((s) => s.user?.id)).toEqual([caraId]);
  });

  it('returns 403 for a replayed upload proof', async ({ t, device, caraId }) => {
    const challenge = await device.client.post<{ challenge: string }>('/api/devices/challenge', {
      deviceId: device.id,
      purpose: 'offline-upload',
    });
    const proof = await device.sign({
      purpose: 'tapin:offline-upload',
      challenge: challenge.body.challenge,
      deviceId: device.id,
      entries: [entry(caraId, t.clock.now() - 1000)],
    });
    expect((await device.client.post('/api/offline/upload', { deviceId: device.id, proof })).status).toBe(
      200,
    );
    const replay = await device.client.post('/api/offline/upload', { deviceId: device.id, proof });
    expect(replay.status).toBe(403);
    expect(replay.body).toMatchObject({ error: { code: 'offline_upload_refused' } });
  });

  it('returns 403 for a PIN login challenge used for an upload', async ({ t, device, caraId }) => {
    const challenge = await device.challenge();
    const proof = await device.sign({
      purpose: 'tapin:offline-upload',
      challenge,
      deviceId: device.id,
      entries: [entry(caraId, t.clock.now() - 1000)],
    });
    expect((await device.client.post('/api/offline/upload', { deviceId: device.id, proof })).status).toBe(
      403,
    );
  });

  it('returns 403 and audits uploads from a revoked or a deleted device', async ({
    t,
    admin,
    device,
    caraId,
  }) => {
    await admin.postCurrent(`/api/devices/${device.id}/revoke`);
    const revoked = await upload(device, [entry(caraId, t.clock.now() - 1000)]);
    expect(revoked.status).toBe(403);
    await admin.delete(`/api/devices/${device.id}`);
    const deleted = await upload(device, [entry(caraId, t.clock.now() - 1000)]);
    expect(deleted.status).toBe(403);
    const rows = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['type', 'detail'])
      .where('type', '=', 'offline.upload_refused')
      .execute();
    expect(rows.map((r) => JSON.parse(r.detail) as { reason: string })).toEqual(
      expect.arrayContaining([{ reason: 'revoked' }, { reason: 'deleted' }]),
    );
    const sessions = await t.deps.database.db
      .selectFrom('sessions')
      .select('id')
      .where('offline', '=', 1)
      .execute();
    expect(sessions).toHaveLength(0);
  });
});

/** The audit events of refused offline entries, with the user they named. */
async function refusedEntries(t: TestApp) {
  const rows = await t.deps.database.db
    .selectFrom('audit_events')
    .select(['target_user_id', 'device_id', 'detail'])
    .where('type', '=', 'offline.upload_refused')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

describe('offline upload: only what a roster allowed', () => {
  it('returns 200 with the entry refused and audited for an admin who never logged in on this device', async ({
    t,
    admin,
    adminId,
    device,
  }) => {
    await caraOnRoster(t, device);
    const forged = entry(adminId, t.clock.now() - 60_000);
    const res = await upload(device, [forged]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ applied: 0, duplicates: 0, rejected: 1 });
    expect(await offlineSessions(admin, device)).toEqual([]);
    expect(await refusedEntries(t)).toEqual([
      {
        target_user_id: adminId,
        device_id: device.id,
        detail: { reason: 'not_on_roster', loginAt: forged.loginAt },
      },
    ]);
    // An admin sees it in My account > Audit log.
    const log = await admin.get<AuditPageJSON>('/api/audit');
    expect(log.body.events[0]).toMatchObject({
      type: 'offline.upload_refused',
      target: { id: adminId, name: 'Ada Admin' },
      device: { id: device.id, name: 'Till 1' },
    });
  });

  it('returns 200 with the entry refused for a user who logged in online here but was never on a roster', async ({
    t,
    device,
    cara,
  }) => {
    expect((await device.pinLogin(CARA_PIN)).status).toBe(200);
    const res = await upload(device, [entry(cara.id, t.clock.now() + 1000)]);
    expect(res.body).toEqual({ applied: 0, duplicates: 0, rejected: 1 });
  });

  it('returns 200 with logins before the roster (beyond the clock tolerance) or after its end refused', async ({
    t,
    admin,
    device,
    cara,
  }) => {
    const issuedAt = await caraOnRoster(t, device);
    const until = issuedAt + 12 * 60 * 60_000;
    t.clock.advance(12 * 60 * 60_000);
    const res = await upload(device, [
      entry(cara.id, issuedAt - 61_000),
      entry(cara.id, issuedAt - 59_000),
      entry(cara.id, until),
      entry(cara.id, until + 1),
    ]);
    expect(res.body).toEqual({ applied: 2, duplicates: 0, rejected: 2 });
    await admin.login('ada', 'correct horse battery');
    const logins = (await offlineSessions(admin, device)).map((s) => Date.parse(s.loginAt));
    expect(logins).toEqual([until, issuedAt - 59_000]);
  });

  it('returns 200 and honours every roster issued, but not the gap between two of them', async ({
    t,
    device,
    cara,
  }) => {
    const firstRoster = await caraOnRoster(t, device);
    // Eleven hours on, Cara logs in online again: the next roster reaches further.
    t.clock.advance(11 * 60 * 60_000);
    const secondRoster = await caraOnRoster(t, device);
    const secondEnd = secondRoster - 10 * 60_000 + 12 * 60 * 60_000;
    // A day after that, a third stretch begins; between the two, Cara was on no roster here.
    t.clock.t = secondEnd + 24 * 60 * 60_000;
    const thirdRoster = await caraOnRoster(t, device);
    const res = await upload(device, [
      entry(cara.id, firstRoster + 60_000),
      entry(cara.id, secondEnd - 60_000),
      entry(cara.id, secondEnd + 60 * 60_000),
      entry(cara.id, thirdRoster + 60_000),
    ]);
    expect(res.body).toEqual({ applied: 3, duplicates: 0, rejected: 1 });
    const grants = await t.deps.database.db.selectFrom('offline_grants').selectAll().execute();
    expect(grants).toHaveLength(2);
  });

  it('returns 200 with the entry refused once the user was deleted, and nothing left of the grant', async ({
    t,
    admin,
    device,
    cara,
  }) => {
    await caraOnRoster(t, device);
    expect((await admin.delete(`/api/users/${cara.id}`)).status).toBe(200);
    const res = await upload(device, [entry(cara.id, t.clock.now() - 60_000)]);
    expect(res.body).toEqual({ applied: 0, duplicates: 0, rejected: 1 });
    expect(await refusedEntries(t)).toMatchObject([{ target_user_id: null }]);
    expect(await t.deps.database.db.selectFrom('offline_grants').selectAll().execute()).toEqual([]);
  });
});

describe('offline upload: one batch, one transaction', () => {
  const it = withRoster;

  /** Makes the database refuse to store a session that starts at `loginAt`, as a fault would. */
  async function failInsertAt(t: TestApp, loginAt: number) {
    const { db, kind } = t.deps.database;
    if (kind === 'sqlite') {
      await sql
        .raw(
          `create trigger fail_insert before insert on sessions when new.created_at = ${loginAt} ` +
            `begin select raise(abort, 'simulated fault'); end`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `create function fail_insert() returns trigger language plpgsql as $$ begin ` +
            `if new.created_at = ${loginAt} then raise exception 'simulated fault'; end if; return new; end $$`,
        )
        .execute(db);
      await sql
        .raw(
          'create trigger fail_insert before insert on sessions for each row execute function fail_insert()',
        )
        .execute(db);
    }
  }

  it('returns 500 and keeps none of the batch when one entry cannot be written', async ({
    t,
    admin,
    device,
    caraId,
  }) => {
    const good = entry(caraId, t.clock.now() - 120_000);
    const bad = entry(caraId, t.clock.now() - 60_000);
    await failInsertAt(t, Date.parse(bad.loginAt));
    const res = await upload(device, [good, bad]);
    expect(res.status).toBe(500);
    expect(await offlineSessions(admin, device)).toEqual([]);
    // The register keeps its queue and sends the same batch again later; then it all counts.
    await sql
      .raw('drop trigger fail_insert' + (t.deps.database.kind === 'postgres' ? ' on sessions' : ''))
      .execute(t.deps.database.db);
    expect((await upload(device, [good, bad])).body).toEqual({ applied: 2, duplicates: 0, rejected: 0 });
  });

  it('returns 200 and keeps its own length for the longest idempotency key a register may send', async ({
    t,
    device,
    caraId,
  }) => {
    const longest = {
      ...entry(caraId, t.clock.now() - 60_000),
      idempotencyKey: 'k'.repeat(IDEMPOTENCY_KEY_MAX),
    };
    expect((await upload(device, [longest])).body).toEqual({ applied: 1, duplicates: 0, rejected: 0 });
    expect((await upload(device, [longest])).body).toEqual({ applied: 0, duplicates: 1, rejected: 0 });
    const keys = await t.deps.database.db
      .selectFrom('sessions')
      .select('idempotency_key')
      .where('offline', '=', 1)
      .execute();
    // Its column is varchar(100); a key longer than that is refused by PostgreSQL (a 500 before).
    expect(keys.map((k) => k.idempotency_key?.length)).toEqual([64]);
  });
});

describe('offline upload: sessions uploaded before idempotency keys were hashed', () => {
  it('returns 200 with a repeat counted as a duplicate after migration 003 re-keyed the stored session', async ({
    t,
    device,
    caraId,
  }) => {
    await caraOnRoster(t, device);
    const uploaded = entry(caraId, t.clock.now() - 30_000);
    expect((await upload(device, [uploaded])).body).toMatchObject({ applied: 1 });
    // Back to how 002 left it: the key as `<deviceId>:<key>`, and no grants table.
    const { db } = t.deps.database;
    await db
      .updateTable('sessions')
      .set({ idempotency_key: `${device.id}:${uploaded.idempotencyKey}` })
      .where('offline', '=', 1)
      .execute();
    await offlineGrants.down(db);
    await offlineGrants.up(db);
    // The register's next roster records its grant again; then the old entry is a repeat.
    expect((await device.client.get('/api/offline/roster')).status).toBe(200);
    expect((await upload(device, [uploaded])).body).toEqual({ applied: 0, duplicates: 1, rejected: 0 });
  });
});
