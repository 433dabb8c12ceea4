import type { Page, Request } from '@playwright/test';
import {
  ADMIN,
  expect,
  logIn,
  openApprovedRegister,
  openMyAccount,
  pinScreen,
  tapPin,
  test,
  type Seed,
} from './fixtures';

// Steps 3, 4 and 5 of the help article "Log in with PIN code", in the words it uses: approving a
// device (both ways), logging in with a PIN, and managing devices and their sessions.

const CASHIER = { name: 'Casey Till', username: 'casey', pin: '01234' } as const;
const MANAGER = { name: 'Max Manager', username: 'max', pin: '24680', password: 'max-password-1' } as const;
const WRONG_PIN = "That PIN didn't work. Try again.";

/** The organisation, its admin, an active Log in with PIN code and a cashier with a PIN. */
async function seedShop(seed: Seed): Promise<void> {
  await seed.setupOrganisation();
  await seed.activatePinLogin();
  await seed.createUser({ ...CASHIER, role: 'cashier', loginMethod: 'pin_only' });
}

async function logOutFromAdmin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
}

test('way 1: an admin approves the device in Settings, and staff then log in with their PIN', async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  await seed.createUser({ ...CASHIER, role: 'cashier', loginMethod: 'pin_only' });

  // Logged in already (Log in with PIN code is switched on afterwards, so no approval screen).
  await logIn(page, ADMIN);
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();
  await seed.activatePinLogin();

  // Via the user menu in the top right: Settings > Log in with PIN code > Approve.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Log in with PIN code' });
  await expect(section).toContainText('This device is not approved for PIN login.');
  await section.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve this device' });
  const name = dialog.getByLabel('Device name');
  await expect(name).toBeFocused();
  await name.fill('');
  await dialog.getByRole('button', { name: 'Approve device' }).click();
  await expect(name).toHaveAccessibleDescription(/Give the device a name/);
  await name.fill('Front register');
  await dialog.getByRole('button', { name: 'Approve device' }).click();
  await expect(dialog).toBeHidden();
  await expect(section).toContainText('This device is approved for PIN login.');
  await expect(section.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // The next time you log out, the PIN login screen appears.
  await logOutFromAdmin(page);
  await expect(pinScreen(page)).toBeVisible();
  await expect(page).toHaveURL(/\/$/);

  // Step 4: the PIN alone says who logs in, on the on-screen keys...
  await tapPin(page, CASHIER.pin);
  await expect(page.getByText(`Logged in as ${CASHIER.name}`)).toBeVisible();
  // ...nobody but an admin or manager sees the way to the admin environment...
  await expect(page.getByRole('button', { name: 'Admin environment' })).toHaveCount(0);
  // ...and Lock brings the PIN pad back for the next person.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(pinScreen(page)).toBeVisible();

  // The physical keyboard works too. The register holds the challenge the last answer carried,
  // so the login is one request.
  const calls: string[] = [];
  const watch = (r: Request) => {
    if (r.url().includes('/api/')) calls.push(`${r.method()} ${new URL(r.url()).pathname}`);
  };
  page.on('request', watch);
  await page.keyboard.type(CASHIER.pin);
  await expect(page.getByText(`Logged in as ${CASHIER.name}`)).toBeVisible();
  page.off('request', watch);
  expect(calls).toContain('POST /api/pin-login');
  expect(calls.filter((c) => c.endsWith('/api/devices/challenge'))).toEqual([]);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(pinScreen(page)).toBeVisible();

  // A wrong PIN gets one generic message; after a few the screen says how many are left.
  await tapPin(page, '99999');
  await expect(page.getByRole('alert')).toHaveText(WRONG_PIN);
  await expect(page.getByText(/left before this register locks/)).toHaveCount(0);
  await page.keyboard.type('99998');
  // The keys come back once the answer is in.
  await expect(page.getByRole('button', { name: '9', exact: true })).toBeEnabled();
  await page.keyboard.type('99997');
  await expect(page.getByText('7 attempts left before this register locks.')).toBeVisible();

  // The username and password screen is one link away, and the PIN pad one link back.
  await page.getByRole('link', { name: 'Log in with username and password' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole('link', { name: 'Log in with PIN code' }).click();
  await expect(pinScreen(page)).toBeVisible();
});

test("way 2: after a password login the approval screen comes first, until Don't ask again", async ({
  page,
  seed,
}) => {
  await seedShop(seed);

  // Decline once: the admin environment, and the screen again at the next login.
  await logIn(page, ADMIN);
  await expect(page.getByRole('heading', { name: 'Approve this device' })).toBeVisible();
  await expect(page.getByLabel('Device name')).toBeVisible();
  await expect(page.getByLabel("Don't ask again")).not.toBeChecked();
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();
  await logOutFromAdmin(page);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();

  await logIn(page, ADMIN);
  await expect(page.getByRole('heading', { name: 'Approve this device' })).toBeVisible();
  await page.getByLabel("Don't ask again").check();
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();
  await logOutFromAdmin(page);

  // Don't ask again: straight to the admin environment from now on...
  await logIn(page, ADMIN);
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Approve this device' })).toHaveCount(0);

  // ...and approving is still possible via the settings.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve this device' });
  await dialog.getByLabel('Device name').fill('Back office');
  await dialog.getByRole('button', { name: 'Approve device' }).click();
  await expect(page.getByText('This device is approved for PIN login.')).toBeVisible();
  await logOutFromAdmin(page);
  await expect(pinScreen(page)).toBeVisible();
});

test('an admin manages devices: list, details with sessions, Edit name, Revoke, approve again and Delete', async ({
  page,
  browser,
  seed,
}) => {
  await seedShop(seed);

  // A register approved on the device, where the cashier logs in with their PIN.
  const registerContext = await browser.newContext();
  const register = await registerContext.newPage();
  await openApprovedRegister(register, seed, 'Front register');
  await tapPin(register, CASHIER.pin);
  await expect(register.getByText(`Logged in as ${CASHIER.name}`)).toBeVisible();

  // The admin's own browser is approved on its approval screen.
  await logIn(page, ADMIN);
  await page.getByLabel('Device name').fill('Back office');
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();

  // Step 5: My account > Log in with PIN code lists the approved devices.
  const devices = page.getByRole('region', { name: 'Devices' });
  await expect(devices).toContainText('only after an admin or manager approved it on the device itself');
  const front = devices.getByRole('row', { name: /Front register/ });
  const back = devices.getByRole('row', { name: /Back office/ });
  await expect(front).toContainText('Approved');
  await expect(back).toContainText('Approved');
  await expect(back).toContainText('This device');
  await expect(front.getByRole('cell').nth(1)).not.toHaveText('Never');

  // Click a device: its ID, status and sessions (user, IP address, login time).
  await front.getByRole('link', { name: 'Front register' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Front register' })).toBeVisible();
  await expect(page.getByText('Device ID')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Approved' })).toBeVisible();
  const sessions = page.getByRole('table', { name: 'Sessions on Front register' });
  await expect(sessions.getByRole('columnheader')).toHaveText([
    'User',
    'IP address',
    'Login time',
    'Session',
  ]);
  const login = sessions.getByRole('row', { name: new RegExp(CASHIER.name) });
  await expect(login).toContainText(/127\.0\.0\.1|::1/);
  await expect(login).toContainText('Active');
  await expect(login.getByRole('cell').nth(1)).toHaveText(/\d/);
  await page.getByRole('link', { name: 'Log in with PIN code' }).click();

  // Edit name, through the three-dots menu.
  await devices.getByRole('button', { name: 'Actions for Front register' }).click();
  await page.getByRole('menuitem', { name: 'Edit name' }).click();
  const editDialog = page.getByRole('dialog', { name: 'Edit name' });
  await editDialog.getByLabel('Device name').fill('Till 1');
  await editDialog.getByRole('button', { name: 'Save' }).click();
  const till = devices.getByRole('row', { name: /Till 1/ });
  await expect(till).toBeVisible();
  await expect(devices.getByRole('row', { name: /Front register/ })).toHaveCount(0);

  // Revoke: the register's session ends, and on its next load it shows the password screen.
  await devices.getByRole('button', { name: 'Actions for Till 1' }).click();
  await page.getByRole('menuitem', { name: 'Revoke' }).click();
  // A destructive dialog starts on Cancel, and Tab reaches Revoke within it.
  const revoke = page.getByRole('dialog', { name: 'Revoke Till 1?' });
  await expect(revoke.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(revoke.getByRole('button', { name: 'Revoke' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(till).toContainText('Revoked');
  await register.reload();
  await expect(register.getByRole('heading', { name: 'Log in' })).toBeVisible();

  // Approving it again on the device brings back the same device: same row, Approved again.
  await logIn(register, ADMIN);
  await expect(register.getByLabel('Device name')).toBeVisible();
  await register.getByLabel('Device name').fill('Till 1');
  await register.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(register.getByRole('button', { name: 'My account' })).toBeVisible();
  await logOutFromAdmin(register);
  await expect(pinScreen(register)).toBeVisible();
  await page.reload();
  await expect(devices.getByRole('row')).toHaveCount(3);
  await expect(till).toContainText('Approved');

  // Delete, after confirming.
  await devices.getByRole('button', { name: 'Actions for Back office' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const deleteDialog = page.getByRole('dialog', { name: 'Delete Back office?' });
  await deleteDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(back).toBeVisible();
  await devices.getByRole('button', { name: 'Actions for Back office' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await deleteDialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(back).toHaveCount(0);
  await expect(devices.getByRole('status')).toHaveText('Back office was deleted.');
  await registerContext.close();
});

test('deactivating Log in with PIN code shows the password screen; activating brings the PIN pad back', async ({
  page,
  seed,
}) => {
  await seedShop(seed);
  await openApprovedRegister(page, seed, 'Front register');
  await tapPin(page, CASHIER.pin);
  await expect(page.getByText(`Logged in as ${CASHIER.name}`)).toBeVisible();

  // Deactivating ends the PIN session and every device shows the username and password screen.
  await seed.change('POST', '/api/organisation/pin-login/deactivate');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log in with PIN code' })).toHaveCount(0);

  // Activate again: the PIN pad is back without approving the device again.
  await seed.activatePinLogin();
  await page.reload();
  await expect(pinScreen(page)).toBeVisible();
  await page.keyboard.type(CASHIER.pin);
  await expect(page.getByText(`Logged in as ${CASHIER.name}`)).toBeVisible();
});

test('a manager logged in with a PIN confirms the password before the admin environment opens', async ({
  page,
  seed,
}) => {
  await seedShop(seed);
  await seed.createUser({ ...MANAGER, role: 'manager', loginMethod: 'password_and_pin' });
  await openApprovedRegister(page, seed, 'Front register');

  await page.keyboard.type(MANAGER.pin);
  await expect(page.getByText(`Logged in as ${MANAGER.name}`)).toBeVisible();
  await page.getByRole('button', { name: 'Admin environment' }).click();
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
  await expect(dialog.getByLabel('Password')).toBeFocused();

  // The admin API stays closed until then.
  expect((await page.request.get('/api/devices')).status()).toBe(403);

  await dialog.getByLabel('Password').fill('not the password');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Invalid credentials');
  await dialog.getByLabel('Password').fill(MANAGER.password);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Devices' }).getByRole('row', { name: /Front register/ }),
  ).toBeVisible();

  // Back to register; the admin environment opens again without asking, for a while.
  await page.getByRole('link', { name: 'Back to register' }).click();
  await expect(page.getByText(`Logged in as ${MANAGER.name}`)).toBeVisible();
  await page.getByRole('button', { name: 'Admin environment' }).click();
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();

  // A session that ends during use (here: the manager's PIN is changed elsewhere) brings the PIN
  // pad back at the next request.
  const users = (await seed.call('GET', '/api/users')) as { users: { id: string; username: string }[] };
  const manager = users.users.find((u) => u.username === MANAGER.username);
  await seed.change('PATCH', `/api/users/${manager?.id}`, { pin: '13579' });
  await openMyAccount(page, 'Users');
  await expect(pinScreen(page)).toBeVisible();

  // Log out from the register brings the PIN pad back too.
  await page.keyboard.type(CASHIER.pin);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(pinScreen(page)).toBeVisible();
});
