import type { Browser, BrowserContext, Page } from '@playwright/test';
import {
  attachAuthenticator,
  expect,
  logIn,
  openApprovedRegister,
  openMyAccount,
  pinScreen,
  tapPin,
  type Seed,
} from './fixtures';

// A walk past every screen of Tapin, with its menus and dialogs open and its error messages
// showing, in a shop whose names are as long as a single word gets. At each stop it calls
// `check`: the layout spec checks the layout there, the accessibility spec scans it.

/** One word, as long as names get: it cannot wrap at a space. */
const LONG_WORD = 'Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft';
/** 60 characters: the longest device and passkey name, and longer than most other names get. */
const long = (prefix: string) => `${prefix}${LONG_WORD}`.slice(0, 60);

export const LONG = {
  organisation: {
    organisationName: long('Shop'),
    name: long('Ada'),
    username: long('ada').toLowerCase(),
    password: 'correct horse battery',
  },
  cashier: { name: long('Casey'), username: long('casey').toLowerCase(), pin: '01234' },
  manager: {
    name: long('Max'),
    username: long('max').toLowerCase(),
    pin: '24680',
    password: 'max-password-1',
  },
  device: long('Register'),
  passkey: long('Laptop'),
} as const;

/** The names another admin gives the cashier and the register while a form is open. */
const RENAMED = { cashier: long('Cassie'), device: long('Till') } as const;

const WRONG_PIN = "That PIN didn't work. Try again.";
const LOCKED = 'This register is locked after too many wrong PINs. Ask a manager to unlock it.';
const CHANGED_USER = 'This user was changed by someone else since you opened it.';
const CHANGED_DEVICE = 'This device was changed by someone else since you opened it.';

export interface Tour {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  seed: Seed;
  /** Called at each stop, once the screen shows what the stop is about. */
  check: (what: string) => Promise<void>;
}

/** The organisation and its people, all with long names, and Log in with PIN code active. */
async function seedLongNames(seed: Seed): Promise<void> {
  await seed.setupOrganisation(LONG.organisation);
  await seed.activatePinLogin();
  await seed.createUser({ ...LONG.cashier, role: 'cashier', loginMethod: 'pin_only' });
  await seed.createUser({ ...LONG.manager, role: 'manager', loginMethod: 'password_and_pin' });
}

/** The id of the user or device with this name, as the admin API lists them. */
async function idOf(seed: Seed, list: 'users' | 'devices', name: string): Promise<string> {
  const answer = (await seed.call('GET', `/api/${list}`)) as Record<string, { id: string; name: string }[]>;
  const found = answer[list]?.find((item) => item.name === name);
  if (!found) throw new Error(`No ${list} called ${name}`);
  return found.id;
}

/** Logs the admin in with the password on a device that is not approved, past the approval screen. */
async function logInAsAdmin(page: Page): Promise<void> {
  await logIn(page, LONG.organisation);
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();
}

