import { ADMIN, expect, logIn, openMyAccount, test } from './fixtures';

// Steps 1 and 2 of the help article "Log in with PIN code", in the words it uses.

const PIN_TAKEN = 'This PIN is already in use. Choose another PIN.';

test('an admin sets up Tapin, activates Log in with PIN code and gives each user a unique PIN', async ({
  page,
}) => {
  // First run: the organisation and its admin.
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel('Organisation name').fill('Corner Shop');
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();

  // Log out through the user menu, then log in with username and password.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, ADMIN);
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();

  // Step 1: My account > Log in with PIN code > Activate.
  await openMyAccount(page, 'Log in with PIN code');
  await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
  const status = page.getByRole('region', { name: 'Status' }).getByRole('status');
  await expect(status).toHaveText('Log in with PIN code is not active for your organisation');
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  await expect(status).toHaveText('Log in with PIN code is active for your organisation');

  // Step 2: My account > Users > Add user, Login method "PIN only" with a 5-digit PIN.
  await openMyAccount(page, 'Users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await page.getByRole('link', { name: 'Add user' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Casey Till');
  await page.getByLabel('Username').fill('casey');
  await page.getByLabel('Role').selectOption('Cashier');
  await page.getByLabel('Login method').selectOption('PIN only');
  // "PIN only" has no password login anywhere.
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
  const pin = page.getByLabel('PIN', { exact: true });
  await expect(pin).toHaveAttribute('inputmode', 'numeric');
  await pin.fill('01234');
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Casey Till was added.');
  const casey = page.getByRole('row', { name: /Casey Till/ });
  await expect(casey).toContainText('PIN only');
  await expect(casey).toContainText('PIN set');

  // Every PIN is unique: a second user cannot have 01234.
  await page.getByRole('link', { name: 'Add user' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Pat Picker');
  await page.getByLabel('Username').fill('pat');
  await page.getByLabel('Login method').selectOption('Password and PIN');
  await page.getByLabel('PIN', { exact: true }).fill('01234');
  await page.getByLabel('Password', { exact: true }).fill('pat-password-1');
  await page.getByRole('button', { name: 'Save' }).click();
  const secondPin = page.getByLabel('PIN', { exact: true });
  await expect(secondPin).toHaveAttribute('aria-invalid', 'true');
  await expect(secondPin).toHaveAccessibleDescription(new RegExp(PIN_TAKEN.replace(/\./g, '\\.')));
  await expect(page.getByText(PIN_TAKEN)).toBeVisible();
  await expect(secondPin).toBeFocused();

  // Another PIN is accepted.
  await secondPin.fill('56789');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Pat Picker was added.');
  await expect(page.getByRole('row', { name: /Pat Picker/ })).toContainText('Password and PIN');

  // The feature can be deactivated and activated again in the same place.
  await openMyAccount(page, 'Log in with PIN code');
  await expect(status).toHaveText('Log in with PIN code is active for your organisation');
  // Deactivating affects every register, so it asks first; Cancel changes nothing.
  const toggle = page.getByRole('button', { name: 'Deactivate' });
  await toggle.click();
  const confirm = page.getByRole('dialog', { name: 'Deactivate Log in with PIN code?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toHaveText('Log in with PIN code is active for your organisation');
  await toggle.click();
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await expect(status).toHaveText('Log in with PIN code is not active for your organisation');
  // Focus stays on the control, which now activates.
  const activate = page.getByRole('button', { name: 'Activate', exact: true });
  await expect(activate).toBeFocused();
  await activate.click();
  await expect(status).toHaveText('Log in with PIN code is active for your organisation');
  await expect(page.getByRole('button', { name: 'Deactivate' })).toBeFocused();
});

test('a cashier who logs in with a password gets the register, not the admin environment', async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  await seed.createUser({
    name: 'Casey Till',
    username: 'casey',
    role: 'cashier',
    loginMethod: 'password',
    password: 'casey-password-1',
  });

  await logIn(page, { username: 'casey', password: 'casey-password-1' });
  await expect(page.getByText('Logged in as Casey Till')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('button', { name: 'My account' })).toHaveCount(0);

  // Typing an admin address leads back to the register, and the API refuses too.
  await page.goto('/admin/users');
  await expect(page.getByText('Logged in as Casey Till')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  expect((await page.request.get('/api/users')).status()).toBe(403);

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
});

test('a wrong password gets the generic message', async ({ page, seed }) => {
  await seed.setupOrganisation();
  await logIn(page, { username: ADMIN.username, password: 'not the password' });
  await expect(page.getByRole('alert')).toHaveText('Invalid credentials');
  await expect(page.getByRole('button', { name: 'My account' })).toHaveCount(0);
});

test('the My account menu works with the keyboard and leads to the audit log', async ({ page, seed }) => {
  await seed.setupOrganisation();
  await seed.activatePinLogin();
  await logIn(page, ADMIN);
  // With PIN login active, a password login on a device that is not approved offers to approve it.
  await page.getByRole('button', { name: 'Not now' }).click();

  const menuButton = page.getByRole('button', { name: 'My account' });
  await menuButton.focus();
  await page.keyboard.press('ArrowDown');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('menuitem', { name: 'Log in with PIN code' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Users' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(menuButton).toBeFocused();

  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'Audit log' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Log in with PIN code activated/ })).toContainText(ADMIN.name);
  await expect(page.getByRole('row', { name: /Organisation created/ })).toBeVisible();
});

test('editing a user shows that a PIN is set but never the PIN, and deleting asks first', async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  await seed.createUser({
    name: 'Casey Till',
    username: 'casey',
    role: 'cashier',
    loginMethod: 'pin_only',
    pin: '01234',
  });
  await logIn(page, ADMIN);

  await openMyAccount(page, 'Users');
  await page
    .getByRole('row', { name: /Casey Till/ })
    .getByRole('link', { name: 'Edit', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit user' })).toBeVisible();
  await expect(page.getByLabel('Login method')).toHaveValue('pin_only');
  const pin = page.getByLabel('PIN', { exact: true });
  await expect(pin).toHaveValue('');
  await expect(pin).toHaveAccessibleDescription('A PIN is set. Enter a new one to replace it.');

  await page.getByRole('button', { name: 'Delete user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Casey Till?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Delete user' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();

  await expect(page.getByRole('status')).toHaveText('Casey Till was deleted.');
  await expect(page.getByRole('row', { name: /Casey Till/ })).toHaveCount(0);
});

test('the only admin cannot make themselves "PIN only" and lock the organisation out of its settings', async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  await logIn(page, ADMIN);

  await openMyAccount(page, 'Users');
  await page
    .getByRole('row', { name: new RegExp(ADMIN.name) })
    .getByRole('link', { name: 'Edit', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit user' })).toBeVisible();
  await page.getByLabel('Login method').selectOption('pin_only');
  // A PIN pasted with spaces keeps its digits.
  const pin = page.getByLabel('PIN', { exact: true });
  await pin.fill('86 420 ');
  await expect(pin).toHaveValue('86420');
  await page.getByRole('button', { name: 'Save' }).click();

  // Said in the form, at the field that would lock everyone out; nothing is saved.
  await expect(page.getByLabel('Login method')).toHaveAccessibleDescription(
    /only admin who can log in with a password/,
  );
  await page.reload();
  await expect(page.getByLabel('Login method')).toHaveValue('password');
});

test('an unknown admin page says it is not there, and a manager is told the audit log is for admins', async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  const manager = { name: 'Max Manager', username: 'max', password: 'max-password-1' };
  await seed.createUser({ ...manager, role: 'manager', loginMethod: 'password' });
  await logIn(page, manager);
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();

  await page.goto('/admin/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/no-such-page$/);

  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByText('The audit log is for admins.')).toBeVisible();
  await page.getByRole('link', { name: 'Go to Log in with PIN code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
});
