import { ADMIN, expect, logIn, test } from './fixtures';
import { expectNoAxeViolations } from './axe';
import { TOURS } from './screen-tour';

// Every screen, with its menus and dialogs open and its error messages showing, has no WCAG 2.2
// A or AA violation that axe can find: on a desktop, and on a phone, where tables are cards.

const PHONE = { width: 390, height: 844 };

for (const [name, walk] of Object.entries(TOURS)) {
  test(`axe finds no WCAG violations: ${name}`, async ({ page, context, browser, seed }) => {
    // Two scans a stop take seconds each on a busy two-core machine: the longest walks took over
    // 30 s there.
    test.slow();
    const check = async (what: string) => {
      const desktop = page.viewportSize();
      await expectNoAxeViolations(page, what);
      await page.setViewportSize(PHONE);
      await expectNoAxeViolations(page, `${what} on a phone`);
      if (desktop) await page.setViewportSize(desktop);
    };
    await walk({ page, context, browser, seed, check });
  });
}

test('the scan names a violation when there is one', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Set up Tapin' })).toBeVisible();
  await page.evaluate(() => document.querySelector('main')?.append(document.createElement('button')));
  await expect(expectNoAxeViolations(page, 'a button without a name')).rejects.toThrow(/button-name/);
});

test('the Revoke dialog starts on Cancel, keeps Tab inside, and Escape returns to the menu that opened it', async ({
  page,
  seed,
}) => {
  await seed.setupOrganisation();
  await seed.activatePinLogin();
  await logIn(page, ADMIN);
  await page.getByLabel('Device name').fill('Front register');
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  const devices = page.getByRole('region', { name: 'Devices' });
  const actions = devices.getByRole('button', { name: 'Actions for Front register' });

  // Keyboard only: the row's menu, down to Revoke.
  await actions.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Edit name' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Revoke' })).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Revoke Front register?' });
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  const revoke = dialog.getByRole('button', { name: 'Revoke' });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(revoke).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(revoke).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cancel).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(actions).toBeFocused();
  await expect(devices.getByRole('row', { name: /Front register/ })).toContainText('Approved');
});
