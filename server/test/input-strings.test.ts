import { describe, expect } from 'vitest';
import { AuditPageJSON, LOGIN_INPUT_MAX, NAME_MAX, UserListJSON, type UserJSON } from '@tapin/shared';
import { recordAudit } from '../src/audit/record-audit.js';
import * as storableText from '../src/db/migrations/007-storable-text.js';
import { snapshotDatabase } from './support/database.js';
import { it } from './support/fixtures.js';
import { TestClient } from './support/test-client.js';
import { createUser, newUserBody, sessionOf } from './support/users.js';

/** Strings that JSON carries and no text column should hold. */
const UNSTORABLE = [
  ['a NUL', 'ca\u0000ra'],
  ['a lone high surrogate', 'ca\uD83Dra'],
  ['a lone low surrogate', 'ca\uDE00ra'],
] as const;

describe('strings no column can hold', () => {
  it.for(UNSTORABLE)(
    'returns 400 bad_request for a username with %s at login, before anyone is logged in',
    async ([, username], { t, admin: _admin }) => {
      const before = await snapshotDatabase(t);
      const res = await new TestClient(t).login(username, 'whatever it is');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'username' } });
      expect(await snapshotDatabase(t)).toEqual(before);
    },
  );

  it.for(UNSTORABLE)('returns 400 bad_request for a user name with %s', async ([, name], { t, admin }) => {
    const before = await snapshotDatabase(t);
    const res = await admin.post('/api/users', newUserBody({ name, username: 'cara' }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'name' } });
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it.for(UNSTORABLE)(
    'returns 400 bad_request for a device name with %s',
    async ([, name], { admin, device }) => {
      const res = await admin.patchCurrent(`/api/devices/${device.id}`, { name });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', field: 'name' } });
    },
  );

  it('returns 401 invalid_credentials for a validly signed PIN login proof whose challenge holds a NUL', async ({
    device,
  }) => {
    const res = await device.client.post('/api/pin-login', {
      deviceId: device.id,
      pin: '12345',
      proof: await device.proofFor('chal\u0000lenge'),
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'invalid_credentials' } });
  });

  it('returns 403 offline_upload_refused for a validly signed upload whose challenge holds a NUL', async ({
    device,
  }) => {
    const proof = await device.sign({
      purpose: 'tapin:offline-upload',
      challenge: 'chal\u0000lenge',
      deviceId: device.id,
      entries: [],
    });
    const res = await device.client.post('/api/offline/upload', { deviceId: device.id, proof });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'offline_upload_refused' } });
  });
});

describe('strings at their limits', () => {
  it(`returns 401, then 429 after 10 failures, for a username of ${LOGIN_INPUT_MAX} characters at login`, async ({
    t,
    admin: _admin,
  }) => {
    const username = 'u'.repeat(LOGIN_INPUT_MAX);
    for (let i = 0; i < 10; i++) expect((await new TestClient(t).login(username, 'not it')).status).toBe(401);
    expect((await new TestClient(t).login(username, 'not it')).status).toBe(429);
    // The counter's key is a fixed-size digest: it fits its varchar(200) and names nobody.
    const keys = await t.deps.database.db.selectFrom('rate_limits').select('key').execute();
    expect(keys.length).toBeGreaterThan(0);
    for (const { key } of keys) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(key).not.toContain('uuuu');
    }
  });

  it('returns 201 with the name stored in NFC, however the accents were typed', async ({ admin }) => {
    const decomposed = 'Zoe\u0308 Bj\u00f6rk'.normalize('NFD');
    const res = await admin.post<{ user: UserJSON }>(
      '/api/users',
      newUserBody({ name: decomposed, username: 'zoe' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.user.name).toBe('Zo\u00eb Bj\u00f6rk');
  });

  it(`returns 201 for a name of ${NAME_MAX} characters outside the Basic Multilingual Plane, and 400 for one more`, async ({
    admin,
  }) => {
    // Each is two UTF-16 code units and one character: the limit counts code units, so it holds.
    const half = '𝔄'.repeat(NAME_MAX / 2);
    const ok = await admin.post<{ user: UserJSON }>(
      '/api/users',
      newUserBody({ name: half, username: 'fraktur' }),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.user.name).toBe(half);
    const long = await admin.post(
      '/api/users',
      newUserBody({ name: 'é'.repeat(NAME_MAX + 1), username: 'longer' }),
    );
    expect(long.status).toBe(400);
  });
});

describe('text stored before the string rule', () => {
  it('returns 200 with the user list and the audit log after migration 004 cleaned what they would show', async ({
    t,
    admin,
  }) => {
    const { db, kind } = t.deps.database;
    const cara = await createUser(admin, { name: 'Cara', username: 'cara' });
    // As an older version could store them (PostgreSQL never kept a NUL; it turned a lone
    // surrogate into U+FFFD itself).
    const broken = kind === 'sqlite' ? 'Ca\u0000ra \uD83D' : 'Cara \uD83D';
    await db.updateTable('users').set({ name: broken }).where('id', '=', cara.id).execute();
    await recordAudit(
      db,
      {
        organisationId: (await sessionOf(admin)).organisation.id,
        actorUserId: null,
        ip: null,
        now: t.clock.now(),
      },
      { type: 'login.password_failed', detail: { username: 'x\u0000y\uDE00' } },
    );
    // What the register and the admin screens would have refused to read.
    expect(AuditPageJSON.safeParse((await admin.get('/api/audit')).body).success).toBe(false);
    if (kind === 'sqlite')
      expect(UserListJSON.safeParse((await admin.get('/api/users')).body).success).toBe(false);
    await storableText.up(db);
    const users = await admin.get<UserListJSON>('/api/users');
    expect(UserListJSON.safeParse(users.body).success).toBe(true);
    // SQLite hands the broken pair back as three replacement characters, PostgreSQL as one.
    expect(users.body.users.find((u) => u.id === cara.id)?.name).toMatch(/^Cara \uFFFD+$/);
    const audit = await admin.get<AuditPageJSON>('/api/audit');
    expect(AuditPageJSON.safeParse(audit.body).success).toBe(true);
    expect(audit.body.events[0]?.detail).toEqual({ username: 'xy\uFFFD' });
  });
});
