import { sendSignal, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer } from '../../../test/fake-server';
import { ApiClientError } from '../api/api-error';
import { addPasskey, logInWithPasskey, stepUpWithPasskey } from './passkey-ceremony';
import { hasNoPasskeyYet } from './passkey-problem';

vi.mock(import('@simplewebauthn/browser'), async (original) => ({
  ...(await original()),
  startRegistration: vi.fn(),
  startAuthentication: vi.fn(),
  sendSignal: vi.fn(() => Promise.resolve(undefined)),
}));

const register = vi.mocked(startRegistration);
const authenticate = vi.mocked(startAuthentication);
const signal = vi.mocked(sendSignal);

const CREDENTIAL_ID = 'Y3JlZGVudGlhbC0x';
const CREATION_OPTIONS = {
  challenge: 'Y2hhbGxlbmdl',
  rp: { name: 'Tapin', id: 'localhost' },
  user: { id: 'dXNlci0x', name: 'ada', displayName: 'Ada Admin' },
  pubKeyCredParams: [{ alg: -7, type: 'public-key' }],
  authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  extensions: { credProps: true },
};
const REQUEST_OPTIONS = { challenge: 'Y2hhbGxlbmdl', rpId: 'localhost', userVerification: 'preferred' };
const REGISTRATION = {
  id: CREDENTIAL_ID,
  rawId: CREDENTIAL_ID,
  type: 'public-key' as const,
  response: { clientDataJSON: 'e30', attestationObject: 'o2Nm', transports: ['internal' as const] },
  clientExtensionResults: {},
};
const ASSERTION = {
  id: CREDENTIAL_ID,
  rawId: CREDENTIAL_ID,
  type: 'public-key' as const,
  response: { clientDataJSON: 'e30', authenticatorData: 'SZYN', signature: 'MEUC', userHandle: 'dXNlci0x' },
  clientExtensionResults: {},
};
const PASSKEY = {
  id: CREDENTIAL_ID,
  name: 'Work laptop',
  createdAt: '2026-01-05T08:00:00.000Z',
  lastUsedAt: null,
};
const SESSION = {
  user: { id: 'user-0001', name: 'Ada Admin', username: 'ada', role: 'admin' },
  organisation: { id: 'org-0001', name: 'Corner Shop' },
  kind: 'web',
  adminAccess: true,
  deviceId: null,
  expiresAt: '2026-01-05T20:00:00.000Z',
  serverTime: '2026-01-05T08:00:00.000Z',
};

afterEach(() => {
  vi.unstubAllGlobals();
  register.mockReset();
  authenticate.mockReset();
  signal.mockClear();
});

describe('addPasskey', () => {
  it("hands the server's options to the browser and the browser's passkey, with its name, to the server", async () => {
    const server = fakeServer({
      'POST /api/passkeys/registration/options': () => [200, CREATION_OPTIONS],
      'POST /api/passkeys/registration': () => [201, PASSKEY],
    });
    register.mockResolvedValue(REGISTRATION);
    await expect(addPasskey('Work laptop')).resolves.toEqual(PASSKEY);
    // Fields the shared schema does not name still reach the browser.
    expect(register).toHaveBeenCalledWith({ optionsJSON: CREATION_OPTIONS });
    expect(server.calls.map((c) => c.route)).toEqual([
      'POST /api/passkeys/registration/options',
      'POST /api/passkeys/registration',
    ]);
    expect(server.calls[1]?.body).toEqual({ name: 'Work laptop', response: REGISTRATION });
  });

  it('sends nothing when the prompt was closed', async () => {
    const server = fakeServer({ 'POST /api/passkeys/registration/options': () => [200, CREATION_OPTIONS] });
    register.mockRejectedValue(new DOMException('Not allowed', 'NotAllowedError'));
    await expect(addPasskey('Work laptop')).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(server.calls).toHaveLength(1);
  });

  it('sends nothing when the browser answers with something that is not a passkey', async () => {
    const server = fakeServer({ 'POST /api/passkeys/registration/options': () => [200, CREATION_OPTIONS] });
    register.mockResolvedValue({ ...REGISTRATION, id: 'not base64url!' });
    await expect(addPasskey('Work laptop')).rejects.toThrow(/not a passkey credential/);
    expect(server.calls).toHaveLength(1);
  });
});

describe('logInWithPasskey', () => {
  it('logs in with the passkey the browser offers', async () => {
    const server = fakeServer({
      'POST /api/auth/passkey/options': () => [200, REQUEST_OPTIONS],
      'POST /api/auth/passkey': () => [200, SESSION],
    });
    authenticate.mockResolvedValue(ASSERTION);
    await expect(logInWithPasskey()).resolves.toEqual(SESSION);
    expect(authenticate).toHaveBeenCalledWith({ optionsJSON: REQUEST_OPTIONS });
    expect(server.calls[1]?.body).toEqual({ response: ASSERTION });
    expect(signal).not.toHaveBeenCalled();
  });

  it('asks the browser to forget a passkey the server does not know', async () => {
    fakeServer({
      'POST /api/auth/passkey/options': () => [200, REQUEST_OPTIONS],
      'POST /api/auth/passkey': () => [
        401,
        apiError('passkey_not_registered', "This passkey isn't registered here"),
      ],
    });
    authenticate.mockResolvedValue(ASSERTION);
    await expect(logInWithPasskey()).rejects.toMatchObject({
      code: 'passkey_not_registered',
      message: "This passkey isn't registered here",
    });
    expect(signal).toHaveBeenCalledWith({
      signalName: 'unknownCredential',
      rpID: 'localhost',
      credentialID: CREDENTIAL_ID,
    });
  });

  it('forgets nothing for any other refusal', async () => {
    fakeServer({
      'POST /api/auth/passkey/options': () => [200, REQUEST_OPTIONS],
      'POST /api/auth/passkey': () => [401, apiError('invalid_credentials', 'Invalid credentials')],
    });
    authenticate.mockResolvedValue(ASSERTION);
    await expect(logInWithPasskey()).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(signal).not.toHaveBeenCalled();
  });
});

describe('stepUpWithPasskey', () => {
  it("confirms it's the session's user with one of their passkeys", async () => {
    const server = fakeServer({
      'POST /api/auth/step-up/passkey/options': () => [
        200,
        { ...REQUEST_OPTIONS, allowCredentials: [{ id: CREDENTIAL_ID, type: 'public-key' }] },
      ],
      'POST /api/auth/step-up/passkey': () => [200, { ...SESSION, kind: 'register' }],
    });
    authenticate.mockResolvedValue(ASSERTION);
    await expect(stepUpWithPasskey()).resolves.toMatchObject({ kind: 'register', adminAccess: true });
    expect(server.calls[1]?.body).toEqual({ response: ASSERTION });
  });

  it('tells "no passkey yet" apart from a passkey the server does not know', async () => {
    fakeServer({
      'POST /api/auth/step-up/passkey/options': () => [
        409,
        apiError('no_passkey_yet', 'You have no passkey yet. Confirm with your password.'),
      ],
    });
    const err = await stepUpWithPasskey().catch((e: unknown) => e);
    expect(hasNoPasskeyYet(err)).toBe(true);
    expect(authenticate).not.toHaveBeenCalled();
    const unknown = new ApiClientError('passkey_not_registered', "This passkey isn't registered here", 401);
    expect(hasNoPasskeyYet(unknown)).toBe(false);
  });
});