export const TOURS: Record<string, (tour: Tour) => Promise<void>> = {
  'first-run setup': async ({ page, check }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Set up Tapin' })).toBeVisible();
    await check('setup');
    await page.getByLabel('Organisation name').fill(LONG.organisation.organisationName);
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await expect(page.getByText('Enter a name')).toBeVisible();
    await check('setup with errors');
  },

  'login and approval screen': async ({ page, seed, check }) => {
    await seedLongNames(seed);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await check('login');
    await page.getByRole('button', { name: 'Approve with a code' }).click();
    await expect(page.getByLabel('Code')).not.toBeEmpty();
    await check('Approve with a code, on the device');
    await page.getByRole('button', { name: 'Log in with username and password' }).click();
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await page.getByLabel('Username').fill(LONG.organisation.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await check('login with an error');

    await logIn(page, LONG.organisation);
    await expect(page.getByRole('heading', { name: 'Approve this device' })).toBeVisible();
    await check('approval screen');
    await page.getByLabel('Device name').fill('');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByLabel('Device name')).toHaveAttribute('aria-invalid', 'true');
    await check('approval screen with an error');
    await page.getByLabel('Device name').fill(LONG.device);
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
  },

  'PIN pad, register home and offline': async ({ page, context, seed, check }) => {
    await seedLongNames(seed);
    await openApprovedRegister(page, seed, LONG.device);
    await check('PIN pad');
    await tapPin(page, '99999');
    await expect(page.getByRole('alert')).toHaveText("That PIN didn't work. Try again.");
    await check('PIN pad with an error');

    await tapPin(page, LONG.cashier.pin);
    await expect(page.getByText(`Logged in as ${LONG.cashier.name}`)).toBeVisible();
    await check('register home');
    await context.setOffline(true);
    await expect(page.getByRole('status').filter({ hasText: /^\s*Offline\s*$/ })).toBeVisible();
    await check('register home offline');
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(pinScreen(page)).toBeVisible();
    await check('PIN pad offline');
    await context.setOffline(false);
    await expect(page.getByRole('status').filter({ hasText: /^\s*Online\s*$/ })).toBeVisible();
  },

  'wrong PINs and the locked register': async ({ page, seed, check }) => {
    await seedLongNames(seed);
    // The page's clock moves on with the server's, so the delays pass without waiting for them.
    await page.clock.install();
    await openApprovedRegister(page, seed, LONG.device);
    const key = page.getByRole('button', { name: '1', exact: true });
    for (let failures = 1; failures < 10; failures++) {
      await expect(key).toBeEnabled();
      const answered = page.waitForResponse('**/api/pin-login');
      await tapPin(page, String(90000 + failures));
      await answered;
      // From the third wrong PIN in a row the next one waits: 1 s, then twice as long each time.
      const wait = failures >= 3 ? 2 ** (failures - 3) : 0;
      if (wait === 0) {
        await expect(page.getByRole('alert')).toHaveText(WRONG_PIN);
        continue;
      }
      await expect(page.getByRole('timer')).toBeVisible();
      if (failures === 9) {
        // The last wait is a minute: the screen stays as it is while it is checked.
        await expect(page.getByText('1 attempt left before this register locks.')).toBeVisible();
        await expect(key).toBeDisabled();
        await check('PIN pad waiting, with one attempt left');
      }
      await seed.call('POST', '/api/test/clock', { seconds: wait });
      await page.clock.fastForward(wait * 1000);
      await expect(page.getByRole('alert')).toHaveText(WRONG_PIN);
    }
    await expect(key).toBeEnabled();
    await tapPin(page, '90010');
    await expect(page.getByRole('alert')).toHaveText(LOCKED);
    await expect(key).toBeDisabled();
    await check('locked register');
  },

  "Confirm it's you": async ({ page, seed, check }) => {
    await seedLongNames(seed);
    await openApprovedRegister(page, seed, LONG.device);
    await tapPin(page, LONG.manager.pin);
    await expect(page.getByText(`Logged in as ${LONG.manager.name}`)).toBeVisible();
    await page.getByRole('button', { name: 'Admin environment' }).click();
    const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
    await expect(dialog.getByLabel('Password')).toBeFocused();
    await check('step-up dialog');
    await dialog.getByLabel('Password').fill('not the password');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByRole('alert')).toBeVisible();
    await check('step-up dialog with an error');
    await dialog.getByLabel('Password').fill(LONG.manager.password);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
    await check('admin environment opened from the register');
  },

  'users and the user form': async ({ page, seed, check }) => {
    await seedLongNames(seed);
    await logInAsAdmin(page);
    await page.getByRole('button', { name: 'My account' }).click();
    await expect(page.getByRole('menuitem', { name: 'Users' })).toBeVisible();
    await check('My account menu');
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(LONG.cashier.name) })).toBeVisible();
    await check('users list');
    await page.getByRole('button', { name: 'User menu' }).click();
    await expect(page.getByRole('menuitem', { name: 'Log out' })).toBeVisible();
    await check('user menu');
    await page.keyboard.press('Escape');

    await page
      .getByRole('row', { name: new RegExp(LONG.cashier.name) })
      .getByRole('link', { name: 'Edit' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edit user' })).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(LONG.cashier.name);
    await check('user form');
    // Another admin renames the cashier meanwhile (the seed's own session, with the version it has
    // now): this form's save is refused.
    const cashier = await idOf(seed, 'users', LONG.cashier.name);
    await seed.change('PATCH', `/api/users/${cashier}`, { name: RENAMED.cashier });
    await page.getByLabel('Name', { exact: true }).fill(long('Kasey'));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toHaveText(CHANGED_USER);
    await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
    await check('user form, changed by someone else');
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(RENAMED.cashier);
    await page.getByLabel('PIN').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByLabel('PIN')).toHaveAttribute('aria-invalid', 'true');
    await check('user form with an error');
    await page.getByRole('button', { name: 'Delete user' }).click();
    await expect(page.getByRole('dialog', { name: `Delete ${RENAMED.cashier}?` })).toBeVisible();
    await check('Delete dialog of a user');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await openMyAccount(page, 'Users');
    await page.getByRole('link', { name: 'Add user' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Add user' })).toBeVisible();
    await check('add user');
  },

  'devices and their sessions': async ({ page, browser, seed, check }) => {
    await seedLongNames(seed);
    // A register with a long name, where the cashier logs in: a device with a session.
    const registerContext = await browser.newContext();
    const register = await registerContext.newPage();
    await openApprovedRegister(register, seed, LONG.device);
    await tapPin(register, LONG.cashier.pin);
    await expect(register.getByText(`Logged in as ${LONG.cashier.name}`)).toBeVisible();
    await registerContext.close();
    // Another device, showing a code to be approved with.
    const farContext = await browser.newContext();
    const far = await farContext.newPage();
    await far.goto('/');
    await far.getByRole('button', { name: 'Approve with a code' }).click();
    const code = (await far.getByLabel('Code').textContent()) ?? '';

    await logInAsAdmin(page);
    await openMyAccount(page, 'Log in with PIN code');
    const devices = page.getByRole('region', { name: 'Devices' });
    await expect(devices.getByRole('row', { name: new RegExp(LONG.device) })).toBeVisible();
    await check('Log in with PIN code with its devices');

    const actions = devices.getByRole('button', { name: `Actions for ${LONG.device}` });
    await actions.click();
    await expect(page.getByRole('menuitem', { name: 'Revoke' })).toBeVisible();
    await check('device menu');
    await page.getByRole('menuitem', { name: 'Edit name' }).click();
    const editName = page.getByRole('dialog', { name: 'Edit name' });
    await editName.getByLabel('Device name').fill('');
    await editName.getByRole('button', { name: 'Save' }).click();
    await expect(editName.getByLabel('Device name')).toHaveAttribute('aria-invalid', 'true');
    await check('Edit name dialog with an error');
    // Another admin renames the register meanwhile: this dialog's save is refused.
    const registerId = await idOf(seed, 'devices', LONG.device);
    await seed.change('PATCH', `/api/devices/${registerId}`, { name: RENAMED.device });
    await editName.getByLabel('Device name').fill(long('Counter'));
    await editName.getByRole('button', { name: 'Save' }).click();
    await expect(editName.getByRole('alert')).toHaveText(CHANGED_DEVICE);
    await expect(editName.getByRole('button', { name: 'Reload' })).toBeVisible();
    await check('Edit name dialog, changed by someone else');
    await editName.getByRole('button', { name: 'Reload' }).click();
    await expect(editName.getByLabel('Device name')).toHaveValue(RENAMED.device);
    // Saved from there, the register has its own name again.
    await editName.getByLabel('Device name').fill(LONG.device);
    await editName.getByRole('button', { name: 'Save' }).click();
    await expect(editName).toBeHidden();

    for (const action of ['Revoke', 'Delete']) {
      await actions.click();
      await page.getByRole('menuitem', { name: action }).click();
      const dialog = page.getByRole('dialog', { name: `${action} ${LONG.device}?` });
      await expect(dialog).toBeVisible();
      await check(`${action} dialog`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    }

    await page.getByRole('button', { name: 'Deactivate' }).click();
    const deactivate = page.getByRole('dialog', { name: 'Deactivate Log in with PIN code?' });
    await expect(deactivate).toBeVisible();
    await check('Deactivate confirmation');
    await deactivate.getByRole('button', { name: 'Cancel' }).click();

    await page
      .getByRole('region', { name: 'Approve with a code' })
      .getByRole('button', { name: 'Approve with a code' })
      .click();
    const withCode = page.getByRole('dialog', { name: 'Approve with a code' });
    await withCode.getByLabel('Code').fill('ABC');
    await withCode.getByRole('button', { name: 'Continue' }).click();
    await expect(withCode.getByLabel('Code')).toHaveAttribute('aria-invalid', 'true');
    await check('Approve with a code dialog with an error');
    await withCode.getByLabel('Code').fill(code);
    await withCode.getByRole('button', { name: 'Continue' }).click();
    await expect(withCode.getByLabel('Device name')).toBeVisible();
    await check('Approve with a code dialog, with what asked for it');
    await withCode.getByRole('button', { name: 'Cancel' }).click();
    await farContext.close();

    await devices.getByRole('link', { name: LONG.device }).click();
    await expect(page.getByRole('heading', { level: 1, name: LONG.device })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(LONG.cashier.name) })).toBeVisible();
    await check('device details with its sessions');
  },

  'passkeys, audit log and settings': async ({ page, seed, check }) => {
    await seedLongNames(seed);
    await attachAuthenticator(page);
    await seed.change('PATCH', '/api/organisation/pin-login', { requirePasskey: true });
    await logInAsAdmin(page);
    await openMyAccount(page, 'Passkeys');
    await expect(page.getByText('You have no passkeys yet.')).toBeVisible();
    await check('passkeys, with a passkey required');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    const add = page.getByRole('dialog', { name: 'Add a passkey' });
    await add.getByLabel('Passkey name').fill(LONG.passkey);
    await check('Add a passkey dialog');
    await add.getByRole('button', { name: 'Add passkey' }).click();
    await expect(add).toBeHidden();
    await expect(page.getByRole('row', { name: new RegExp(LONG.passkey) })).toBeVisible();
    await check('passkeys');
    await page.getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByRole('dialog', { name: `Remove ${LONG.passkey}?` })).toBeVisible();
    await check('Remove dialog');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await openMyAccount(page, 'Audit log');
    await expect(page.getByText(`Passkey added: ${LONG.passkey}`)).toBeVisible();
    await check('audit log');

    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await check('settings');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Approve this device' })).toBeVisible();
    await check('Approve this device dialog');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.goto('/admin/nowhere');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await check('page not found');
  },
};
