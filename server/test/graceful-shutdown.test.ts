import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freshDataDir, startServerProcess } from './spawn-server.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** One request over `agent`'s kept-alive connections; resolves to the status, or the error. */
function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  body?: object,
): Promise<number | string> {
  return new Promise((resolve) => {
    const payload = body ? JSON.stringify(body) : undefined;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: payload
          ? {
              'content-type': 'application/json',
              origin: `http://127.0.0.1:${port}`,
              'content-length': Buffer.byteLength(payload),
            }
          : {},
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (err) => resolve(`failed: ${err.message}`));
    req.end(payload);
  });
}

describe('SIGTERM', { timeout: 90_000 }, () => {
  it('answers every request in flight, then exits 0', async () => {
    const port = await freePort();
    const server = await startServerProcess({ PORT: String(port), DATA_DIR: freshDataDir() });
    const exited = once(server, 'exit');
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const setup = {
      organisationName: 'Shop',
      name: 'Ada',
      username: 'ada',
      password: 'correct horse battery',
    };
    expect(await send(agent, port, 'POST', '/api/setup', setup)).toBe(201);
    // Eight connections open and kept alive, so the logins below are on the wire at once.
    expect(await Promise.all(Array.from({ length: 8 }, () => send(agent, port, 'GET', '/healthz')))).toEqual(
      Array(8).fill(200),
    );
    // Password logins take a while each (argon2id), so they are still in flight when the signal comes.
    const logins = Array.from({ length: 8 }, (_, i) =>
      send(agent, port, 'POST', '/api/auth/login', {
        username: 'ada',
        password: i % 2 ? 'correct horse battery' : 'wrong password',
      }),
    );
    await new Promise((r) => setTimeout(r, 40));
    server.kill('SIGTERM');
    const statuses = await Promise.all(logins);
    expect(statuses.filter((s) => typeof s !== 'number')).toEqual([]);
    expect(statuses.every((s) => s === 200 || s === 401)).toBe(true);
    expect(statuses).toContain(200);
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    agent.destroy();
    // Nothing listens any more.
    expect(await send(new Agent(), port, 'GET', '/healthz')).toMatch(/^failed/);
  });
});
