import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { StartupError } from '../startup/startup-error.js';

export interface Secrets {
  /** Key of the PIN HMAC. Never stored in the database. */
  pinPepper: Buffer;
  /** The pepper being rotated away from, while PINs move to the new one (docs/operations.md). */
  previousPinPepper: Buffer | null;
  /** ES256 private key that signs what the register must trust offline. */
  signingKey: JWK;
}

/** What start-up found: the secrets, and whether secrets.json must still be written. */
export interface LoadedSecrets {
  secrets: Secrets;
  /** Set when the data folder has no secrets.json yet and the environment lacks a secret. */
  write: (() => void) | null;
}

/**
 * Secrets come from TAPIN_PIN_PEPPER / TAPIN_SIGNING_KEY when set (required when several instances
 * share one PostgreSQL), or from `secrets.json` in the data folder. Everything is checked here,
 * naming the setting or file, before anything is written; a missing secrets.json is generated
 * and written by `write`, atomically, only once the rest of the start-up has been checked too.
 */
export async function loadSecrets(env: NodeJS.ProcessEnv, dataDir: string): Promise<LoadedSecrets> {
  const previousPinPepper = env.TAPIN_PIN_PEPPER_PREVIOUS
    ? decodePepper(env.TAPIN_PIN_PEPPER_PREVIOUS, 'TAPIN_PIN_PEPPER_PREVIOUS')
    : null;
  const envPepper = env.TAPIN_PIN_PEPPER ? decodePepper(env.TAPIN_PIN_PEPPER, 'TAPIN_PIN_PEPPER') : null;
  const envKey = env.TAPIN_SIGNING_KEY ? await signingJwk(env.TAPIN_SIGNING_KEY, 'TAPIN_SIGNING_KEY') : null;
  if (envPepper && envKey)
    return { secrets: { pinPepper: envPepper, previousPinPepper, signingKey: envKey }, write: null };

  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const stored = readSecretsFile(file);
    const pinPepper = envPepper ?? decodePepper(stored.pinPepper, `${file} (pinPepper)`);
    const signingKey = envKey ?? (await signingJwk(stored.signingKey, `${file} (signingKey)`));
    return { secrets: { pinPepper, previousPinPepper, signingKey }, write: null };
  }
  const fresh = await generateSecrets();
  return {
    secrets: {
      pinPepper: envPepper ?? fresh.pinPepper,
      previousPinPepper,
      signingKey: envKey ?? fresh.signingKey,
    },
    write: () => writeSecretsFile(dataDir, file, fresh),
  };
}

export async function generateSecrets(): Promise<Omit<Secrets, 'previousPinPepper'>> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { pinPepper: randomBytes(32), signingKey: await exportJWK(privateKey) };
}

function readSecretsFile(file: string): { pinPepper: unknown; signingKey: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why =
      err instanceof SyntaxError ? 'is not valid JSON (empty or damaged)' : `cannot be read (${String(err)})`;
    throw new StartupError(file, `${why}; restore it from a backup, or remove it to generate new secrets`);
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new StartupError(file, 'must hold pinPepper and signingKey');
  const { pinPepper, signingKey } = parsed as Record<string, unknown>;
  return { pinPepper, signingKey };
}

/** Written to a temporary file, flushed and renamed, so that a full disk never leaves a broken file. */
function writeSecretsFile(dataDir: string, file: string, s: Omit<Secrets, 'previousPinPepper'>): void {
  mkdirSync(dataDir, { recursive: true });
  const json = JSON.stringify(
    { pinPepper: s.pinPepper.toString('base64url'), signingKey: s.signingKey },
    null,
    2,
  );
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, json);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (err) {
    throw new StartupError(
      file,
      `could not be written (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

function decodePepper(value: unknown, setting: string): Buffer {
  const bytes =
    typeof value === 'string' && /^[A-Za-z0-9_-]+$/.test(value) ? Buffer.from(value, 'base64url') : null;
  if (!bytes || bytes.length < 32) throw new StartupError(setting, 'must be at least 32 bytes, base64url');
  return bytes;
}

/** An EC P-256 private JWK that can really sign: checked now, not at the first roster. */
async function signingJwk(value: unknown, setting: string): Promise<JWK> {
  const refusal = new StartupError(setting, 'must be an ES256 (EC P-256) private key as a JWK');
  let jwk: JWK;
  try {
    jwk = (typeof value === 'string' ? JSON.parse(value) : value) as JWK;
  } catch {
    throw refusal;
  }
  if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d)
    throw refusal;
  try {
    const key = await importJWK({ ...jwk, alg: 'ES256' }, 'ES256');
    await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(key);
  } catch {
    throw refusal;
  }
  return jwk;
}
