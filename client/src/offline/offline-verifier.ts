import { localDb, type LocalDb, type OfflineSecretRecord } from '../lib/storage/local-db';
import { OFFLINE_KDF_ITERATIONS } from './offline-policy';

const encoder = new TextEncoder();

async function offlineSecret(db: LocalDb): Promise<OfflineSecretRecord> {
  const existing = await db.offlineSecret.get('offline');
  if (existing) return existing;
  const record: OfflineSecretRecord = {
    id: 'offline',
    hmacKey: await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    salt: crypto.getRandomValues(new Uint8Array(32)),
  };
  try {
    await db.offlineSecret.add(record);
    return record;
  } catch {
    const winner = await db.offlineSecret.get('offline');
    if (!winner) throw new Error('The offline secret could not be stored');
    return winner;
  }
}

// Padded standard base64, not jose's base64url: verifiers already stored on registers are compared
// as these strings, and a new encoding would make every one of them stop matching.
function toBase64(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

/**
 * The offline verifier of a PIN on this device: a keyed HMAC with the device's non-extractable
 * secret, stretched with PBKDF2. Never the PIN, never a fast unsalted hash. PINs are unique in an
 * organisation, so one derivation per attempt finds the user.
 */
export async function deriveOfflineVerifier(pin: string, db: LocalDb = localDb): Promise<string> {
  const secret = await offlineSecret(db);
  const keyed = await crypto.subtle.sign('HMAC', secret.hmacKey, encoder.encode(`tapin:offline-pin:${pin}`));
  const material = await crypto.subtle.importKey('raw', keyed, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'PBKDF2',
      hash: 'SHA-256',
      salt: secret.salt as BufferSource,
      iterations: OFFLINE_KDF_ITERATIONS,
    },
    material,
    256,
  );
  return toBase64(bits);
}

/** Remembers the verifier of a user who just logged in online with this PIN. */
export async function rememberOfflineVerifier(
  userId: string,
  pin: string,
  db: LocalDb = localDb,
): Promise<void> {
  const verifier = await deriveOfflineVerifier(pin, db);
  await db.transaction('rw', db.verifiers, async () => {
    // A PIN that moved to another user must not keep pointing at the old one.
    await db.verifiers
      .where('userId')
      .notEqual(userId)
      .filter((v) => v.verifier === verifier)
      .delete();
    await db.verifiers.put({ userId, verifier, createdAt: Date.now() });
  });
}

/** The user whose stored verifier equals this one, if any. */
export async function findVerifiedUser(verifier: string, db: LocalDb = localDb): Promise<string | null> {
  let match: string | null = null;
  // Compare every record without stopping early, so timing does not say how far the list matched.
  await db.verifiers.each((v) => {
    if (constantTimeEqual(v.verifier, verifier)) match = v.userId;
  });
  return match;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
