import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import type {
  ApprovalCodeJSON,
  ChallengePurpose,
  DeviceJSON,
  DevicePublicKeyJWK,
  PinChallengeJSON,
  SessionJSON,
} from '@tapin/shared';
import { deviceIdOf } from '../../src/devices/device-key.js';
import type { TestApp } from './test-app.js';
import { TestClient, type Reply } from './test-client.js';

/** A register: its own non-extractable P-256 key, as the PWA keeps in IndexedDB, and its own cookies. */
export class TestDevice {
  readonly client: TestClient;
  private constructor(
    t: TestApp,
    readonly id: string,
    readonly publicKey: DevicePublicKeyJWK,
    private readonly privateKey: CryptoKey,
  ) {
    this.client = new TestClient(t);
  }

  static async create(t: TestApp): Promise<TestDevice> {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: false });
    const jwk = await exportJWK(publicKey);
    const pub = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } as DevicePublicKeyJWK;
    return new TestDevice(t, await deviceIdOf(pub), pub, privateKey);
  }

  /** Approves this device from an admin's or manager's session. */
  async approveWith(admin: TestClient, name = 'Till 1'): Promise<Reply<{ device: DeviceJSON }>> {
    return admin.post('/api/devices/approve', await this.approvalRequest(name));
  }

  /** What the device sends to be approved: its public key, and proof that it holds the private one. */
  async approvalRequest(
    name = 'Till 1',
  ): Promise<{ name: string; publicKey: DevicePublicKeyJWK; proof: string }> {
    const challenge = await this.challenge('approval');
    const proof = await this.sign({ purpose: 'tapin:approve-device', challenge, deviceId: this.id });
    return { name, publicKey: this.publicKey, proof };
  }

  /** Asks for an approval code, as the username and password screen's "Approve with a code" does. */
  async askForApprovalCode(userAgent?: string): Promise<Reply<ApprovalCodeJSON>> {
    const challenge = await this.challenge('approval');
    const proof = await this.sign({ purpose: 'tapin:request-approval-code', challenge, deviceId: this.id });
    return this.client.call<ApprovalCodeJSON>(
      'POST',
      '/api/approval-codes',
      { publicKey: this.publicKey, proof },
      userAgent ? { 'user-agent': userAgent } : {},
    );
  }

  async challenge(purpose: ChallengePurpose = 'pin-login'): Promise<string> {
    const res = await this.client.post<PinChallengeJSON>('/api/devices/challenge', {
      deviceId: this.id,
      purpose,
    });
    if (res.status !== 200) throw new Error(`challenge failed: ${res.status} ${res.text}`);
    return res.body.challenge;
  }

  sign(payload: object, key: CryptoKey = this.privateKey): Promise<string> {
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256' })
      .sign(key);
  }

  async proofFor(challenge: string, deviceId = this.id): Promise<string> {
    return this.sign({ purpose: 'tapin:pin-login', challenge, deviceId });
  }

  /** The full PIN login: fresh challenge, signed proof, PIN. */
  async pinLogin(pin: string): Promise<Reply<SessionJSON>> {
    const challenge = await this.challenge();
    return this.client.post<SessionJSON>('/api/pin-login', {
      deviceId: this.id,
      pin,
      proof: await this.proofFor(challenge),
    });
  }
}
