import { compactVerify, importJWK } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceIdentity } from '../device/device-identity';
import { ApiClientError } from '../lib/api/api-error';
import { apiError, fakeServer } from '../../test/fake-server';
import { PartLoadError } from '../lib/load-part';
import { idleLockNote } from './idle-lock';
import { m } from '../paraglide/messages.js';
import { attemptsLeftMessage, logInWithPin, pinLoginFailure } from './log-in-with-pin';

const WRONG_PIN_MESSAGE = m.register_pin_failed_try_again();

afterEach(() => vi.unstubAllGlobals());

const challengeJSON = (challenge: string) => ({
  challenge,
  expiresAt: '2026-01-05T09:05:00.000Z',
  validForSeconds: 300,
});

async function signedChallenge(proof: string): Promise<string> {
  const key = await deviceIdentity();
  const { payload } = await compactVerify(proof, await importJWK({ ...key.publicJwk, alg: 'ES256' }));
  return (JSON.parse(new TextDecoder().decode(payload)) as { challenge: string }).challenge;
}

describe('logInWithPin', () => {
  it('asks for a challenge when it holds none, signs it with the device key and sends it with the PIN', async () => {
    const { calls } = fakeServer({
      'POST /api/devices/challenge': () => [200, challengeJSON('c-123')],
      'POST /api/pin-login': () => [401, apiError('invalid_credentials', 'Invalid credentials')],
    });
    const key = await deviceIdentity();
    await expect(logInWithPin('01234')).rejects.toMatchObject({ status: 401 });
    expect(calls.map((c) => c.route)).toEqual(['POST /api/devices/challenge', 'POST /api/pin-login']);
    expect(calls[0]?.body).toEqual({ deviceId: key.deviceId });
    const sent = calls[1]?.body as { deviceId: string; pin: string; proof: string };
    expect(sent.deviceId).toBe(key.deviceId);
    expect(sent.pin).toBe('01234');
    expect(await signedChallenge(sent.proof)).toBe('c-123');
  });

  it('signs the challenge the last answer carried, so the next login is one round trip', async () => {
    const { calls } = fakeServer({
      'POST /api/devices/challenge': () => [200, challengeJSON('asked-for')],
      'POST /api/pin-login': () => [
        401,
        apiError('invalid_credentials', 'Invalid credentials', {
          nextChallenge: challengeJSON('handed-over'),
        }),
      ],
    });
    await expect(logInWithPin('01234')).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(logInWithPin('43210')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(calls.map((c) => c.route)).toEqual([
      'POST /api/devices/challenge',
      'POST /api/pin-login',
      'POST /api/pin-login',
    ]);
    expect(await signedChallenge((calls[2]?.body as { proof: string }).proof)).toBe('handed-over');
  });

  it('sends the same PIN once more with the new challenge when the held one was spent meanwhile', async () => {
    let logins = 0;
    const { calls } = fakeServer({
      'POST /api/devices/challenge': () => [200, challengeJSON('stale')],
      'POST /api/pin-login': () =>
        ++logins === 1
          ? [
              401,
              apiError('challenge_expired', 'Sign the new challenge', {
                nextChallenge: challengeJSON('new'),
              }),
            ]
          : [401, apiError('invalid_credentials', 'Invalid credentials')],
    });
    await expect(logInWithPin('01234')).rejects.toMatchObject({ code: 'invalid_credentials' });
    const logIns = calls.filter((c) => c.route === 'POST /api/pin-login');
    expect(logIns).toHaveLength(2);
    expect((logIns[1]?.body as { pin: string }).pin).toBe('01234');
    expect(await signedChallenge((logIns[1]?.body as { proof: string }).proof)).toBe('new');
  });
});

describe('pinLoginFailure', () => {
  it('says the same thing for every refusal', () => {
    const refused = new ApiClientError('invalid_credentials', 'Invalid credentials', 401);
    expect(pinLoginFailure(refused)).toEqual({ kind: 'refused', message: WRONG_PIN_MESSAGE, seconds: 0 });
    expect(WRONG_PIN_MESSAGE).toBe("That PIN didn't work. Try again.");
  });

  it('passes on what a counted refusal says: the wrong PINs left and the wait before the next', () => {
    const counted = new ApiClientError('invalid_credentials', 'x', 401, undefined, 2, undefined, 6);
    expect(pinLoginFailure(counted)).toEqual({
      kind: 'refused',
      message: WRONG_PIN_MESSAGE,
      attemptsLeft: 6,
      seconds: 2,
    });
  });

  it('waits as long as the server says', () => {
    const wait = new ApiClientError('rate_limited', 'Too many attempts', 429, undefined, 4);
    expect(pinLoginFailure(wait)).toEqual({ kind: 'wait', seconds: 4 });
    expect(pinLoginFailure(new ApiClientError('rate_limited', 'x', 429))).toEqual({
      kind: 'wait',
      seconds: 5,
    });
  });

  it('does not count a server that cannot be reached as a wrong PIN, and says it is about the connection', () => {
    const offline = new ApiClientError('network', "Can't reach the server. Check the connection.", 0);
    expect(pinLoginFailure(offline)).toEqual({ kind: 'other', message: offline.message, offline: true });
    const refusedOffline = new ApiClientError('offline_login_refused', 'Not offline', 0);
    expect(pinLoginFailure(refusedOffline)).toMatchObject({ offline: true });
    expect(pinLoginFailure(new PartLoadError(new Error('gone')))).toMatchObject({ offline: true });
    expect(pinLoginFailure(new Error('boom'))).toMatchObject({ kind: 'other', offline: false });
  });
});

describe('what the PIN screen says', () => {
  it('counts the attempts left and names the idle time', () => {
    expect(attemptsLeftMessage(2)).toBe('2 attempts left before this register locks.');
    expect(attemptsLeftMessage(1)).toBe('1 attempt left before this register locks.');
    expect(idleLockNote(2)).toBe('Locked after 2 minutes without use.');
    expect(idleLockNote(1)).toBe('Locked after 1 minute without use.');
  });
});
