import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface Secrets {
  /** Key of the PIN HMAC. Never stored in the database. */
  pinPepper: Buffer;
  /** The pepper being rotated away from, while PINs move to the new one (docs/operations.md). */
  previousPinPepper: Buffer | null;
  /** ES256 private key that signs what the register must trust offline. */
  signingKey: JWK;
}

interface SecretsFile {
  pinPepper: string;
  signingKey: JWK;
}

/**
 * Secrets come from TAPIN_PIN_PEPPER / TAPIN_SIGNING_KEY when set (required when several instances
 * share one PostgreSQL), or from `secrets.json` in the data folder, created with mode 0600 on
 * first start.
 */
export async function loadSecrets(env: NodeJS.ProcessEnv, dataDir: string): Promise<Secrets> {
  const previousPinPepper = env.TAPIN_PIN_PEPPER_PREVIOUS
    ? decodePepper(env.TAPIN_PIN_PEPPER_PREVIOUS)
    : null;
  if (env.TAPIN_PIN_PEPPER && env.TAPIN_SIGNING_KEY) {
    return {
      pinPepper: decodePepper(env.TAPIN_PIN_PEPPER),
      previousPinPepper,
      signingKey: JSON.parse(env.TAPIN_SIGNING_KEY) as JWK,
    };
  }
  const file = join(dataDir, 'secrets.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const fresh = await generateSecrets();
    writeFileSync(
      file,
      JSON.stringify(
        { pinPepper: fresh.pinPepper.toString('base64url'), signingKey: fresh.signingKey },
        null,
        2,
      ),
      { mode: 0o600, flag: 'wx' },
    );
    chmodSync(file, 0o600);
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as SecretsFile;
  return {
    pinPepper: decodePepper(env.TAPIN_PIN_PEPPER ?? stored.pinPepper),
    previousPinPepper,
    signingKey: env.TAPIN_SIGNING_KEY ? (JSON.parse(env.TAPIN_SIGNING_KEY) as JWK) : stored.signingKey,
  };
}

export async function generateSecrets(): Promise<Omit<Secrets, 'previousPinPepper'>> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { pinPepper: randomBytes(32), signingKey: await exportJWK(privateKey) };
}

function decodePepper(value: string): Buffer {
  const bytes = Buffer.from(value, 'base64url');
  if (bytes.length < 32) throw new Error('TAPIN_PIN_PEPPER must be at least 32 bytes, base64url');
  return bytes;
}
