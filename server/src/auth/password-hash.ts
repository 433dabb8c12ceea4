import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes), OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check when there is no hash to check against, so response
 * times do not tell whether a username exists.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hash('tapin-timing-equaliser');
  await verifyPassword(await dummyHash, password);
  return false;
}
