import { describe, expect } from 'vitest';
import { it } from './support/fixtures.js';
import { TestClient } from './support/test-client.js';

const expectStrictHeaders = (headers: Headers) => {
  expect(headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  expect(headers.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=()');
};

describe('security headers', () => {
  it('are on every answer, successes, errors and health checks alike, and the API is never cached', async ({
    t,
    admin,
  }) => {
    const ok = await admin.get('/api/auth/session');
    expect(ok.status).toBe(200);
    expectStrictHeaders(ok.headers);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);

    const refused = await new TestClient(t).login('ada', 'wrong password');
    expect(refused.status).toBe(401);
    expectStrictHeaders(refused.headers);
    expect(refused.headers.get('cache-control')).toBe('no-store');

    const health = await new TestClient(t).get('/healthz');
    expectStrictHeaders(health.headers);
  });
});
