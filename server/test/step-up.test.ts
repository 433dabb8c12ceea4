import { describe, expect } from 'vitest';
import type { SessionJSON } from '@tapin/shared';
import { ADMIN_ROUTES, fillRoute } from './support/admin-routes.js';
import { snapshotDatabase } from './support/database.js';
import { it } from './support/fixtures.js';
import { DEFAULT_SETUP } from './support/test-client.js';
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
