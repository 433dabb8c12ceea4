import type { Browser, Page } from '@playwright/test';
import { ADMIN, approveThroughApi, expect, logIn, openMyAccount, test, type Seed } from './fixtures';

// Two admins with the same form open: the second save does not silently undo the first. It is
// refused with a message, and Reload shows what the first admin saved.

const BEN = { name: 'Ben Admin', username: 'ben', password: 'ben-password-1' } as const;
const CHANGED_USER = 'This user was changed by someone else since you opened it.';
const CHANGED_DEVICE = 'This device was changed by someone else since you opened it.';

/** Ada and Ben, two admins, each logged in in a browser of their own; `before` runs before they log in. */
async function twoAdmins(
  page: Page,
  browser: Browser,
  seed: Seed,
  before?: () => Promise<void>,
): Promise<Page> {
  await seed.setupOrganisation();
  await seed.createUser({ ...BEN, role: 'admin', loginMethod: 'password' });
  await seed.createUser({
    name: 'Casey Till',
    username: 'casey',
    role: 'cashier',
    loginMethod: 'password',
    password: 'casey-password-1',
  });
  await before?.();
  await logIn(page, ADMIN);
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();
  const ben = await (await browser.newContext()).newPage();
  await logIn(ben, BEN);
  await expect(ben.getByRole('button', { name: 'My account' })).toBeVisible();
  return ben;
}

async function editCasey(page: Page): Promise<void> {
  await openMyAccount(page, 'Users');
  await page
    .getByRole('row', { name: /Casey Till/ })
    .getByRole('link', { name: 'Edit' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit user' })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Casey Till');
}

test('the second of two admins saving one user is told it changed, and Reload shows the first one’s change', async ({
  page,
  browser,
  seed,
}) => {
  const ben = await twoAdmins(page, browser, seed);
  await editCasey(page);
  await editCasey(ben);

  // Ada saves first.
  await page.getByLabel('Name', { exact: true }).fill('Casey Cashier');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('Casey Cashier was saved.');

  // Ben's form still shows the user as it was; his save is refused, and nothing of his is kept.
  // He is on a phone: Save is at the foot of the form, and the message at its top comes into view.
  await ben.setViewportSize({ width: 390, height: 844 });
  await ben.getByLabel('Name', { exact: true }).fill('Casey Register');
  await ben.getByLabel('Role').selectOption({ label: 'Manager' });
  await ben.getByRole('button', { name: 'Save' }).click();
  await expect(ben.getByRole('alert')).toHaveText(CHANGED_USER);
  await expect(ben.getByRole('alert')).toBeInViewport();
  await expect(ben.getByRole('heading', { level: 1, name: 'Edit user' })).toBeVisible();

  // Reload loads the user as saved now, in place of what Ben typed.
  await ben.getByRole('button', { name: 'Reload' }).click();
  await expect(ben.getByLabel('Name', { exact: true })).toHaveValue('Casey Cashier');
  await expect(ben.getByLabel('Role')).toHaveValue('cashier');
  await expect(ben.getByRole('alert')).toHaveCount(0);
  await expect(ben.getByLabel('Name', { exact: true })).toBeFocused();

  // From there his change is saved over the current one.
  await ben.getByLabel('Role').selectOption({ label: 'Manager' });
  await ben.getByRole('button', { name: 'Save' }).click();
  await expect(ben.getByRole('status')).toContainText('Casey Cashier was saved.');
  await expect(ben.getByRole('row', { name: /Casey Cashier/ })).toContainText('Manager');
  await ben.context().close();
});

test('the second of two admins renaming one device is told it changed, and Reload shows the new name', async ({
  page,
  browser,
  seed,
}) => {
  const ben = await twoAdmins(page, browser, seed, async () => {
    const register = await (await browser.newContext()).newPage();
    await register.goto('/');
    await expect(register.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await approveThroughApi(register, seed, 'Front register');
    await register.context().close();
  });

  const openEditName = async (admin: Page) => {
    await openMyAccount(admin, 'Log in with PIN code');
    const devices = admin.getByRole('region', { name: 'Devices' });
    await devices.getByRole('button', { name: 'Actions for Front register' }).click();
    await admin.getByRole('menuitem', { name: 'Edit name' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Edit name' });
    await expect(dialog.getByLabel('Device name')).toHaveValue('Front register');
    return dialog;
  };
  const adaDialog = await openEditName(page);
  const benDialog = await openEditName(ben);

  await adaDialog.getByLabel('Device name').fill('Front till');
  await adaDialog.getByRole('button', { name: 'Save' }).click();
  await expect(adaDialog).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: 'The device is now called Front till.' }),
  ).toBeVisible();

  await benDialog.getByLabel('Device name').fill('Counter');
  await benDialog.getByRole('button', { name: 'Save' }).click();
  await expect(benDialog.getByRole('alert')).toHaveText(CHANGED_DEVICE);
  await expect(benDialog).toBeVisible();

  await benDialog.getByRole('button', { name: 'Reload' }).click();
  await expect(benDialog.getByLabel('Device name')).toHaveValue('Front till');
  await expect(benDialog.getByRole('alert')).toHaveCount(0);
  // The list behind the dialog shows the new name too.
  await benDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    ben.getByRole('region', { name: 'Devices' }).getByRole('row', { name: /Front till/ }),
  ).toBeVisible();
  await ben.context().close();
});
