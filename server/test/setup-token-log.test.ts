import { request } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freshDataDir, outputOf, startServerProcess } from './spawn-server.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** POST /api/setup from a page on localhost, through a proxy that says the browser is at 203.0.113.9. */
function setUp(port: number, body: object): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/setup',
        headers: {
          'content-type': 'application/json',
          origin: `http://localhost:${port}`,
          'x-forwarded-for': '203.0.113.9',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('the setup token in the log', { timeout: 90_000 }, () => {
  it('is printed at start while setup is needed, and returns 201 to a setup from elsewhere that gives it', async () => {
    const port = await freePort();
    const server = await startServerProcess({
      PORT: String(port),
      DATA_DIR: freshDataDir(),
      TRUST_PROXY: '1',
    });
    try {
      let token: string | undefined;
      for (let i = 0; i < 100 && !token; i++) {
        token = /"setupToken":"([^"]+)"/.exec(outputOf(server))?.[1];
        if (!token) await new Promise((r) => setTimeout(r, 50));
      }
      expect(token).toBeTruthy();
      const setup = {
        organisationName: 'Shop',
        name: 'Ada',
        username: 'ada',
        password: 'correct horse battery',
      };
      expect(await setUp(port, setup)).toBe(403);
      expect(await setUp(port, { ...setup, setupToken: 'not the token' })).toBe(403);
      expect(await setUp(port, { ...setup, setupToken: token })).toBe(201);
    } finally {
      server.kill('SIGTERM');
    }
  });
});
