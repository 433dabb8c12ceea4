import type {
  PasskeyCreationOptionsJSON,
  PasskeyJSON,
  PasskeyRequestOptionsJSON,
  SessionJSON,
} from '@tapin/shared';
import type { TestApp } from './test-app.js';
import type { CeremonyOverrides, TestAuthenticator } from './test-authenticator.js';
import type { Reply, TestClient } from './test-client.js';

/** Asks for creation options and fails the test if that is refused. */
export async function registrationOptions(client: TestClient): Promise<PasskeyCreationOptionsJSON> {
  const res = await client.post<PasskeyCreationOptionsJSON>('/api/passkeys/registration/options', {});
  if (res.status !== 200) throw new Error(`registration options failed: ${res.status} ${res.text}`);
  return res.body;
}

/** The whole "add a passkey" ceremony; returns the server's answer to the finishing request. */
export async function addPasskey(
  client: TestClient,
  authenticator: TestAuthenticator,
  name = 'My phone',
  overrides: CeremonyOverrides = {},
): Promise<Reply<PasskeyJSON>> {
  const options = await registrationOptions(client);
  return client.post<PasskeyJSON>('/api/passkeys/registration', {
    name,
    response: authenticator.register(options, overrides),
  });
}

export async function loginOptions(client: TestClient): Promise<PasskeyRequestOptionsJSON> {
  const res = await client.post<PasskeyRequestOptionsJSON>('/api/auth/passkey/options', {});
  if (res.status !== 200) throw new Error(`login options failed: ${res.status} ${res.text}`);
  return res.body;
}

/** The whole passkey login: fresh options, an assertion, the login request. */
export async function passkeyLogin(
  client: TestClient,
  authenticator: TestAuthenticator,
  overrides: CeremonyOverrides = {},
): Promise<Reply<SessionJSON>> {
  const options = await loginOptions(client);
  return client.post<SessionJSON>('/api/auth/passkey', {
    response: authenticator.assert(options, overrides),
  });
}

/** Every stored passkey, oldest first. */
export async function passkeyRows(t: TestApp) {
  return t.deps.database.db.selectFrom('passkeys').selectAll().orderBy('created_at').orderBy('id').execute();
}

/** Switches "Require a passkey for admins and managers" on or off, as `admin`. */
export async function requirePasskeys(admin: TestClient, on: boolean): Promise<void> {
  const res = await admin.patchCurrent('/api/organisation/pin-login', { requirePasskey: on });
  if (res.status !== 200) throw new Error(`changing requirePasskey failed: ${res.status} ${res.text}`);
}
