import { expect, test } from './fixtures';
import { expectLayoutHolds, layoutProblems } from './layout';
import { TOURS } from './screen-tour';

// Every screen, with long names in it, at the sizes of a desktop, an upright tablet and a phone:
// nothing scrolls sideways and no button, link or field ends up off the screen.

for (const [name, walk] of Object.entries(TOURS)) {
  test(`the layout holds with long names: ${name}`, async ({ page, context, browser, seed }) => {
    await walk({ page, context, browser, seed, check: (what) => expectLayoutHolds(page, what) });
  });
}

test('the check names what does not fit', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Set up Tapin' })).toBeVisible();
  // A card as wide as an unbreakable word would make it.
  await page.evaluate(() => {
    const card = document.querySelector<HTMLElement>('main > *');
    card?.style.setProperty('max-width', 'none');
    card?.style.setProperty('width', '2000px');
  });
  const problems = await layoutProblems(page);
  expect(problems).toContainEqual(expect.stringMatching(/^the page scrolls sideways/));
  expect(problems).toContainEqual(expect.stringMatching(/Create organisation.* is off the screen/));
});
