import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesIn, freshDataDir, runServer } from './spawn-server.js';

/**
 * Every bad configuration ends the start by itself (a process still running after 40 s is killed
 * and fails the test), with exit code 1 and one line on stderr that names the setting or file, and
 * leaves a fresh data folder as empty as it found it.
 */
async function expectRefusedStart(env: Record<string, string>, names: RegExp, dataDir = freshDataDir()) {
  const { code, stderr } = await runServer({ PORT: '0', DATA_DIR: dataDir, ...env });
  expect(code).toBe(1);
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^Tapin could not start: /);
  expect(lines[0]).toMatch(names);
  expect(lines[0]).not.toMatch(/\s+at\s.+:\d+/);
  return { line: lines[0] ?? '', dataDir };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

describe('start-up errors', { timeout: 60_000 }, () => {
  it('exits 1 naming DATABASE_URL for a scheme other than postgres, and writes nothing', async () => {
    const { dataDir } = await expectRefusedStart(
      { DATABASE_URL: 'mysql://root@127.0.0.1/test' },
      /DATABASE_URL/,
    );
    expect(filesIn(dataDir)).toEqual([]);
  });

  it('exits 1 naming DATABASE_URL and the cause when PostgreSQL refuses the connection', async () => {
    const { line, dataDir } = await expectRefusedStart(
      { DATABASE_URL: 'postgres://root:secret@127.0.0.1:9/test' },
      /DATABASE_URL .*ECONNREFUSED/,
    );
    expect(line).not.toContain('secret');
    expect(filesIn(dataDir)).toEqual([]);
  });

  it('exits 1 naming DATABASE_URL when its host is unknown', async () => {
    await expectRefusedStart(
      { DATABASE_URL: 'postgres://root@no-such-host.invalid:5432/test' },
      /DATABASE_URL .*(ENOTFOUND|EAI_AGAIN)/,
    );
  });

  it('exits 1 within seconds naming DATABASE_URL when PostgreSQL accepts but never answers', async () => {
    const silent = createServer(() => {});
    const port = await listen(silent);
    try {
      await expectRefusedStart(
        { DATABASE_URL: `postgres://root@127.0.0.1:${port}/test` },
        /DATABASE_URL .*timeout/i,
      );
    } finally {
      silent.close();
    }
  });

  it('exits 1 naming PORT when the port is in use, before touching the data folder', async () => {
    const taken = createServer();
    const port = await listen(taken);
    try {
      const { dataDir } = await expectRefusedStart({ PORT: String(port) }, /PORT: \d+ is already in use/);
      expect(filesIn(dataDir)).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('exits 1 naming PORT when it is not a port number', async () => {
    await expectRefusedStart({ PORT: 'eighty' }, /PORT/);
  });

  it('exits 1 naming secrets.json when it is empty or damaged', async () => {
    for (const content of ['', '{"pinPepper": ']) {
      const dataDir = freshDataDir();
      writeFileSync(join(dataDir, 'secrets.json'), content);
      await expectRefusedStart({}, /secrets\.json.*not valid JSON/, dataDir);
      expect(filesIn(dataDir)).toEqual(['secrets.json']);
    }
  });

  it('exits 1 naming the pepper in secrets.json when it is too short', async () => {
    const dataDir = freshDataDir();
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify({ pinPepper: 'c2hvcnQ', signingKey: {} }));
    await expectRefusedStart({}, /secrets\.json \(pinPepper\): must be at least 32 bytes/, dataDir);
  });

  it('exits 1 naming TAPIN_PIN_PEPPER when it is too short, and writes nothing', async () => {
    const { dataDir } = await expectRefusedStart(
      { TAPIN_PIN_PEPPER: 'c2hvcnQ' },
      /TAPIN_PIN_PEPPER: must be at least 32 bytes/,
    );
    expect(filesIn(dataDir)).toEqual([]);
  });

  it('exits 1 naming TAPIN_SIGNING_KEY when it is JSON but no ES256 private key, and writes nothing', async () => {
    for (const key of ['{"kty":"EC","crv":"P-256"}', '{"kty":"oct","k":"abc"}', 'not json']) {
      const { dataDir } = await expectRefusedStart(
        { TAPIN_SIGNING_KEY: key },
        /TAPIN_SIGNING_KEY: must be an ES256/,
      );
      expect(filesIn(dataDir)).toEqual([]);
    }
  });

  it('exits 1 naming PUBLIC_ORIGIN when it is not an origin', async () => {
    await expectRefusedStart({ PUBLIC_ORIGIN: 'tapin.example.com/register' }, /PUBLIC_ORIGIN/);
  });
});
