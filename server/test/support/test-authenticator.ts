import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
// The server library's own CBOR encoder (tiny-cbor underneath): it writes Maps with integer keys,
// which COSE keys need, and byte strings without tags, which WebAuthn parsers expect.
import { isoCBOR } from '@simplewebauthn/server/helpers';
import type {
  AuthenticationResponseJSON,
  PasskeyCreationOptionsJSON,
  PasskeyRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@tapin/shared';
import { ORIGIN } from './test-app.js';

const FLAG_UP = 0x01; // user present
const FLAG_UV = 0x04; // user verified
const FLAG_AT = 0x40; // attested credential data included

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** What a test may change to make the authenticator or the browser misbehave. */
export interface CeremonyOverrides {
  /** The origin the "browser" writes into clientDataJSON. */
  origin?: string;
  /** The RP ID whose hash starts the authenticator data. */
  rpId?: string;
  /** The challenge signed, instead of the one in the options. */
  challenge?: string;
  /** The signature counter to report, instead of the next one. */
  counter?: number;
  /** The user handle to return, instead of the one given at registration. */
  userHandle?: string;
}

/**
 * A software passkey: one discoverable ES256 (P-256) credential, as a platform authenticator
 * would hold it, that answers navigator.credentials.create() and .get() the way a browser
 * serialises them (PublicKeyCredential.toJSON()). Attestation is "none".
 */
export class TestAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /** The signature counter; `counting: false` models passkeys that always report 0. */
  signCount = 0;
  /** The user handle (user.id in the creation options) this passkey was registered for. */
  userHandle: string | undefined;

  constructor(private readonly opts: { counting?: boolean; rpId?: string; origin?: string } = {}) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private get rpId(): string {
    return this.opts.rpId ?? 'localhost';
  }

  private get origin(): string {
    return this.opts.origin ?? ORIGIN;
  }

  private nextCounter(override: number | undefined): number {
    if (override !== undefined) return override;
    if (this.opts.counting) this.signCount++;
    return this.signCount;
  }

  /** The public key as a COSE_Key map: kty EC2, alg ES256, crv P-256, x, y. */
  private coseKey(): Uint8Array {
    const jwk = this.publicKey.export({ format: 'jwk' });
    const x = Buffer.from(jwk.x ?? '', 'base64url');
    const y = Buffer.from(jwk.y ?? '', 'base64url');
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(x)],
        [-3, new Uint8Array(y)],
      ]),
    );
  }

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** Answers the server's creation options, as startRegistration() would send them back. */
  register(options: PasskeyCreationOptionsJSON, o: CeremonyOverrides = {}): RegistrationResponseJSON {
    this.userHandle = options.user.id;
    const clientDataJSON = this.clientData(
      'webauthn.create',
      o.challenge ?? options.challenge,
      o.origin ?? this.origin,
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(o.rpId ?? this.rpId),
      Buffer.from([FLAG_UP | FLAG_UV | FLAG_AT]),
      uint32(this.nextCounter(o.counter)),
      Buffer.alloc(16), // AAGUID: all zero, as for attestation "none"
      idLength,
      this.credentialId,
      Buffer.from(this.coseKey()),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, never>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, never>()],
        ['authData', new Uint8Array(authData)],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['internal', 'hybrid'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /** Answers the server's request options, as startAuthentication() would send them back. */
  assert(options: PasskeyRequestOptionsJSON, o: CeremonyOverrides = {}): AuthenticationResponseJSON {
    const clientDataJSON = this.clientData(
      'webauthn.get',
      o.challenge ?? options.challenge,
      o.origin ?? this.origin,
    );
    const authenticatorData = Buffer.concat([
      sha256(o.rpId ?? this.rpId),
      Buffer.from([FLAG_UP | FLAG_UV]),
      uint32(this.nextCounter(o.counter)),
    ]);
    // ECDSA over authenticatorData ‖ SHA-256(clientDataJSON); Node's default encoding is DER.
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
      this.privateKey,
    );
    const userHandle = o.userHandle ?? this.userHandle;
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
        ...(userHandle !== undefined && { userHandle }),
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }
}
