import { test } from './fixtures';
import { expectNoAxeViolations } from './axe';
import { TOURS } from './screen-tour';

// Every screen, with its menus and dialogs open and its error messages showing, has no WCAG 2.2
// A or AA violation that axe can find.

for (const [name, walk] of Object.entries(TOURS)) {
  test(`axe finds no WCAG violations: ${name}`, async ({ page, context, browser, seed }) => {
    await walk({ page, context, browser, seed, check: (what) => expectNoAxeViolations(page, what) });
  });
}
