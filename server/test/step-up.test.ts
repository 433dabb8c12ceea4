import { describe, expect } from 'vitest';
import type { SessionJSON } from '@tapin/shared';
import { ADMIN_ROUTES, fillRoute } from './support/admin-routes.js';
import { auditTypes, snapshotDatabase } from './support/database.js';
import { it } from './support/fixtures.js';
import { DEFAULT_SETUP, TestClient } from './support/test-client.js';
import { TestDevice } from './support/test-device.js';

/** Ada, an admin, on a register by her PIN: the admin environment stays shut until she steps up. */
describe('an admin on a register session that has not stepped up', () => {
  it.for(ADMIN_ROUTES)(
    'returns 403 step_up_required on $method $path and changes nothing',
    async ({ method, path, body }, { t, adminId, adaOnRegister }) => {
      const before = await snapshotDatabase(t);
      const res = await adaOnRegister.client.call(method, fillRoute(path, adminId, adaOnRegister), body);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'step_up_required' } });
      expect(await snapshotDatabase(t)).toEqual(before);
    },
  );

  it.for([
    { method: 'GET', path: '/api/passkeys' },
    { method: 'POST', path: '/api/passkeys/registration/options', body: {} },
    { method: 'DELETE', path: '/api/passkeys/someCredentialId', body: {} },
  ])('returns 403 step_up_required on $method $path', async ({ method, path, body }, { adaOnRegister }) => {
    const res = await adaOnRegister.client.call(method, path, body);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'step_up_required' } });
  });

  it('returns 403 step_up_required when approving a device, and 201 once she has stepped up', async ({
    t,
    adaOnRegister,
  }) => {
    const other = await TestDevice.create(t);
    const refused = await other.approveWith(adaOnRegister.client, 'Till 2');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'step_up_required' } });
    const up = await adaOnRegister.client.post<SessionJSON>('/api/auth/step-up', {
      password: DEFAULT_SETUP.password,
    });
    expect(up.body.adminAccess).toBe(true);
    expect((await other.approveWith(adaOnRegister.client, 'Till 2')).status).toBe(201);
  });
});

describe('step-up failure limit', () => {
  it("returns 200 to Ada's step-up on a register after 10 wrong passwords for her username on the login screen", async ({
    t,
    adaOnRegister,
  }) => {
    for (let i = 0; i < 10; i++) await new TestClient(t).login('ada', `stranger's guess ${i}`);
    expect((await new TestClient(t).login('ada', DEFAULT_SETUP.password)).status).toBe(429);
    const up = await adaOnRegister.client.post<SessionJSON>('/api/auth/step-up', {
      password: DEFAULT_SETUP.password,
    });
    expect(up.status).toBe(200);
    expect(up.body.adminAccess).toBe(true);
  });

  it('returns 429 rate_limited after 10 failed step-ups, and 200 to a password login of the same user', async ({
    t,
    adaOnRegister,
  }) => {
    for (let i = 0; i < 10; i++) {
      const res = await adaOnRegister.client.post('/api/auth/step-up', { password: `wrong ${i}` });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const blocked = await adaOnRegister.client.post('/api/auth/step-up', {
      password: DEFAULT_SETUP.password,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await new TestClient(t).login('ada', DEFAULT_SETUP.password)).status).toBe(200);
  });

  it('returns 401 to at most 10 of a burst of parallel wrong step-ups, and 429 to the rest', async ({
    t,
    adaOnRegister,
  }) => {
    const replies = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        adaOnRegister.client.post('/api/auth/step-up', { password: `parallel guess ${i}` }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    expect((await auditTypes(t)).filter((x) => x === 'login.password_failed')).toHaveLength(10);
  });
});
