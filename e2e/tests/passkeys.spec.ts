import type { Page } from '@playwright/test';
import {
  ADMIN,
  attachAuthenticator,
  expect,
  logIn,
  openApprovedRegister,
  openMyAccount,
  pinScreen,
  test,
  type Authenticator,
} from './fixtures';

// Passkeys for admins and managers: adding and removing them under My account > Passkeys, logging
// in with one, confirming it's you with one on a register, and approving a new device after a
// passkey login. Chromium's virtual authenticator (over the DevTools protocol) stands in for the
// device's fingerprint reader or screen lock (attachAuthenticator).

const ADMIN_PIN = '13579';

async function storedPasskeys({ cdp, authenticatorId }: Authenticator) {
  return (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
}

/** My account > Passkeys > Add a passkey, under the given name. */
async function addPasskey(page: Page, name: string): Promise<void> {
  await openMyAccount(page, 'Passkeys');
  await expect(page.getByRole('heading', { level: 1, name: 'Passkeys' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a passkey' });
  await dialog.getByLabel('Passkey name').fill(name);
  await dialog.getByRole('button', { name: 'Add passkey' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
}

async function logOutFromAdmin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
}

test('an admin adds a passkey under My account > Passkeys, logs in with it, and removes it after confirming', async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  const authenticator = await attachAuthenticator(page);
  await logIn(page, ADMIN);
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();

  // My account > Passkeys: none yet.
  await openMyAccount(page, 'Passkeys');
  await expect(page.getByRole('heading', { level: 1, name: 'Passkeys' })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/passkeys$/);
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible();

  // Add a passkey: a name is suggested and can be changed; then the browser creates it.
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add a passkey' });
  const nameField = addDialog.getByLabel('Passkey name');
  await expect(nameField).toBeFocused();
  await expect(nameField).not.toHaveValue('');
  await nameField.fill('');
  await addDialog.getByRole('button', { name: 'Add passkey' }).click();
  await expect(nameField).toHaveAccessibleDescription(/Give the passkey a name/);
  await nameField.fill('Work laptop');
  await addDialog.getByRole('button', { name: 'Add passkey' }).click();
  await expect(addDialog).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Work laptop was added. You can now log in with it.');
  const laptop = page.getByRole('row', { name: /Work laptop/ });
  await expect(laptop.getByRole('cell').nth(1)).toHaveText('Never');
  expect(await storedPasskeys(authenticator)).toHaveLength(1);

  // The same authenticator cannot hold a second passkey of the same person for Tapin.
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await addDialog.getByRole('button', { name: 'Add passkey' }).click();
  await expect(addDialog.getByRole('alert')).toHaveText(/already has one of your passkeys/);
  await addDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('row')).toHaveCount(2);

  // Log out, and back in with the passkey: no username, no password.
  await logOutFromAdmin(page);
  await page.getByRole('button', { name: 'Log in with a passkey' }).click();
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();
  await openMyAccount(page, 'Passkeys');
  await expect(laptop.getByRole('cell').nth(1)).not.toHaveText('Never');

  // Remove asks first; Cancel keeps the passkey.
  await laptop.getByRole('button', { name: 'Remove' }).click();
  const removeDialog = page.getByRole('dialog', { name: 'Remove Work laptop?' });
  await expect(removeDialog).toContainText('You can no longer log in with this passkey');
  await removeDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(removeDialog).toBeHidden();
  await expect(laptop).toBeVisible();
  await laptop.getByRole('button', { name: 'Remove' }).click();
  await removeDialog.getByRole('button', { name: 'Remove passkey' }).click();
  await expect(removeDialog).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Work laptop was removed.');
  await expect(laptop).toHaveCount(0);
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible();

  // The audit log says what happened, with the passkey's name.
  await openMyAccount(page, 'Audit log');
  await expect(page.getByText('Passkey added: Work laptop')).toBeVisible();
  await expect(page.getByText('Passkey removed: Work laptop')).toBeVisible();

  // The device still offers the removed passkey; the login screen says it no longer counts here.
  await logOutFromAdmin(page);
  await page.getByRole('button', { name: 'Log in with a passkey' }).click();
  await expect(page.getByRole('alert')).toHaveText("This passkey isn't registered here");
  await expect(page.getByRole('button', { name: 'My account' })).toHaveCount(0);
});

test('with a passkey required, an admin is asked to add one, cannot remove the last, and must use it', async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  await attachAuthenticator(page);
  await logIn(page, ADMIN);

  // My account > Log in with PIN code: the organisation-wide setting, saved when ticked.
  await openMyAccount(page, 'Log in with PIN code');
  const requirement = page.getByLabel('Require a passkey for admins and managers');
  await expect(requirement).not.toBeChecked();
  await requirement.check();
  await expect(
    page.getByText('Saved. Admins and managers who have a passkey now log in with it.'),
  ).toBeVisible();

  // This admin has none yet: every page says so, with the way to add one.
  const notice = page.getByRole('complementary', { name: 'Passkey required' });
  await expect(notice).toContainText('Your organisation requires a passkey.');
  await notice.getByRole('link', { name: 'Add one now.' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Passkeys' })).toBeVisible();
  await addPasskey(page, 'Phone');
  await expect(notice).toHaveCount(0);

  // The last passkey stays while the organisation requires one; the dialog says why.
  await page.getByRole('row', { name: /Phone/ }).getByRole('button', { name: 'Remove' }).click();
  const removeDialog = page.getByRole('dialog', { name: 'Remove Phone?' });
  await removeDialog.getByRole('button', { name: 'Remove passkey' }).click();
  await expect(removeDialog.getByRole('alert')).toHaveText(/cannot remove your last one/);
  await removeDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('row', { name: /Phone/ })).toBeVisible();

  // The right password alone no longer opens the admin environment: the screen points to the passkey.
  await logOutFromAdmin(page);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Use your passkey to log in: choose “Log in with a passkey”.',
  );
  const passkeyButton = page.getByRole('button', { name: 'Log in with a passkey' });
  await expect(passkeyButton).toBeFocused();
  await passkeyButton.click();
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();
  await expect(notice).toHaveCount(0);

  await openMyAccount(page, 'Audit log');
  await expect(page.getByText('Passkey required for admins and managers')).toBeVisible();
});

test('an admin logged in with a PIN confirms it is them with a passkey', async ({ page, seed }) => {
  await seed.setupOrganisation();
  await seed.activatePinLogin();
  const { users } = (await seed.call('GET', '/api/users')) as { users: { id: string; username: string }[] };
  const admin = users.find((u) => u.username === ADMIN.username);
  await seed.change('PATCH', `/api/users/${admin?.id}`, { loginMethod: 'password_and_pin', pin: ADMIN_PIN });
  await attachAuthenticator(page);
  await openApprovedRegister(page, seed, 'Back office');

  // Without a passkey yet, the dialog says so and leaves the password.
  await page.keyboard.type(ADMIN_PIN);
  await expect(page.getByText(`Logged in as ${ADMIN.name}`)).toBeVisible();
  await page.getByRole('button', { name: 'Admin environment' }).click();
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
  await dialog.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('You have no passkey yet. Confirm with your password.');
  await expect(dialog.getByRole('button', { name: 'Use a passkey' })).toHaveCount(0);
  await expect(dialog.getByLabel('Password')).toBeFocused();
  await dialog.getByLabel('Password').fill(ADMIN.password);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
  await addPasskey(page, 'Back office');

  // The next PIN session confirms with the passkey, without typing the password.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Back to register' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(pinScreen(page)).toBeVisible();
  await page.keyboard.type(ADMIN_PIN);
  await expect(page.getByText(`Logged in as ${ADMIN.name}`)).toBeVisible();
  await page.getByRole('button', { name: 'Admin environment' }).click();
  await dialog.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to register' })).toBeVisible();
});

test('after a passkey login on a new device, the approval screen comes first', async ({
  page,
  browser,
  seed,
}) => {
  await seed.setupOrganisation();
  const first = await attachAuthenticator(page);
  await logIn(page, ADMIN);
  await addPasskey(page, 'Phone');
  await seed.activatePinLogin();

  // The same passkey on another device, as a passkey synced between a person's devices would be:
  // a new browser context has a device key of its own and an authenticator that holds a copy.
  const [credential] = await storedPasskeys(first);
  if (!credential) throw new Error('The first authenticator holds no passkey');
  const registerContext = await browser.newContext();
  const register = await registerContext.newPage();
  const second = await attachAuthenticator(register);
  await second.cdp.send('WebAuthn.addCredential', {
    authenticatorId: second.authenticatorId,
    credential,
  });

  await register.goto('/');
  await register.getByRole('button', { name: 'Log in with a passkey' }).click();
  await expect(register.getByRole('heading', { name: 'Approve this device' })).toBeVisible();
  await register.getByLabel('Device name').fill('Register 2');
  await register.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(register.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
  const row = register.getByRole('region', { name: 'Devices' }).getByRole('row', { name: /Register 2/ });
  await expect(row).toContainText('This device');

  // Approved: logging out shows the PIN pad there.
  await register.getByRole('button', { name: 'User menu' }).click();
  await register.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(pinScreen(register)).toBeVisible();
  await registerContext.close();
});
