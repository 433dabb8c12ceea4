import { vi } from 'vitest';

/** One answer of the fake server: a status and a JSON body. */
export type FakeAnswer = [status: number, body: unknown];
export type FakeRoute = (body: unknown) => FakeAnswer | Promise<FakeAnswer>;

/**
 * Replaces fetch with a server that answers by "METHOD /path"; every call is recorded. A route
 * that is missing answers like an unreachable server.
 */
export function fakeServer(routes: Record<string, FakeRoute>) {
  const calls: { route: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const route = `${init?.method ?? 'GET'} ${String(input)}`;
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ route, body });
    const handler = routes[route];
    if (!handler) throw new TypeError('Failed to fetch');
    const [status, json] = await handler(body);
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function apiError(code: string, message: string, extra: object = {}): { error: object } {
  return { error: { code, message, ...extra } };
}
