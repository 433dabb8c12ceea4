import {
  sendSignal,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import {
  AuthenticationResponseJSON,
  RegistrationResponseJSON,
  type PasskeyCreationOptionsJSON,
  type PasskeyJSON,
  type PasskeyRequestOptionsJSON,
  type SessionJSON,
} from '@tapin/shared';
import type * as z from 'zod/mini';
import { ApiClientError } from '../api/api-error';
import * as passkeyApi from '../api/passkey-api';

// The server's options were checked against the shared schemas, which keep the fields they do
// not name; the browser library and then the browser itself check the rest of the dictionary.
const creationOptions = (o: PasskeyCreationOptionsJSON) =>
  o as unknown as PublicKeyCredentialCreationOptionsJSON;
const requestOptions = (o: PasskeyRequestOptionsJSON) =>
  o as unknown as PublicKeyCredentialRequestOptionsJSON;

/** The browser's answer, in the shape the server takes; one that does not fit is not sent. */
function browserAnswer<S extends z.ZodMiniType>(schema: S, answer: unknown): z.output<S> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new Error('The browser gave an answer that is not a passkey credential');
  return parsed.data;
}

/** Adds a passkey for the logged-in user: the browser creates it, then the server stores it. */
export async function addPasskey(name: string): Promise<PasskeyJSON> {
  const options = await passkeyApi.registrationOptions();
  const response = browserAnswer(
    RegistrationResponseJSON,
    await startRegistration({ optionsJSON: creationOptions(options) }),
  );
  return passkeyApi.finishRegistration({ name, response });
}

/** Logs in with whichever of this site's passkeys the person picks: no username needed. */
export async function logInWithPasskey(): Promise<SessionJSON> {
  const options = await passkeyApi.loginOptions();
  const response = browserAnswer(
    AuthenticationResponseJSON,
    await startAuthentication({ optionsJSON: requestOptions(options) }),
  );
  try {
    return await passkeyApi.login({ response });
  } catch (err) {
    if (isUnknownPasskey(err) && options.rpId) forgetPasskey(options.rpId, response.id);
    throw err;
  }
}

/** Confirms it is the logged-in user with one of their passkeys (step-up to the admin environment). */
export async function stepUpWithPasskey(): Promise<SessionJSON> {
  const options = await passkeyApi.stepUpOptions();
  const response = browserAnswer(
    AuthenticationResponseJSON,
    await startAuthentication({ optionsJSON: requestOptions(options) }),
  );
  return passkeyApi.stepUp({ response });
}

/** The server's answer for a passkey it does not know: removed, or made for another server. */
function isUnknownPasskey(err: unknown): boolean {
  return err instanceof ApiClientError && err.code === 'passkey_not_registered';
}

/** Asks the browser, where it can, to stop offering a passkey this server does not know. */
function forgetPasskey(rpID: string, credentialID: string): void {
  sendSignal({ signalName: 'unknownCredential', rpID, credentialID }).catch(() => {
    // Only a courtesy: browsers without the signal keep offering it, and the server keeps refusing it.
  });
}
