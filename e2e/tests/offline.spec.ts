import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  ADMIN,
  expect,
  logIn,
  openApprovedRegister,
  openMyAccount,
  pinScreen,
  readLocal,
  tapPin,
  test,
  waitForServiceWorker,
  type Seed,
} from './fixtures';

// The register through an outage (docs/offline.md): it starts from the service worker, keeps the
// cashier logged in, lets people who logged in here recently log in by PIN, and reports those
// sessions once the server is back. Plus what makes it an installable app, and the idle lock.

const CASHIER = { name: 'Casey Till', username: 'casey', pin: '01234' } as const;
const STRANGER = { name: 'Pat Picker', username: 'pat', pin: '56789' } as const;
const NOT_ALLOWED =
  'Offline login works only for people who logged in on this device recently while it was online.';

async function seedShop(seed: Seed): Promise<void> {
  await seed.setupOrganisation();
  await seed.activatePinLogin();
  await seed.createUser({ ...CASHIER, role: 'cashier', loginMethod: 'pin_only' });
  await seed.createUser({ ...STRANGER, role: 'cashier', loginMethod: 'pin_only' });
}

/** The signed roster fetched after an online PIN login is on the device (its verifier came first). */
async function waitForOfflineRoster(page: Page): Promise<void> {
  await expect.poll(() => readLocal(page, 'cache', 'offlineRoster')).toBeTruthy();
}

function loggedInAs(page: Page, name: string) {
  return page.getByText(`Logged in as ${name}`);
}

test('the register starts offline, keeps the cashier logged in, allows known PINs only and reports afterwards', async ({
  page,
  context,
  browser,
  seed,
}) => {
  // Two browsers, each logging in: more time on a busy machine.
  test.slow();
  await seedShop(seed);
  await openApprovedRegister(page, seed, 'Front register');
  await waitForServiceWorker(page);
  await tapPin(page, CASHIER.pin);
  await expect(loggedInAs(page, CASHIER.name)).toBeVisible();
  await waitForOfflineRoster(page);

  // No network: the app still starts, with the cashier still logged in.
  await context.setOffline(true);
  await page.reload();
  await expect(loggedInAs(page, CASHIER.name)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^\s*Offline\s*$/ })).toBeVisible();

  // Someone who never logged in on this device is refused offline, and told why.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(pinScreen(page)).toBeVisible();
  await tapPin(page, STRANGER.pin);
  await expect(page.getByRole('alert')).toContainText(NOT_ALLOWED);

  // The cashier who logged in here online may log in offline.
  await tapPin(page, CASHIER.pin);
  await expect(loggedInAs(page, CASHIER.name)).toBeVisible();
  await expect(page.getByText('Logged in offline.')).toBeVisible();

  // The offline session survives a reload, and goes up to the server when the network is back.
  await page.reload();
  await expect(loggedInAs(page, CASHIER.name)).toBeVisible();
  await expect(page.getByText('Logged in offline.')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: /^\s*Online\s*$/ })).toBeVisible();
  await expect
    .poll(async () => (await readLocal(page, 'offlineQueue')) as { uploaded: number }[])
    .toEqual([expect.objectContaining({ uploaded: 1 })]);

  // The device's details show it once, marked Offline.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await logIn(admin, ADMIN);
  await admin.getByRole('button', { name: 'Not now' }).click();
  await openMyAccount(admin, 'Log in with PIN code');
  await admin.getByRole('link', { name: 'Front register' }).click();
  const sessions = admin.getByRole('table', { name: 'Sessions on Front register' });
  const offlineRows = sessions.getByRole('row').filter({ hasText: 'Offline' });
  await expect(offlineRows).toHaveCount(1);
  await expect(offlineRows).toContainText(CASHIER.name);
  await expect(sessions.getByRole('row', { name: new RegExp(CASHIER.name) })).toHaveCount(2);
  await adminContext.close();
});

