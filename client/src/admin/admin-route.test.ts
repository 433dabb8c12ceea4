import { describe, expect, it } from 'vitest';
import { ADMIN_PATHS, adminRoute } from './admin-route';

describe('adminRoute', () => {
  it('finds My account > Passkeys, with or without a trailing slash', () => {
    expect(adminRoute(ADMIN_PATHS.passkeys)).toEqual({ page: 'passkeys' });
    expect(adminRoute('/admin/passkeys/')).toEqual({ page: 'passkeys' });
    expect(adminRoute('/admin/passkeys/extra')).toEqual({ page: 'not-found' });
  });
});
