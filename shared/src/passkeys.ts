import * as z from 'zod/mini';
import { text } from './text.js';
import { IsoDateTime } from './fields.js';
import { PASSKEY_ID_MAX, PASSKEY_NAME_MAX } from './limits.js';

/** Binary values in WebAuthn JSON travel as unpadded base64url. */
export const Base64URLString = text(z.regex(/^[A-Za-z0-9_-]*$/, 'Not a base64url string'));
export type Base64URLString = z.infer<typeof Base64URLString>;

/** A credential ID as the browser reports it (at most 1023 bytes by the WebAuthn spec). */
export const PasskeyId = Base64URLString.check(z.minLength(1), z.maxLength(PASSKEY_ID_MAX));
export type PasskeyId = z.infer<typeof PasskeyId>;

export const PasskeyName = text(
  z.trim(),
  z.minLength(1, 'Give the passkey a name'),
  z.maxLength(PASSKEY_NAME_MAX),
);

/** A passkey as its owner sees it in My account. Its public key never leaves the server. */
export const PasskeyJSON = z.object({
  id: PasskeyId,
  name: text(),
  createdAt: IsoDateTime,
  lastUsedAt: z.nullable(IsoDateTime),
});
export type PasskeyJSON = z.infer<typeof PasskeyJSON>;

export const PasskeyListJSON = z.object({ passkeys: z.array(PasskeyJSON) });
export type PasskeyListJSON = z.infer<typeof PasskeyListJSON>;

export const PasskeyIdParam = z.strictObject({ id: PasskeyId });

const AuthenticatorAttachment = z.enum(['platform', 'cross-platform']);

// The two credential objects below are what @simplewebauthn/browser's startRegistration() and
// startAuthentication() return. Their shape belongs to the WebAuthn spec, which adds fields over
// time (and browsers add extension results), so they are loose objects: the fields the server
// reads are checked here, anything else is passed through to the verifier, which checks the
// signed bytes. Every other body in the API is strict.

/** PublicKeyCredential.toJSON() after navigator.credentials.create(). */
export const RegistrationResponseJSON = z.looseObject({
  id: PasskeyId,
  rawId: PasskeyId,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: Base64URLString.check(z.minLength(1), z.maxLength(4096)),
    attestationObject: Base64URLString.check(z.minLength(1), z.maxLength(12288)),
    authenticatorData: z.optional(Base64URLString.check(z.maxLength(8192))),
    transports: z.optional(z.array(text(z.maxLength(32))).check(z.maxLength(10))),
    publicKeyAlgorithm: z.optional(z.int()),
    publicKey: z.optional(Base64URLString.check(z.maxLength(4096))),
  }),
  authenticatorAttachment: z.optional(AuthenticatorAttachment),
  clientExtensionResults: z.looseObject({}),
});
export type RegistrationResponseJSON = z.infer<typeof RegistrationResponseJSON>;

/** PublicKeyCredential.toJSON() after navigator.credentials.get(). */
export const AuthenticationResponseJSON = z.looseObject({
  id: PasskeyId,
  rawId: PasskeyId,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: Base64URLString.check(z.minLength(1), z.maxLength(4096)),
    authenticatorData: Base64URLString.check(z.minLength(1), z.maxLength(8192)),
    signature: Base64URLString.check(z.minLength(1), z.maxLength(2048)),
    userHandle: z.optional(Base64URLString.check(z.maxLength(128))),
  }),
  authenticatorAttachment: z.optional(AuthenticatorAttachment),
  clientExtensionResults: z.looseObject({}),
});
export type AuthenticationResponseJSON = z.infer<typeof AuthenticationResponseJSON>;

/** Finishes adding a passkey: the name the user gave it and the browser's answer. */
export const FinishPasskeyRegistrationRequest = z.strictObject({
  name: PasskeyName,
  response: RegistrationResponseJSON,
});
export type FinishPasskeyRegistrationRequest = z.infer<typeof FinishPasskeyRegistrationRequest>;

/** Log in with a passkey, or confirm it is you (step-up) with one. */
export const PasskeyAssertionRequest = z.strictObject({ response: AuthenticationResponseJSON });
export type PasskeyAssertionRequest = z.infer<typeof PasskeyAssertionRequest>;

const CredentialDescriptorJSON = z.looseObject({
  id: PasskeyId,
  type: z.literal('public-key'),
  transports: z.optional(z.array(text())),
});

/**
 * What the server answers for "add a passkey": pass it as `optionsJSON` to
 * @simplewebauthn/browser's startRegistration(). Loose, like the spec's dictionary it mirrors.
 */
export const PasskeyCreationOptionsJSON = z.looseObject({
  challenge: Base64URLString,
  rp: z.looseObject({ name: text(), id: z.optional(text()) }),
  user: z.looseObject({ id: Base64URLString, name: text(), displayName: text() }),
  pubKeyCredParams: z.array(z.looseObject({ alg: z.number(), type: z.literal('public-key') })),
  timeout: z.optional(z.number()),
  excludeCredentials: z.optional(z.array(CredentialDescriptorJSON)),
  authenticatorSelection: z.optional(z.looseObject({})),
  attestation: z.optional(text()),
});
export type PasskeyCreationOptionsJSON = z.infer<typeof PasskeyCreationOptionsJSON>;

/**
 * What the server answers before a passkey login or step-up: pass it as `optionsJSON` to
 * startAuthentication().
 */
export const PasskeyRequestOptionsJSON = z.looseObject({
  challenge: Base64URLString,
  rpId: z.optional(text()),
  timeout: z.optional(z.number()),
  allowCredentials: z.optional(z.array(CredentialDescriptorJSON)),
  userVerification: z.optional(text()),
});
export type PasskeyRequestOptionsJSON = z.infer<typeof PasskeyRequestOptionsJSON>;
