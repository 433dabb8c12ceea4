import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { buildClient, deployClient, removeBuild, restoreClient } from './client-builds';
import {
  ADMIN,
  expect,
  logIn,
  openApprovedRegister,
  pinScreen,
  readLocal,
  tapPin,
  test,
  waitForServiceWorker,
  type Seed,
} from './fixtures';
import { expectFocusInSight, expectLayoutHolds } from './layout';

// A new version reaches a register that stays open all day (docs/offline.md): the app asks for it
// by itself, and offers "Reload" only where nobody loses work, never during a sale. The offer
// passes the axe scan and fits on a desktop, a tablet and a phone.

const CASHIER = { name: 'Casey Till', username: 'casey', pin: '01234' } as const;
const NEXT_VERSION = `next-${Date.now()}`;
let nextBuild: string;

test.beforeAll(async () => {
  // One real build of the same client that reports another version.
  test.setTimeout(120_000);
  nextBuild = await buildClient(NEXT_VERSION);
});

test.afterAll(() => {
  removeBuild(nextBuild);
});

// Every test starts on the build the suite started with.
test.afterEach(() => {
  restoreClient();
});

async function seedShop(seed: Seed): Promise<void> {
  await seed.setupOrganisation();
  await seed.activatePinLogin();
  await seed.createUser({ ...CASHIER, role: 'cashier', loginMethod: 'pin_only' });
}

/** The version the page runs; none while it is between two documents. */
function runningVersion(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.version).catch(() => undefined);
}

function updateOffer(page: Page) {
  return page.getByRole('status').filter({ hasText: 'A new version of Tapin is ready.' });
}

/**
 * The offer of Reload as the page shows it now: no WCAG violation, nothing off the screen, and
 * nothing that gets focus hidden under it.
 */
async function expectOfferAccessible(page: Page, what: string): Promise<void> {
  await expectNoAxeViolations(page, what);
  await expectLayoutHolds(page, what);
  await expectFocusInSight(page, what);
}

/** The browser has installed the new version's service worker, which now waits. */
async function waitForWaitingWorker(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null),
    )
    .toBe('installed');
}

test('a register showing the PIN pad finds a new version by itself and Reload starts it', async ({
  page,
  seed,
}) => {
  test.slow();
  await seedShop(seed);
  // The page's clock can be moved on, so nobody waits half an hour for the next check.
  await page.clock.install();
  await openApprovedRegister(page, seed, 'Front register');
  await waitForServiceWorker(page);
  const started = await runningVersion(page);
  expect(started).toBeTruthy();
  expect(started).not.toBe(NEXT_VERSION);

  deployClient(nextBuild);
  // Nobody reloads the page: the register asks every 30 minutes by itself.
  await page.clock.fastForward('30:00');

  const offer = updateOffer(page);
  await expect(offer).toBeVisible();
  await expect(offer).not.toContainText('Save what you are working on');
  await expectOfferAccessible(page, 'Reload offered on the PIN pad');
  await offer.getByRole('button', { name: 'Reload' }).click();

  await expect.poll(() => runningVersion(page)).toBe(NEXT_VERSION);
  await expect(pinScreen(page)).toBeVisible();
  await expect(updateOffer(page)).toBeHidden();
});

test('while a cashier is logged in the new version waits; at Log out it is offered, and offline sessions survive it', async ({
  page,
  context,
  seed,
}) => {
  test.slow();
  await seedShop(seed);
  await openApprovedRegister(page, seed, 'Front register');
  await waitForServiceWorker(page);
  // An online login first, so that this cashier may log in here offline.
  await tapPin(page, CASHIER.pin);
  await expect(page.getByText(`Logged in as ${CASHIER.name}`)).toBeVisible();
  await expect.poll(() => readLocal(page, 'cache', 'offlineRoster')).toBeTruthy();
  await page.getByRole('button', { name: 'Log out' }).click();

  // The connection drops; the cashier logs in offline and sells on.
  await context.setOffline(true);
  await tapPin(page, CASHIER.pin);
  await expect(page.getByText('Logged in offline.')).toBeVisible();

  // Meanwhile a new version is deployed. The offline session is not reported yet when the
  // connection comes back, so it is still only on the device when the page reloads.
  deployClient(nextBuild);
  await context.route('**/api/offline/upload', (route) => route.abort('connectionfailed'));
  await context.setOffline(false);
  await waitForWaitingWorker(page);
  // workbox-window announces a waiting worker 200 ms after it installed; give it that time.
  await page.waitForTimeout(1_000);
  await expect(updateOffer(page)).toBeHidden();
  await expect(page.getByText(`Logged in as ${CASHIER.name}`)).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(pinScreen(page)).toBeVisible();
  const offer = updateOffer(page);
  await expect(offer).toBeVisible();
  const queued = (await readLocal(page, 'offlineQueue')) as { uploaded: number; logoutAt: number | null }[];
  expect(queued).toEqual([expect.objectContaining({ uploaded: 0, logoutAt: expect.any(Number) })]);

  await context.unroute('**/api/offline/upload');
  await offer.getByRole('button', { name: 'Reload' }).click();
  await expect.poll(() => runningVersion(page)).toBe(NEXT_VERSION);
  await expect(pinScreen(page)).toBeVisible();
  // The new version reports the session the old one queued.
  await expect
    .poll(async () => (await readLocal(page, 'offlineQueue')) as { uploaded: number }[])
    .toEqual([expect.objectContaining({ uploaded: 1 })]);
});

test('the admin environment offers Reload at any time and says to save first', async ({
  page,
  context,
  seed,
}) => {
  test.slow();
  await seed.setupOrganisation();
  await logIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
  await waitForServiceWorker(page);

  deployClient(nextBuild);
  await context.setOffline(true);
  await context.setOffline(false);

  const offer = updateOffer(page);
  await expect(offer).toContainText(
    'Save what you are working on first: reloading discards changes that are not saved.',
  );
  await expectOfferAccessible(page, 'Reload offered in the admin environment');
  await offer.getByRole('button', { name: 'Reload' }).click();
  await expect.poll(() => runningVersion(page)).toBe(NEXT_VERSION);
  await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
});
