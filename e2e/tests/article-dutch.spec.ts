import type { Page } from '@playwright/test';
import { ADMIN, approveThroughApi, expect, tapPin, test, type Credentials, type Seed } from './fixtures';

// The help article "Log in with PIN code", steps 1 to 5, walked in Dutch: the same steps as
// pin-code-settings.spec.ts and devices-and-pin-login.spec.ts, with the glossary's Dutch words.
// Words the glossary does not fix are not asserted letter for letter; where such a text must be
// there, the test checks it is not the English one.

const CASHIER = { name: 'Casey Till', username: 'casey', pin: '01234' } as const;
const MANAGER = { name: 'Max Manager', username: 'max', pin: '24680', password: 'max-password-1' } as const;

// client/messages/nl/errors.json, shown by the error's code.
const PIN_TAKEN = 'Deze pincode is al in gebruik. Kies een andere pincode.';
const INVALID_CREDENTIALS = 'Ongeldige inloggegevens';

type MyAccountItem = 'Inloggen met pincode' | 'Gebruikers' | 'Passkeys' | 'Auditlog';

/**
 * Opens the app on a fresh device, which speaks English, and picks Nederlands with the language
 * switch on the login screen. The device remembers the choice, also after a reload.
 */
async function chooseDutch(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Log in', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Language', { exact: true }).selectOption('Nederlands');
  await expect(page.getByRole('heading', { name: 'Inloggen', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByLabel('Taal', { exact: true })).toHaveValue('nl');
}

/** Logs in on the username and password screen, in Dutch. */
async function logIn(page: Page, who: Credentials): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Inloggen', exact: true })).toBeVisible();
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(who.username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

async function openMyAccount(page: Page, item: MyAccountItem): Promise<void> {
  await page.getByRole('button', { name: 'Mijn account' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

async function openUserMenu(page: Page, item: 'Instellingen' | 'Uitloggen'): Promise<void> {
  await page.getByRole('button', { name: 'Gebruikersmenu' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

function pinScreen(page: Page) {
  return page.getByRole('heading', { name: 'Voer je pincode in' });
}

/** The organisation, its admin, an active Log in with PIN code and a cashier with a PIN. */
async function seedShop(seed: Seed): Promise<void> {
  await seed.setupOrganisation();
  await seed.activatePinLogin();
  await seed.createUser({ ...CASHIER, role: 'cashier', loginMethod: 'pin_only' });
}

/** A register in Dutch, approved on the device (through the API), showing the PIN screen. */
async function openDutchRegister(page: Page, seed: Seed, name: string): Promise<void> {
  await chooseDutch(page);
  await approveThroughApi(page, seed, name);
  await page.reload();
  await expect(pinScreen(page)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByLabel('Taal', { exact: true })).toHaveValue('nl');
}

test('the language chosen on the login screen stays after a reload, and server errors show in Dutch', async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  await chooseDutch(page);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Inloggen', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByLabel('Taal', { exact: true })).toHaveValue('nl');

  // A wrong password: the server's invalid_credentials, in Dutch.
  await logIn(page, { username: ADMIN.username, password: 'not the password' });
  await expect(page.getByRole('alert')).toHaveText(INVALID_CREDENTIALS);
  await expect(page.getByRole('button', { name: 'Mijn account' })).toHaveCount(0);

  // Back to English with the same switch.
  await page.getByLabel('Taal', { exact: true }).selectOption('English');
  await expect(page.getByRole('heading', { name: 'Log in', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('steps 1 and 2 in Dutch: Activeren, Gebruiker toevoegen with Alleen pincode, a unique Pincode, Deactiveren', async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  await chooseDutch(page);
  await logIn(page, ADMIN);
  await expect(page.getByRole('button', { name: 'Mijn account' })).toBeVisible();

  // The user menu offers the languages too, each named in itself.
  await page.getByRole('button', { name: 'Gebruikersmenu' }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'My account' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Nederlands' }).click();
  await expect(page.getByRole('button', { name: 'Mijn account' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

  // Step 1: Mijn account > Inloggen met pincode > Activeren.
  await openMyAccount(page, 'Inloggen met pincode');
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen met pincode' })).toBeVisible();
  const status = page.getByRole('region', { name: 'Status' }).getByRole('status');
  await expect(status).toContainText('Inloggen met pincode');
  await expect(status).not.toContainText('Log in with PIN code');
  const inactive = await status.textContent();
  await page.getByRole('button', { name: 'Activeren', exact: true }).click();
  await expect(status).not.toHaveText(inactive ?? '');
  await expect(status).toContainText('Inloggen met pincode');
  const active = (await status.textContent()) ?? '';
  await expect(page.getByRole('button', { name: 'Deactiveren', exact: true })).toBeVisible();

  // Step 2: Mijn account > Gebruikers > Gebruiker toevoegen, Inlogmethode "Alleen pincode".
  await openMyAccount(page, 'Gebruikers');
  await expect(page.getByRole('heading', { level: 1, name: 'Gebruikers' })).toBeVisible();
  await page.getByRole('link', { name: 'Gebruiker toevoegen' }).click();
  await page.getByLabel('Naam', { exact: true }).fill(CASHIER.name);
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(CASHIER.username);
  await page.getByLabel('Rol', { exact: true }).selectOption('Kassamedewerker');
  await page.getByLabel('Inlogmethode', { exact: true }).selectOption('Alleen pincode');
  // "Alleen pincode" has no password at all.
  await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveCount(0);
  const pin = page.getByLabel('Pincode', { exact: true });
  await expect(pin).toHaveAttribute('inputmode', 'numeric');
  await pin.fill(CASHIER.pin);
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Gebruikers' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(CASHIER.name);
  await expect(page.getByRole('status')).not.toContainText('was added');
  const users = page.getByRole('table');
  await expect(users.getByRole('columnheader')).toHaveText([
    'Naam',
    'Gebruikersnaam',
    'Rol',
    'Inlogmethode',
    'Pincode',
    'Acties',
  ]);
  const casey = page.getByRole('row', { name: new RegExp(CASHIER.name) });
  await expect(casey).toContainText('Kassamedewerker');
  await expect(casey).toContainText('Alleen pincode');

  // Every PIN is unique: the server's pin_taken, in Dutch, at the Pincode field.
  await page.getByRole('link', { name: 'Gebruiker toevoegen' }).click();
  await page.getByLabel('Naam', { exact: true }).fill('Pat Picker');
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill('pat');
  await page.getByLabel('Inlogmethode', { exact: true }).selectOption('Wachtwoord en pincode');
  await page.getByLabel('Pincode', { exact: true }).fill(CASHIER.pin);
  await page.getByLabel('Wachtwoord', { exact: true }).fill('pat-password-1');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  const secondPin = page.getByLabel('Pincode', { exact: true });
  await expect(secondPin).toHaveAttribute('aria-invalid', 'true');
  await expect(secondPin).toHaveAccessibleDescription(new RegExp(PIN_TAKEN.replace(/\./g, '\\.')));
  await expect(page.getByText(PIN_TAKEN)).toBeVisible();
  await expect(secondPin).toBeFocused();

  await secondPin.fill('56789');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Pat Picker');
  await expect(page.getByRole('row', { name: /Pat Picker/ })).toContainText('Wachtwoord en pincode');

  // Deactiveren asks first; Annuleren changes nothing.
  await openMyAccount(page, 'Inloggen met pincode');
  await expect(status).toHaveText(active);
  const toggle = page.getByRole('button', { name: 'Deactiveren', exact: true });
  await toggle.click();
  const confirm = page.getByRole('dialog', { name: /deactiveren/i });
  await expect(confirm).toContainText('Inloggen met pincode');
  await expect(confirm.getByRole('button', { name: 'Annuleren' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Annuleren' }).click();
  await expect(status).toHaveText(active);
  await toggle.click();
  await confirm.getByRole('button', { name: 'Deactiveren', exact: true }).click();
  await expect(status).not.toHaveText(active);
  const activate = page.getByRole('button', { name: 'Activeren', exact: true });
  await expect(activate).toBeFocused();
  await activate.click();
  await expect(status).toHaveText(active);
});

test('step 3 way 1 and step 4 in Dutch: Instellingen > Inloggen met pincode > Goedkeuren, then the PIN screen', async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  await seed.createUser({ ...CASHIER, role: 'cashier', loginMethod: 'pin_only' });
  await chooseDutch(page);
  await logIn(page, ADMIN);
  await expect(page.getByRole('button', { name: 'Mijn account' })).toBeVisible();
  await seed.activatePinLogin();

  // Via Gebruikersmenu: Instellingen > Inloggen met pincode > Goedkeuren, with a name.
  await openUserMenu(page, 'Instellingen');
  await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
  const section = page.getByRole('region', { name: 'Inloggen met pincode' });
  await section.getByRole('button', { name: 'Goedkeuren', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('goedkeuren');
  const name = dialog.getByRole('textbox');
  await expect(name).toBeFocused();
  await name.fill('');
  await dialog.getByRole('button', { name: 'Apparaat goedkeuren' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).not.toHaveAccessibleDescription(/Give the device a name/);
  await name.fill('Kassa voor');
  await dialog.getByRole('button', { name: 'Apparaat goedkeuren' }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByRole('button', { name: 'Goedkeuren', exact: true })).toHaveCount(0);
  await expect(section).not.toContainText('This device is approved');

  // The next time you log out, the PIN screen appears, in Dutch.
  await openUserMenu(page, 'Uitloggen');
  await expect(pinScreen(page)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

  // Step 4: the PIN alone says who logs in.
  await tapPin(page, CASHIER.pin);
  await expect(page.getByText(CASHIER.name, { exact: true })).toBeVisible();
  await expect(page.getByText(`Logged in as ${CASHIER.name}`)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Beheeromgeving' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expect(pinScreen(page)).toBeVisible();
  await page.keyboard.type(CASHIER.pin);
  await expect(page.getByText(CASHIER.name, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(pinScreen(page)).toBeVisible();

  // A wrong PIN gets one message, in Dutch.
  await tapPin(page, '99999');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('alert')).not.toHaveText("That PIN didn't work. Try again.");
  await expect(page.getByRole('alert')).toContainText(/pincode/i);

  // The username and password screen is one link away, and the PIN screen one link back.
  await page.getByRole('link', { name: /gebruikersnaam/i }).click();
  await expect(page.getByRole('heading', { name: 'Inloggen', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Inloggen met pincode' }).click();
  await expect(pinScreen(page)).toBeVisible();
});

test('step 3 way 2 in Dutch: the approval screen after a password login, with Niet nu and Niet meer vragen', async ({
  page,
  seed,
}) => {
  await seedShop(seed);
  await chooseDutch(page);

  // Niet nu: the admin environment, and the approval screen again at the next login.
  await logIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: /goedkeuren/i })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Goedkeuren', exact: true })).toBeVisible();
  await expect(page.getByRole('textbox')).toBeVisible();
  await expect(page.getByLabel('Niet meer vragen')).not.toBeChecked();
  await page.getByRole('button', { name: 'Niet nu' }).click();
  await expect(page.getByRole('button', { name: 'Mijn account' })).toBeVisible();
  await openUserMenu(page, 'Uitloggen');
  await expect(page.getByRole('heading', { name: 'Inloggen', exact: true })).toBeVisible();

  await logIn(page, ADMIN);
  await expect(page.getByRole('button', { name: 'Niet nu' })).toBeVisible();
  await page.getByLabel('Niet meer vragen').check();
  await page.getByRole('button', { name: 'Niet nu' }).click();
  await expect(page.getByRole('button', { name: 'Mijn account' })).toBeVisible();
  await openUserMenu(page, 'Uitloggen');

  // Niet meer vragen: straight to the admin environment from now on...
  await logIn(page, ADMIN);
  await expect(page.getByRole('button', { name: 'Mijn account' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Niet nu' })).toHaveCount(0);

  // ...and approving is still possible via Instellingen.
  await openUserMenu(page, 'Instellingen');
  await page.getByRole('button', { name: 'Goedkeuren', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill('Achterkantoor');
  await dialog.getByRole('button', { name: 'Apparaat goedkeuren' }).click();
  await expect(dialog).toBeHidden();
  await openUserMenu(page, 'Uitloggen');
  await expect(pinScreen(page)).toBeVisible();
});

test('step 5 in Dutch: the device list, Naam wijzigen, Intrekken, Verwijderen, and the details with the sessions', async ({
  page,
  browser,
  seed,
}) => {
  await seedShop(seed);

  // A register in Dutch, approved on the device, where the cashier logs in with their PIN.
  const registerContext = await browser.newContext();
  const register = await registerContext.newPage();
  await openDutchRegister(register, seed, 'Kassa voor');
  await tapPin(register, CASHIER.pin);
  await expect(register.getByRole('button', { name: 'Vergrendelen' })).toBeVisible();

  // The admin's own browser is approved on its approval screen.
  await chooseDutch(page);
  await logIn(page, ADMIN);
  await expect(page.getByRole('button', { name: 'Niet nu' })).toBeVisible();
  await page.getByRole('textbox').fill('Achterkantoor');
  await page.getByRole('button', { name: 'Goedkeuren', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen met pincode' })).toBeVisible();

  // Step 5: Mijn account > Inloggen met pincode lists the approved devices.
  const devices = page.getByRole('region', { name: 'Apparaten' });
  const front = devices.getByRole('row', { name: /Kassa voor/ });
  const back = devices.getByRole('row', { name: /Achterkantoor/ });
  await expect(front).toContainText('Goedgekeurd');
  await expect(back).toContainText('Goedgekeurd');
  await expect(devices.getByRole('heading', { name: 'Apparaten' })).toBeVisible();
  const deviceColumns = devices.getByRole('columnheader');
  await expect(deviceColumns.first()).toHaveText('Naam');
  await expect(deviceColumns.nth(1)).toHaveText('Status');
  await expect(deviceColumns.nth(3)).toHaveText('Goedgekeurd');
  await expect(deviceColumns.last()).toHaveText('Acties');
  // The cashier's login: its time, with digits, in the last-login column.
  await expect(front.getByRole('cell').nth(1)).toHaveText(/\d/);

  // Click a device: Apparaat-ID, Status and the sessions (Gebruiker, IP-adres, Inlogtijd).
  await front.getByRole('link', { name: 'Kassa voor' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kassa voor' })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Apparaat-ID' })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: /^Status$/ })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Goedgekeurd' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Sessies' })).toBeVisible();
  const sessions = page.getByRole('table', { name: /Sessies/ });
  await expect(sessions.getByRole('columnheader')).toHaveText(['Gebruiker', 'IP-adres', 'Inlogtijd', /\S/]);
  const login = sessions.getByRole('row', { name: new RegExp(CASHIER.name) });
  await expect(login).toContainText(/127\.0\.0\.1|::1/);
  await expect(login).not.toContainText('Active');
  // The login time in Dutch: a 24-hour clock, no AM or PM.
  await expect(login.getByRole('cell').nth(1)).toHaveText(/\d/);
  await expect(login.getByRole('cell').nth(1)).not.toHaveText(/AM|PM/);
  await openMyAccount(page, 'Inloggen met pincode');

  // Naam wijzigen, through the three-dots menu.
  await front.getByRole('button', { name: /Acties/ }).click();
  await page.getByRole('menuitem', { name: 'Naam wijzigen' }).click();
  const editDialog = page.getByRole('dialog', { name: 'Naam wijzigen' });
  await editDialog.getByRole('textbox').fill('Kassa 1');
  await editDialog.getByRole('button', { name: 'Opslaan', exact: true }).click();
  const till = devices.getByRole('row', { name: /Kassa 1/ });
  await expect(till).toBeVisible();
  await expect(front).toHaveCount(0);

  // Intrekken: asks first, starting on Annuleren; the register then shows the password screen.
  await till.getByRole('button', { name: /Acties/ }).click();
  await page.getByRole('menuitem', { name: 'Intrekken' }).click();
  const revoke = page.getByRole('dialog', { name: /Kassa 1/ });
  await expect(revoke.getByRole('button', { name: 'Annuleren' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(revoke.getByRole('button', { name: 'Intrekken', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(till).toContainText('Ingetrokken');
  await register.reload();
  await expect(register.getByRole('heading', { name: 'Inloggen', exact: true })).toBeVisible();

  // Approved again on the device: the same row, Goedgekeurd again.
  await logIn(register, ADMIN);
  await expect(register.getByRole('button', { name: 'Niet nu' })).toBeVisible();
  await register.getByRole('textbox').fill('Kassa 1');
  await register.getByRole('button', { name: 'Goedkeuren', exact: true }).click();
  await expect(register.getByRole('button', { name: 'Mijn account' })).toBeVisible();
  await openUserMenu(register, 'Uitloggen');
  await expect(pinScreen(register)).toBeVisible();
  await page.reload();
  await expect(devices.getByRole('row')).toHaveCount(3);
  await expect(till).toContainText('Goedgekeurd');

  // Verwijderen, after confirming.
  await back.getByRole('button', { name: /Acties/ }).click();
  await page.getByRole('menuitem', { name: 'Verwijderen' }).click();
  const deleteDialog = page.getByRole('dialog', { name: /Achterkantoor/ });
  await deleteDialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(back).toBeVisible();
  await back.getByRole('button', { name: /Acties/ }).click();
  await page.getByRole('menuitem', { name: 'Verwijderen' }).click();
  await deleteDialog.getByRole('button', { name: 'Verwijderen', exact: true }).click();
  await expect(back).toHaveCount(0);
  await expect(devices.getByRole('status')).toContainText('Achterkantoor');
  await expect(devices.getByRole('status')).not.toContainText('was deleted');
  await registerContext.close();
});

test('a manager with a PIN confirms it is them, in Dutch, before the Beheeromgeving opens', async ({
  page,
  seed,
}) => {
  await seedShop(seed);
  await seed.createUser({ ...MANAGER, role: 'manager', loginMethod: 'password_and_pin' });
  await openDutchRegister(page, seed, 'Kassa voor');

  await page.keyboard.type(MANAGER.pin);
  await page.getByRole('button', { name: 'Beheeromgeving' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bevestig dat jij het bent' });
  await expect(dialog.getByLabel('Wachtwoord', { exact: true })).toBeFocused();
  await dialog.getByLabel('Wachtwoord', { exact: true }).fill('not the password');
  await dialog.getByRole('button', { name: 'Doorgaan' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(INVALID_CREDENTIALS);
  await dialog.getByLabel('Wachtwoord', { exact: true }).fill(MANAGER.password);
  await dialog.getByRole('button', { name: 'Doorgaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen met pincode' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Apparaten' }).getByRole('row', { name: /Kassa voor/ }),
  ).toBeVisible();
});
