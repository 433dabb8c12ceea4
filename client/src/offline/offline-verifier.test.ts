import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDb } from '../lib/storage/local-db';
import { deriveOfflineVerifier, findVerifiedUser, rememberOfflineVerifier } from './offline-verifier';

let db: LocalDb;
beforeEach(() => {
  db = new LocalDb(`verifier-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('offline verifiers', () => {
  it('drop the old user when their PIN moved to someone else who logged in online with it', async () => {
    await rememberOfflineVerifier('user-ann-001', '01234', db);
    expect(await findVerifiedUser(await deriveOfflineVerifier('01234', db), db)).toBe('user-ann-001');

    await rememberOfflineVerifier('user-bob-001', '01234', db);
    expect(await db.verifiers.get('user-ann-001')).toBeUndefined();
    expect(await findVerifiedUser(await deriveOfflineVerifier('01234', db), db)).toBe('user-bob-001');
  });

  it("keep other users' verifiers, and replace a user's own when their PIN changed", async () => {
    await rememberOfflineVerifier('user-ann-001', '01234', db);
    await rememberOfflineVerifier('user-bob-001', '55555', db);
    await rememberOfflineVerifier('user-ann-001', '77777', db);
    expect(await db.verifiers.count()).toBe(2);
    expect(await findVerifiedUser(await deriveOfflineVerifier('01234', db), db)).toBeNull();
    expect(await findVerifiedUser(await deriveOfflineVerifier('55555', db), db)).toBe('user-bob-001');
  });
});