test('an Offline grace period of 0 refuses offline login', async ({ page, context, seed }) => {
  await seedShop(seed);
  await openApprovedRegister(page, seed, 'Front register');
  await waitForServiceWorker(page);
  await tapPin(page, CASHIER.pin);
  await expect(loggedInAs(page, CASHIER.name)).toBeVisible();
  await waitForOfflineRoster(page);

  // The admin turns offline login off; the next online login brings the new roster.
  await seed.change('PATCH', '/api/organisation/pin-login', { offlineGraceMinutes: 0 });
  await page.getByRole('button', { name: 'Log out' }).click();
  const roster = page.waitForResponse((r) => r.url().endsWith('/api/offline/roster') && r.ok());
  await tapPin(page, CASHIER.pin);
  await expect(loggedInAs(page, CASHIER.name)).toBeVisible();
  await roster;
  await expect
    .poll(async () => {
      const token = ((await readLocal(page, 'cache', 'offlineRoster')) as { value: string }).value;
      const payload = token.split('.')[1] ?? '';
      return (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { users: unknown[] }).users;
    })
    .toEqual([]);

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(pinScreen(page)).toBeVisible();
  await tapPin(page, CASHIER.pin);
  await expect(page.getByRole('alert')).toContainText(NOT_ALLOWED);
  await expect(pinScreen(page)).toBeVisible();
});

test('a device revoked while offline loses its offline access when it reconnects', async ({
  page,
  browser,
  seed,
}) => {
  test.slow();
  await seedShop(seed);
  const registerContext = await browser.newContext();
  const register = await registerContext.newPage();
  await openApprovedRegister(register, seed, 'Front register');
  await waitForServiceWorker(register);
  await tapPin(register, CASHIER.pin);
  await expect(loggedInAs(register, CASHIER.name)).toBeVisible();
  await waitForOfflineRoster(register);
  expect(await readLocal(register, 'verifiers')).toHaveLength(1);
  await registerContext.setOffline(true);

  // The admin, online in another browser, revokes the register.
  await logIn(page, ADMIN);
  await page.getByRole('button', { name: 'Not now' }).click();
  await openMyAccount(page, 'Log in with PIN code');
  const devices = page.getByRole('region', { name: 'Devices' });
  await devices.getByRole('button', { name: 'Actions for Front register' }).click();
  await page.getByRole('menuitem', { name: 'Revoke' }).click();
  await page
    .getByRole('dialog', { name: 'Revoke Front register?' })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await expect(devices.getByRole('row', { name: /Front register/ })).toContainText('Revoked');

  // Back online, the register learns it and wipes everything that allowed offline login.
  await registerContext.setOffline(false);
  await register.reload();
  await expect(register.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect.poll(() => readLocal(register, 'verifiers')).toEqual([]);
  expect(await readLocal(register, 'cache', 'offlineRoster')).toBeUndefined();
  await registerContext.close();
});

test('the manifest, service worker and icons make Tapin installable', async ({
  playwright,
  launchOptions,
  baseURL,
  request,
}) => {
  // Chromium never offers to install from an incognito window, which a new context is: this
  // check needs a browser profile of its own.
  const profile = mkdtempSync(join(tmpdir(), 'tapin-profile-'));
  const context = await playwright.chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }

  const res = await request.get('/manifest.webmanifest');
  expect(res.ok()).toBe(true);
  const manifest = (await res.json()) as {
    name: string;
    short_name: string;
    display: string;
    start_url: string;
    theme_color: string;
    icons: { src: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({
    name: 'Tapin',
    short_name: 'Tapin',
    display: 'standalone',
    start_url: '/',
    theme_color: '#0f766e',
  });
  expect(manifest.icons.some((i) => i.purpose?.split(' ').includes('maskable'))).toBe(true);
  for (const icon of manifest.icons) {
    const image = await request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()['content-type'], icon.src).toBe('image/png');
  }
});

test('the register returns to the PIN pad after the Lock after inactivity time', async ({ page, seed }) => {
  await seedShop(seed);
  // The page's clock can be moved on, so nobody waits a real minute.
  await page.clock.install();

  // The admin approves this device and sets the shortest idle lock, in My account > Log in with PIN code.
  await logIn(page, ADMIN);
  await page.getByLabel('Device name').fill('Front register');
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
  await page.getByLabel('Lock after inactivity (minutes)').fill('1');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(pinScreen(page)).toBeVisible();

  await tapPin(page, CASHIER.pin);
  await expect(loggedInAs(page, CASHIER.name)).toBeVisible();
  // The register has asked the server how long it may stay untouched.
  await expect
    .poll(() => readLocal(page, 'prefs', 'idleLockMinutes'))
    .toEqual({ key: 'idleLockMinutes', value: 1 });

  await page.clock.fastForward('00:30');
  await expect(loggedInAs(page, CASHIER.name)).toBeVisible();
  await page.clock.fastForward('00:35');
  await expect(pinScreen(page)).toBeVisible();
});
