import { sign } from 'node:crypto';
import type { JsonClient } from './json-client.js';
import type { BenchRegister, HeldChallenge } from './bench-register.js';

/** How many of each request the logins took; the divisor of all of them is `logins`. */
export interface RequestMix {
  logins: number;
  refused: number;
  /** Logins that signed a challenge held from an earlier reply (one round trip). */
  withHeldChallenge: number;
  challengeRequests: number;
  pinLoginRequests: number;
  stateRequests: number;
}

export const emptyMix = (): RequestMix => ({
  logins: 0,
  refused: 0,
  withHeldChallenge: 0,
  challengeRequests: 0,
  pinLoginRequests: 0,
  stateRequests: 0,
});

/** A held challenge is only used with this much life left, so it cannot expire on the way. */
const MARGIN_MS = 5_000;

/** A compact ES256 JWS over the proof payload, signed with node:crypto to keep the driver cheap. */
function signProof(register: BenchRegister, challenge: string): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  const header = b64(JSON.stringify({ alg: 'ES256' }));
  const payload = b64(JSON.stringify({ purpose: 'tapin:pin-login', challenge, deviceId: register.id }));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
    key: register.key,
    dsaEncoding: 'ieee-p1363',
  });
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

/** `nextChallenge` of a reply (success body, or the error envelope's `error`), if it has one. */
function heldChallengeIn(body: unknown): HeldChallenge | null {
  const record = (body ?? {}) as { nextChallenge?: unknown; error?: { nextChallenge?: unknown } };
  const next = (record.nextChallenge ?? record.error?.nextChallenge) as
    { challenge?: unknown; expiresAt?: unknown } | undefined;
  if (typeof next?.challenge !== 'string' || typeof next.expiresAt !== 'string') return null;
  const expiresAt = Date.parse(next.expiresAt);
  return Number.isNaN(expiresAt) ? null : { challenge: next.challenge, expiresAt };
}

/** What a register asks when it starts: its state, which may hand it the first challenge. */
export async function startRegister(
  client: JsonClient,
  register: BenchRegister,
  mix: RequestMix,
): Promise<void> {
  const reply = await client.post('/api/devices/state', { deviceId: register.id });
  mix.stateRequests++;
  if (reply.status !== 200)
    throw new Error(`/api/devices/state: ${reply.status} ${JSON.stringify(reply.body)}`);
  register.next = heldChallengeIn(reply.body);
}

/**
 * One full PIN login. It signs the challenge the previous reply handed over when there is one
 * with life left, and otherwise asks for a challenge first. Returns false when the login was
 * refused; throws when the server answered something other than a login or a refusal.
 */
export async function logIn(
  client: JsonClient,
  register: BenchRegister,
  pin: string,
  mix: RequestMix,
): Promise<boolean> {
  let challenge =
    register.next && register.next.expiresAt - Date.now() > MARGIN_MS ? register.next.challenge : null;
  register.next = null;
  if (challenge) mix.withHeldChallenge++;
  else {
    const reply = await client.post('/api/devices/challenge', {
      deviceId: register.id,
      purpose: 'pin-login',
    });
    mix.challengeRequests++;
    challenge = (reply.body as { challenge?: unknown }).challenge as string;
    if (reply.status !== 200 || typeof challenge !== 'string')
      throw new Error(`/api/devices/challenge: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  const reply = await client.post('/api/pin-login', {
    deviceId: register.id,
    pin,
    proof: signProof(register, challenge),
  });
  mix.pinLoginRequests++;
  mix.logins++;
  register.next = heldChallengeIn(reply.body);
  if (reply.status === 200) return true;
  if (reply.status >= 500) throw new Error(`/api/pin-login: ${reply.status} ${JSON.stringify(reply.body)}`);
  mix.refused++;
  return false;
}
