import { randomBytes } from 'node:crypto';

/** An unguessable, URL-safe identifier (128 bits). */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

/** A random identifier whose string order follows creation time, for cursor pagination. */
export function timeOrderedId(now: number): string {
  return now.toString(36).padStart(9, '0') + randomBytes(10).toString('base64url');
}
