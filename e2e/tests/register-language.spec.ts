import { ADMIN, expect, logIn, openMyAccount, pinScreen, tapPin, test, approveThroughApi } from './fixtures';

// Which language a register speaks: its browser's, unless the organisation set one for its
// registers; a language chosen on the register itself wins over both, and the register keeps it.

const CASEY = { name: 'Casey Till', username: 'casey', pin: '01234' } as const;

test("an organisation's registers start in its language, and a register keeps the language chosen on it", async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  await seed.createUser({ ...CASEY, role: 'cashier', loginMethod: 'pin_only' });

  // Before Log in with PIN code is on, so the admin's login goes straight to the admin environment.
  await logIn(page, ADMIN);
  await openMyAccount(page, 'Log in with PIN code');
  await page.getByLabel('Registers start in').selectOption('Nederlands');
  await expect(page.getByRole('status').filter({ hasText: 'Registers now start in' })).toHaveText(
    'Saved. Registers now start in this language: Nederlands.',
  );
  // The admin environment itself stays in the admin's language.
  await expect(page.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeVisible();
  await seed.activatePinLogin();
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();

  // Approved, this browser is one of the organisation's registers: the PIN screen speaks Dutch.
  await approveThroughApi(page, seed, 'Front register');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Voer je pincode in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

  // Someone at the register chooses English; it stays English after a reload.
  await page.getByLabel('Taal').selectOption('English');
  await expect(pinScreen(page)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(pinScreen(page)).toBeVisible();
  await tapPin(page, CASEY.pin);
  await expect(page.getByText(`Logged in as ${CASEY.name}`)).toBeVisible();
});

test.describe('a browser that asks for Dutch', () => {
  test.use({ locale: 'nl-NL' });

  test('gets the login screen in Dutch, and English once English is chosen there, refusals on screen too', async ({
    page,
    seed,
  }) => {
    await seed.setupOrganisation();
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
    await expect(page.getByLabel('Gebruikersnaam')).toBeVisible();
    // A refusal on screen is said again in the language chosen after it.
    await page.getByLabel('Gebruikersnaam').fill('nobody');
    await page.getByLabel('Wachtwoord', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Ongeldige inloggegevens');
    await page.getByLabel('Taal').selectOption('English');
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText('Invalid credentials');
    await page.reload();
    await expect(page.getByLabel('Username')).toBeVisible();
  });
});
