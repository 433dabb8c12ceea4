import { test as base, expect, type APIRequestContext, type CDPSession, type Page } from '@playwright/test';

export { expect };

export type Role = 'admin' | 'manager' | 'cashier';
export type LoginMethod = 'password' | 'password_and_pin' | 'pin_only';

export interface Credentials {
  username: string;
  password: string;
}

export interface NewUser {
  name: string;
  username: string;
  role: Role;
  loginMethod: LoginMethod;
  pin?: string;
  password?: string;
}

export const ADMIN = { name: 'Ada Admin', username: 'ada', password: 'correct horse battery' } as const;
export const ORGANISATION = 'Corner Shop';

/** What first-run setup creates: the organisation and its first admin. */
export interface NewOrganisation extends Credentials {
  organisationName: string;
  name: string;
}

/**
 * Puts state in place through the public API, as its own client with its own cookies: the
 * browser under test stays logged out until the test logs it in.
 */
export class Seed {
  constructor(
    private readonly request: APIRequestContext,
    private readonly origin: string,
  ) {}

  async call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: object): Promise<unknown> {
    const res = await this.request.fetch(path, {
      method,
      headers: { origin: this.origin },
      ...(method !== 'GET' && { data: body ?? {} }),
    });
    if (!res.ok()) throw new Error(`${method} ${path} answered ${res.status()}: ${await res.text()}`);
    return res.json();
  }

  /** Empties the database: the server is a fresh install again. */
  async reset(): Promise<void> {
    await this.call('POST', '/api/test/reset');
  }

  /** First-run setup; this client stays logged in as the admin. */
  async setupOrganisation(
    organisation: NewOrganisation = { organisationName: ORGANISATION, ...ADMIN },
  ): Promise<void> {
    await this.call('POST', '/api/setup', organisation);
  }

  async createUser(user: NewUser): Promise<void> {
    await this.call('POST', '/api/users', user);
  }

  /**
   * A change to a user, a device or the organisation's settings, sent with the version they have
   * now, as a form loaded just before would send it.
   */
  async change(method: 'POST' | 'PATCH', path: string, body: object = {}): Promise<unknown> {
    const read = path.startsWith('/api/organisation/pin-login')
      ? '/api/organisation/pin-login'
      : path.replace(/\/(revoke|unlock)$/, '');
    const now = (await this.call('GET', read)) as {
      version?: number;
      user?: { version: number };
      device?: { version: number };
    };
    return this.call(method, path, {
      version: now.version ?? now.user?.version ?? now.device?.version,
      ...body,
    });
  }

  async activatePinLogin(): Promise<void> {
    await this.change('POST', '/api/organisation/pin-login/activate');
  }
}

export const test = base.extend<{ seed: Seed; freshDatabase: void }>({
  seed: async ({ playwright, baseURL }, use) => {
    if (!baseURL) throw new Error('baseURL is not configured');
    const request = await playwright.request.newContext({ baseURL });
    await use(new Seed(request, new URL(baseURL).origin));
    await request.dispose();
  },
  // Every test starts from an empty database.
  freshDatabase: [
    async ({ seed }, use) => {
      await seed.reset();
      await use();
    },
    { auto: true },
  ],
});

/** Logs in on the username and password screen. */
export async function logIn(page: Page, who: Credentials): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

export interface Authenticator {
  cdp: CDPSession;
  authenticatorId: string;
}

/**
 * Gives the page's browser a built-in authenticator that holds discoverable passkeys. Chromium's
 * virtual authenticator (over the DevTools protocol) stands in for the device's fingerprint
 * reader or screen lock: it answers every prompt as a verified user.
 */
export async function attachAuthenticator(page: Page): Promise<Authenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/** Opens My account in the admin environment and picks an item. */
export async function openMyAccount(
  page: Page,
  item: 'Log in with PIN code' | 'Users' | 'Passkeys' | 'Audit log',
): Promise<void> {
  await page.getByRole('button', { name: 'My account' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/**
 * Approves the browser's own device through the API, for tests whose subject is not approval: the
 * page signs the approval challenge with the key the app keeps in IndexedDB, as the app would
 * (the private key cannot be read out).
 */
export async function approveThroughApi(page: Page, seed: Seed, name: string): Promise<void> {
  const signed = await page.evaluate(async () => {
    const record = await new Promise<{ deviceId: string; publicJwk: unknown; privateKey: CryptoKey }>(
      (resolve, reject) => {
        const open = indexedDB.open('tapin');
        open.onerror = () => reject(new Error('IndexedDB did not open'));
        open.onsuccess = () => {
          const read = open.result.transaction('deviceKeys').objectStore('deviceKeys').get('device');
          read.onerror = () => reject(new Error('No device key'));
          read.onsuccess = () =>
            resolve(read.result as { deviceId: string; publicJwk: unknown; privateKey: CryptoKey });
        };
      },
    );
    const res = await fetch('/api/devices/challenge', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: record.deviceId, purpose: 'approval' }),
    });
    const { challenge } = (await res.json()) as { challenge: string };
    const b64url = (bytes: Uint8Array) =>
      btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
    const text = (value: object) => b64url(new TextEncoder().encode(JSON.stringify(value)));
    const input = `${text({ alg: 'ES256' })}.${text({ purpose: 'tapin:approve-device', challenge, deviceId: record.deviceId })}`;
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      record.privateKey,
      new TextEncoder().encode(input),
    );
    return { publicKey: record.publicJwk, proof: `${input}.${b64url(new Uint8Array(signature))}` };
  });
  await seed.call('POST', '/api/devices/approve', { name, ...signed });
}

/** Opens the app on a device that is not approved yet, and approves it through the API. */
export async function openApprovedRegister(page: Page, seed: Seed, name: string): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await approveThroughApi(page, seed, name);
  await page.reload();
  await expect(pinScreen(page)).toBeVisible();
}

export function pinScreen(page: Page) {
  return page.getByRole('heading', { name: 'Enter your PIN' });
}

/** Types a PIN on the on-screen keys. */
export async function tapPin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).click();
}

/** Reads one record (or, without a key, every record) of a store in the app's IndexedDB. */
export function readLocal(page: Page, store: string, key?: string): Promise<unknown> {
  return page.evaluate(
    ({ store, key }) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('tapin');
        open.onerror = () => reject(new Error('IndexedDB did not open'));
        open.onsuccess = () => {
          const db = open.result;
          const os = db.transaction(store).objectStore(store);
          const read = key === undefined ? os.getAll() : os.get(key);
          read.onerror = () => reject(new Error(`${store} could not be read`));
          read.onsuccess = () => {
            db.close();
            resolve(read.result);
          };
        };
      }),
    { store, key },
  );
}

/**
 * The service worker serves this page, so it also starts without a network. It claims the page it
 * was installed from; when the page was reloaded while the worker was still activating, Chromium
 * can leave that one document unclaimed, and the next load is the first one it controls.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (!controlled) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
