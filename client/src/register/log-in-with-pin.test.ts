import { compactVerify, importJWK } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceIdentity } from '../device/device-identity';
import { ApiClientError } from '../lib/api/api-error';
import { apiError, fakeServer } from '../../test/fake-server';
import { logInWithPin, pinLoginFailure, waitMessage, WRONG_PIN_MESSAGE } from './log-in-with-pin';

afterEach(() => vi.unstubAllGlobals());

describe('logInWithPin', () => {
  it('asks for a challenge, signs it with the device key and sends it with the PIN', async () => {
    const { calls } = fakeServer({
      'POST /api/devices/challenge': () => [
        200,
        { challenge: 'c-123', expiresAt: '2026-01-05T09:01:00.000Z' },
      ],
      'POST /api/pin-login': () => [401, apiError('invalid_credentials', 'Invalid credentials')],
    });
    const key = await deviceIdentity();
    await expect(logInWithPin('01234')).rejects.toMatchObject({ status: 401 });
    expect(calls.map((c) => c.route)).toEqual(['POST /api/devices/challenge', 'POST /api/pin-login']);
    expect(calls[0]?.body).toEqual({ deviceId: key.deviceId });
    const sent = calls[1]?.body as { deviceId: string; pin: string; proof: string };
    expect(sent.deviceId).toBe(key.deviceId);
    expect(sent.pin).toBe('01234');
    const { payload } = await compactVerify(sent.proof, await importJWK({ ...key.publicJwk, alg: 'ES256' }));
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ challenge: 'c-123' });
  });
});

describe('pinLoginFailure', () => {
  it('says the same thing for every refusal', () => {
    const refused = new ApiClientError('invalid_credentials', 'Invalid credentials', 401);
    expect(pinLoginFailure(refused)).toEqual({ kind: 'refused', message: WRONG_PIN_MESSAGE });
    expect(WRONG_PIN_MESSAGE).toBe("That PIN didn't work. Try again.");
  });

  it('waits as long as the server says', () => {
    const wait = new ApiClientError('rate_limited', 'Too many attempts', 429, undefined, 4);
    expect(pinLoginFailure(wait)).toEqual({ kind: 'wait', seconds: 4 });
    expect(pinLoginFailure(new ApiClientError('rate_limited', 'x', 429))).toEqual({
      kind: 'wait',
      seconds: 5,
    });
  });

  it('does not count a server that cannot be reached as a wrong PIN', () => {
    const offline = new ApiClientError('network', "Can't reach the server. Check the connection.", 0);
    expect(pinLoginFailure(offline)).toEqual({ kind: 'other', message: offline.message });
    expect(pinLoginFailure(new Error('boom')).kind).toBe('other');
  });

  it('counts down in words', () => {
    expect(waitMessage(8)).toBe('Too many attempts. Try again in 8 seconds.');
    expect(waitMessage(1)).toBe('Too many attempts. Try again in 1 second.');
  });
});
