import { generateKeyPairSync, sign, verify } from 'node:crypto';

/**
 * Microseconds of one ECDSA P-256 (SHA-256) verification on one core: node:crypto with a cached
 * KeyObject, over a message the size of a login proof. The floor a full login is compared with.
 */
export function rawVerifyMicros(seconds = 2): number {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const data = Buffer.from('x'.repeat(200));
  const signature = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const key = { key: publicKey, dsaEncoding: 'ieee-p1363' } as const;
  let n = 0;
  const start = process.cpuUsage();
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++)
      if (!verify('sha256', data, key, signature)) throw new Error('bad signature');
    n += 100;
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}
