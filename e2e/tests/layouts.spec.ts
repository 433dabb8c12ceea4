import { test } from './fixtures';
import { expectLayoutHolds } from './layout';
import { TOURS } from './screen-tour';

// Every screen, with long names in it, at the sizes of a desktop, an upright tablet and a phone:
// nothing scrolls sideways and no button, link or field ends up off the screen.

for (const [name, walk] of Object.entries(TOURS)) {
  test(`the layout holds with long names: ${name}`, async ({ page, context, browser, seed }) => {
    await walk({ page, context, browser, seed, check: (what) => expectLayoutHolds(page, what) });
  });
}
