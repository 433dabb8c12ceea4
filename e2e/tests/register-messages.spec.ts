import type { Page } from '@playwright/test';
import {
  expect,
  openApprovedRegister,
  pinScreen,
  readLocal,
  tapPin,
  test,
  waitForServiceWorker,
  type Seed,
} from './fixtures';

// What the register tells the cashier: where it is, why it shows the screen it shows, a lock and
// the wrong PINs left, one countdown while it waits; and Lock, which keeps the session under the
// PIN pad for the same PIN and ends it for another person's.

/** The parts of the admin API's answers these tests read. */
interface DeviceListJSON {
  devices: { id: string }[];
}
interface DeviceDetailsJSON {
  sessions: { id: string; user: { name: string } | null; active: boolean }[];
}

const CASEY = { name: 'Casey Till', username: 'casey', pin: '01234' } as const;
const DANA = { name: 'Dana Drawer', username: 'dana', pin: '13579' } as const;
const WRONG_PIN = "That PIN didn't work. Try again.";
const LOCKED = 'This register is locked after too many wrong PINs. Ask a manager to unlock it.';

async function seedShop(seed: Seed): Promise<void> {
  await seed.setupOrganisation();
  await seed.activatePinLogin();
  await seed.createUser({ ...CASEY, role: 'cashier', loginMethod: 'pin_only' });
  await seed.createUser({ ...DANA, role: 'cashier', loginMethod: 'pin_only' });
}

const loggedInAs = (page: Page, name: string) => page.getByText(`Logged in as ${name}`);
const key = (page: Page, digit: string) => page.getByRole('button', { name: digit, exact: true });

/** The register's sessions as the admin environment lists them, newest first. */
async function sessionsOfTheRegister(seed: Seed) {
  const { devices } = (await seed.call('GET', '/api/devices')) as DeviceListJSON;
  const details = (await seed.call('GET', `/api/devices/${devices[0]?.id}`)) as DeviceDetailsJSON;
  return details.sessions.map((s) => ({ id: s.id, user: s.user?.name, active: s.active }));
}

/** Who the signed offline roster on the device names. */
async function rosterNames(page: Page): Promise<string[]> {
  const record = (await readLocal(page, 'cache', 'offlineRoster')) as { value: string } | undefined;
  const payload = record?.value.split('.')[1];
  if (!payload) return [];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { users: { name: string }[] };
  return claims.users.map((u) => u.name).sort();
}

/** Moves the server's clock on (the end-to-end server only), so nobody waits out a delay. */
async function advanceServerClock(seed: Seed, seconds: number): Promise<void> {
  await seed.call('POST', '/api/test/clock', { seconds });
}

test('a logged-in register shows the password screen within seconds of Deactivate, and says why', async ({
  page,
  seed,
}) => {
  await seedShop(seed);
  await openApprovedRegister(page, seed, 'Front register');
  await tapPin(page, CASEY.pin);
  await expect(loggedInAs(page, CASEY.name)).toBeVisible();

  await seed.change('POST', '/api/organisation/pin-login/deactivate');
  // Nobody reloads: the register's own checks find out.
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText('Log in with PIN code was switched off by an admin')).toBeVisible();

  // Switched on again, the PIN pad comes back by itself and the notice goes.
  await seed.activatePinLogin();
  await expect(pinScreen(page)).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText('Log in with PIN code was switched off by an admin')).toHaveCount(0);
});

