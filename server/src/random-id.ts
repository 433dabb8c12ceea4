import { randomBytes } from 'node:crypto';

/** An unguessable, URL-safe identifier (128 bits). */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

let lastTime = -1;
let sequence = 0;

/**
 * A random identifier whose string order follows creation order, for cursor pagination: by time,
 * then by a counter within one millisecond, so that the events of one request (say "user created"
 * then "PIN set") keep their order. Across server instances, one millisecond's order is random.
 */
export function timeOrderedId(now: number): string {
  if (now === lastTime) {
    sequence++;
  } else {
    lastTime = now;
    sequence = 0;
  }
  return (
    now.toString(36).padStart(9, '0') +
    sequence.toString(36).padStart(4, '0') +
    randomBytes(10).toString('base64url')
  );
}
