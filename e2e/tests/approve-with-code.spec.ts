import type { Page } from '@playwright/test';
import { expect, logIn, openMyAccount, pinScreen, tapPin, test, type Seed } from './fixtures';

// Approving a device from afar: the device shows a one-time code, a manager elsewhere enters it.

const MANAGER = { name: 'Max Manager', username: 'max', password: 'max-password-1' } as const;
const CASHIER = { name: 'Casey Till', username: 'casey', pin: '01234' } as const;
const CODE_SHAPE = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

async function seedShop(seed: Seed): Promise<void> {
  await seed.setupOrganisation();
  await seed.activatePinLogin();
  await seed.createUser({ ...MANAGER, role: 'manager', loginMethod: 'password' });
  await seed.createUser({ ...CASHIER, role: 'cashier', loginMethod: 'pin_only' });
}

/** The device's side: from the username and password screen to the code it shows. */
async function showCode(device: Page): Promise<string> {
  await device.goto('/');
  await expect(device.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await device.getByRole('button', { name: 'Approve with a code' }).click();
  await expect(device.getByRole('heading', { name: 'Approve with a code' })).toBeVisible();
  const code = device.getByLabel('Code');
  await expect(code).toHaveText(CODE_SHAPE);
  await expect(device.getByText(/Valid for another (9:5\d|10:00)/)).toBeVisible();
  return (await code.textContent()) ?? '';
}

/** The manager's side, in a browser of their own: logged in, at My account > Log in with PIN code. */
async function openManager(page: Page): Promise<void> {
  await logIn(page, MANAGER);
  // Their own browser is not approved either; they decline the approval screen.
  await page.getByRole('button', { name: 'Not now' }).click();
  await openMyAccount(page, 'Log in with PIN code');
  await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
}

test('a manager elsewhere enters the code a device shows, names it, and the device shows the PIN pad by itself', async ({
  page,
  browser,
  seed,
}) => {
  await seedShop(seed);

  // The device, in a browser of its own, nobody logged in on it.
  const deviceContext = await browser.newContext();
  const device = await deviceContext.newPage();
  const code = await showCode(device);

  // The manager types the code, sees what asked for it, names the device and approves it.
  await openManager(page);
  const section = page.getByRole('region', { name: 'Approve with a code' });
  await section.getByRole('button', { name: 'Approve with a code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve with a code' });
  await expect(dialog.getByLabel('Code')).toBeFocused();
  await dialog.getByLabel('Code').fill(code.toLowerCase().replace('-', ' '));
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByRole('definition').filter({ hasText: /^Chrome \d+$/ })).toBeVisible();
  await expect(dialog.getByRole('term').filter({ hasText: 'Operating system' })).toBeVisible();
  await expect(dialog.getByRole('definition').filter({ hasText: /127\.0\.0\.1|::1/ })).toBeVisible();
  await expect(dialog.getByRole('term').filter({ hasText: 'Asked at' })).toBeVisible();
  const name = dialog.getByLabel('Device name');
  await expect(name).toBeFocused();
  await name.fill('Back office tablet');
  await dialog.getByRole('button', { name: 'Approve device' }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByRole('status')).toHaveText(/Back office tablet is approved/);

  // Without a reload, the device learns of it and shows the PIN pad; a cashier logs in there.
  await expect(pinScreen(device)).toBeVisible({ timeout: 10_000 });
  await tapPin(device, CASHIER.pin);
  await expect(device.getByText(`Logged in as ${CASHIER.name}`)).toBeVisible();

  // The device is in the list under its name, approved by the manager.
  const row = page.getByRole('region', { name: 'Devices' }).getByRole('row', { name: /Back office tablet/ });
  await expect(row).toContainText('Approved');
  await expect(row).toContainText(`by ${MANAGER.name}`);

  // The code was for one use: typed again, it no longer works.
  await section.getByRole('button', { name: 'Approve with a code' }).click();
  await dialog.getByLabel('Code').fill(code);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByLabel('Code')).toHaveAccessibleDescription(/That code does not work/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await deviceContext.close();
});

test('a code that was mistyped is refused, and the device goes back to the username and password screen', async ({
  page,
  browser,
  seed,
}) => {
  await seedShop(seed);
  const deviceContext = await browser.newContext();
  const device = await deviceContext.newPage();
  const code = await showCode(device);

  await openManager(page);
  await page
    .getByRole('region', { name: 'Approve with a code' })
    .getByRole('button', { name: 'Approve with a code' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Approve with a code' });
  const field = dialog.getByLabel('Code');
  // Too short is told before asking the server; a code of the right shape that is not the device's by it.
  await field.fill('ABC');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(field).toHaveAccessibleDescription(/Enter the 8 letters and digits/);
  const wrong = code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`;
  await field.fill(wrong);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(field).toHaveAccessibleDescription(/That code does not work/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The device never became approved; it can go back to logging in with a password.
  await device.getByRole('button', { name: 'Log in with username and password' }).click();
  await expect(device.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(device.getByRole('button', { name: 'Approve with a code' })).toBeVisible();
  await deviceContext.close();
});