test('wrong PINs: the attempts left, one countdown with the keys held back, then the lock, also after a reload', async ({
  page,
  seed,
}) => {
  test.slow();
  await seedShop(seed);
  // The page's clock moves on with the server's, so the delays pass without waiting for them.
  await page.clock.install();
  await openApprovedRegister(page, seed, 'Front register');

  for (let failures = 1; failures <= 10; failures++) {
    await expect(key(page, '1')).toBeEnabled();
    const answered = page.waitForResponse('**/api/pin-login');
    await tapPin(page, String(90000 + failures));
    await answered;
    const left = 10 - failures;
    if (left === 0) break;
    if (left <= 7)
      await expect(
        page.getByText(`${left} ${left === 1 ? 'attempt' : 'attempts'} left before this register locks.`),
      ).toBeVisible();
    else await expect(page.getByText(/left before this register locks/)).toHaveCount(0);
    // From the third wrong PIN in a row the next one waits: 1 s, then twice as long each time.
    const wait = failures >= 3 ? 2 ** (failures - 3) : 0;
    if (wait === 0) {
      await expect(page.getByRole('alert')).toHaveText(WRONG_PIN);
      continue;
    }
    const unit = wait === 1 ? 'second' : 'seconds';
    await expect(page.getByRole('alert')).toHaveText(`That PIN didn't work. Try again in ${wait} ${unit}.`);
    // One countdown, not two messages, and the keys wait before anyone types.
    await expect(page.getByText(/Try again in/)).toHaveCount(1);
    await expect(page.getByRole('timer')).toBeVisible();
    await expect(key(page, '1')).toBeDisabled();
    await page.keyboard.type('1');
    await expect(page.getByRole('status', { name: 'PIN: 0 of 5 digits entered' })).toBeAttached();
    await advanceServerClock(seed, wait);
    await page.clock.fastForward(wait * 1000);
    await expect(page.getByRole('alert')).toHaveText(WRONG_PIN);
  }

  // The tenth locks the register, and it says so, with the keys off.
  await expect(page.getByRole('alert')).toHaveText(LOCKED);
  await expect(key(page, '1')).toBeDisabled();
  await expect(page.getByText(/attempts left/)).toHaveCount(0);
  await page.reload();
  await expect(pinScreen(page)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(LOCKED);
  await expect(key(page, '1')).toBeDisabled();

  // Unlocked by an admin, the register takes PINs again by itself.
  const { devices } = (await seed.call('GET', '/api/devices')) as DeviceListJSON;
  await seed.change('POST', `/api/devices/${devices[0]?.id}/unlock`);
  await page.clock.fastForward(6_000);
  await expect(key(page, '1')).toBeEnabled({ timeout: 10_000 });
  await expect(page.getByRole('alert')).toHaveText('');
  await tapPin(page, CASEY.pin);
  await expect(loggedInAs(page, CASEY.name)).toBeVisible();
});

test('Lock keeps the session: the same PIN comes back to the same screen, another person’s ends it', async ({
  page,
  seed,
}) => {
  await seedShop(seed);
  await openApprovedRegister(page, seed, 'Front register');
  await tapPin(page, CASEY.pin);
  const register = page.getByRole('heading', { name: 'Register' });
  await expect(register).toBeFocused();
  const [first] = await sessionsOfTheRegister(seed);
  expect(first).toMatchObject({ user: CASEY.name, active: true });
  // A mark on the screen itself: the same screen comes back, not a new one that looks alike.
  await register.evaluate((h) => h.setAttribute('data-mark', 'before the lock'));

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(pinScreen(page)).toBeFocused();
  await expect(page.getByText(`Locked by ${CASEY.name}.`)).toBeVisible();
  await expect(loggedInAs(page, CASEY.name)).toBeHidden();
  // A reload stays locked; the register under the PIN pad is there again, hidden.
  await page.reload();
  await expect(pinScreen(page)).toBeVisible();
  await expect(loggedInAs(page, CASEY.name)).toBeHidden();
  await page
    .locator('h1', { hasText: /^Register$/ })
    .evaluate((h) => h.setAttribute('data-mark', 'before the lock'));

  await page.keyboard.type(CASEY.pin);
  await expect(loggedInAs(page, CASEY.name)).toBeVisible();
  await expect(register).toBeFocused();
  await expect(register).toHaveAttribute('data-mark', 'before the lock');
  expect(await sessionsOfTheRegister(seed)).toEqual([first]);

  // Another person's PIN ends Casey's session and opens Dana's, on a register of her own.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(pinScreen(page)).toBeFocused();
  await page.keyboard.type(DANA.pin);
  await expect(loggedInAs(page, DANA.name)).toBeVisible();
  await expect(register).toBeFocused();
  await expect(register).not.toHaveAttribute('data-mark');
  const sessions = await sessionsOfTheRegister(seed);
  expect(sessions).toHaveLength(2);
  expect(sessions).toContainEqual({ ...first, active: false });
  expect(sessions).toContainEqual(expect.objectContaining({ user: DANA.name, active: true }));
  const audit = (await seed.call('GET', '/api/audit')) as { events: { type: string }[] };
  expect(audit.events.map((e) => e.type)).toContain('session.switched_user');

  // Log out still ends the session.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(pinScreen(page)).toBeVisible();
  await expect(page.getByText(/Locked by/)).toHaveCount(0);
  expect((await sessionsOfTheRegister(seed)).every((s) => !s.active)).toBe(true);
});

test.describe('the PIN screen says where it is', () => {
  test.use({ locale: 'en-US', timezoneId: 'Europe/Amsterdam' });

  test("with the shop's and the device's names and the time, also when it starts offline", async ({
    page,
    context,
    seed,
  }) => {
    await seedShop(seed);
    await page.clock.install({ time: new Date('2026-03-02T08:41:10Z') });
    await openApprovedRegister(page, seed, 'Front register');
    await expect(page.getByText('Corner Shop')).toBeVisible();
    await expect(page.getByText('Front register')).toBeVisible();
    await expect(page.locator('time')).toHaveText('9:41 AM');
    await page.clock.fastForward(60_000);
    await expect(page.locator('time')).toHaveText('9:42 AM');

    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await expect(pinScreen(page)).toBeVisible();
    await expect(page.getByText('Corner Shop')).toBeVisible();
    await expect(page.getByText('Front register')).toBeVisible();
  });
});

test('the idle lock keeps the session and says why the PIN pad came back', async ({ page, seed }) => {
  await seedShop(seed);
  await seed.change('PATCH', '/api/organisation/pin-login', { idleLockMinutes: 1 });
  await page.clock.install();
  await openApprovedRegister(page, seed, 'Front register');
  await tapPin(page, CASEY.pin);
  await expect(loggedInAs(page, CASEY.name)).toBeVisible();
  await expect
    .poll(() => readLocal(page, 'prefs', 'idleLockMinutes'))
    .toEqual({ key: 'idleLockMinutes', value: 1 });

  await page.clock.fastForward('01:05');
  await expect(pinScreen(page)).toBeFocused();
  await expect(page.getByText('Locked after 1 minute without use.')).toBeVisible();
  await page.keyboard.type(CASEY.pin);
  await expect(loggedInAs(page, CASEY.name)).toBeVisible();
  await expect(page.getByText('Locked after 1 minute without use.')).toHaveCount(0);
  expect(await sessionsOfTheRegister(seed)).toEqual([expect.objectContaining({ active: true })]);
});

test('offline, Lock resumes with the same PIN and hands over to another person who logged in here', async ({
  page,
  context,
  seed,
}) => {
  await seedShop(seed);
  await openApprovedRegister(page, seed, 'Front register');
  await waitForServiceWorker(page);
  // Both log in online first, so both may log in offline here.
  await tapPin(page, DANA.pin);
  await expect(loggedInAs(page, DANA.name)).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  await tapPin(page, CASEY.pin);
  await expect(loggedInAs(page, CASEY.name)).toBeVisible();
  await expect.poll(() => rosterNames(page)).toEqual([CASEY.name, DANA.name]);

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(pinScreen(page)).toBeFocused();
  await page.keyboard.type(CASEY.pin);
  await expect(loggedInAs(page, CASEY.name)).toBeVisible();
  // Her own session went on: it was not an offline login.
  await expect(page.getByText('Logged in offline.')).toHaveCount(0);

  await page.getByRole('button', { name: 'Lock' }).click();
  await page.keyboard.type(DANA.pin);
  await expect(loggedInAs(page, DANA.name)).toBeVisible();
  await expect(page.getByText('Logged in offline.')).toBeVisible();

  // Back online, the offline message of a refused PIN goes once the server is reachable.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(pinScreen(page)).toBeVisible();
  await tapPin(page, '99999');
  await expect(page.getByRole('alert')).toContainText('Offline login works only for people');
  await context.setOffline(false);
  await expect(page.getByRole('alert')).toHaveText('', { timeout: 10_000 });
});
