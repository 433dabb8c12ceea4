import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import type { Database } from '../src/db/open-database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { pinHmac } from '../src/pins/pin-hmac.js';
import { randomId } from '../src/random-id.js';
import { createOrganisation } from '../src/setup/create-organisation.js';
import type { BenchRegister } from './bench-register.js';

export interface SeededOrganisation {
  registers: BenchRegister[];
  /** Every user's PIN, all different. */
  pins: string[];
}

const BATCH = 500;

/** The i-th of up to 100,000 distinct five-digit PINs (7919 is prime to 100,000). */
const pinOf = (i: number) => String((i * 7919) % 100_000).padStart(5, '0');

/**
 * One organisation with PIN login on, `users` cashiers who log in by PIN only and `devices`
 * approved registers, written straight into a migrated database (faster than the API for 50,000).
 */
export async function seedOrganisation(
  database: Database,
  o: { users: number; devices: number; pinPepper: Buffer },
): Promise<SeededOrganisation> {
  const { db } = database;
  await migrateToLatest(db);
  const now = Date.now();
  const { organisation, admin } = await createOrganisation(
    db,
    { organisationName: 'Bench Shop', name: 'Bench Admin', username: 'bench', password: 'bench password' },
    now,
    { onlyIfEmpty: true },
  );
  await db.updateTable('organisations').set({ pin_login_active: 1 }).execute();

  const pins = Array.from({ length: o.users }, (_, i) => pinOf(i));
  for (let i = 0; i < o.users; i += BATCH) {
    const rows = pins.slice(i, i + BATCH).map((pin, j) => ({
      id: randomId(),
      organisation_id: organisation.id,
      name: `Cashier ${i + j}`,
      username: `cashier${i + j}`,
      role: 'cashier' as const,
      login_method: 'pin_only' as const,
      password_hash: null,
      pin_hmac: pinHmac(o.pinPepper, organisation.id, pin),
      created_at: now,
      updated_at: now,
    }));
    await db.insertInto('users').values(rows).execute();
  }

  const registers: BenchRegister[] = [];
  for (let i = 0; i < o.devices; i++) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const pub = { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) };
    const id = await calculateJwkThumbprint(pub, 'sha256');
    await db
      .insertInto('devices')
      .values({
        id,
        organisation_id: organisation.id,
        name: `Till ${i + 1}`,
        public_key_jwk: JSON.stringify(pub),
        revoked_at: null,
        locked_at: null,
        failed_attempts: 0,
        last_failed_at: null,
        approved_by: admin.id,
        approved_at: now,
        last_login_at: null,
      })
      .execute();
    registers.push({ id, key: privateKey, next: null });
  }
  return { registers, pins };
}
