import { describe, expect } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/load-config.js';
import { it } from './support/fixtures.js';
import { TestClient } from './support/test-client.js';

describe('the production app', () => {
  it('returns 404 not_found for the end-to-end reset route, even with TAPIN_E2E_RESET=1 set', async ({
    t,
    admin: _admin,
  }) => {
    const config = { ...loadConfig({ TAPIN_E2E_RESET: '1' }), clientDir: undefined };
    const app = createApp({ ...t.deps, config });
    const client = new TestClient({ ...t, app });
    const res = await client.post('/api/test/reset', {});
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found' } });
    const organisations = await t.deps.database.db.selectFrom('organisations').select('id').execute();
    expect(organisations).toHaveLength(1);
  });
});
