import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** A desktop, a tablet held upright, and a phone. */
export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
  { width: 390, height: 844 },
] as const;

/**
 * Expects the page as it is now to hold at every size in VIEWPORTS: nothing scrolls sideways,
 * nothing is cut off, and every button, link and field is within the screen's width. Soft: the
 * walk goes on, so one run names every screen that breaks.
 */
export async function expectLayoutHolds(page: Page, what: string): Promise<void> {
  const original = page.viewportSize();
  for (const size of VIEWPORTS) {
    await page.setViewportSize(size);
    const problems = await layoutProblems(page);
    expect.soft(problems, `${what} at ${size.width}×${size.height}`).toEqual([]);
  }
  if (original) await page.setViewportSize(original);
}

/** What does not fit on the page at its present size, each said with the element it is about. */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(findLayoutProblems);
}

/** Runs in the page. */
function findLayoutProblems(): string[] {
  const root = document.documentElement;
  const width = root.clientWidth;
  const problems: string[] = [];
  const describe = (el: Element) => {
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ');
    const classes = [...el.classList].map((c) => `.${c}`).join('');
    return `<${el.tagName.toLowerCase()}${classes}> "${text.slice(0, 50)}"`;
  };
  // Elements of one pixel are visually hidden on purpose (screen reader text).
  const shown = (el: Element) => {
    if (!el.checkVisibility()) return false;
    const box = el.getBoundingClientRect();
    return box.width > 1 || box.height > 1;
  };

  if (root.scrollWidth > width)
    problems.push(`the page scrolls sideways: ${root.scrollWidth}px in ${width}px`);
  // Positions are measured from the page's left edge, not from wherever it was scrolled to.
  window.scrollTo(0, window.scrollY);

  for (const el of document.body.querySelectorAll('*')) {
    // A field scrolls its own long value; that is how fields work.
    if (el.matches('input, select, textarea') || !shown(el)) continue;
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    const style = getComputedStyle(el);
    if (style.overflowX === 'auto' || style.overflowX === 'scroll') {
      problems.push(`${describe(el)} scrolls sideways`);
    } else if (
      (style.overflowX === 'hidden' || style.overflowX === 'clip') &&
      style.textOverflow !== 'ellipsis'
    ) {
      // Cut off without a sign of it; an ellipsis says there is more.
      problems.push(`${describe(el)} cuts off what it shows`);
    }
  }

  const controls = 'a[href], button, input, select, textarea, [role="button"], [role="menuitem"]';
  for (const el of document.body.querySelectorAll(controls)) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.left < -0.5 || box.right > width + 0.5) {
      problems.push(
        `${describe(el)} is off the screen: ${Math.round(box.left)}–${Math.round(box.right)}px of ${width}px`,
      );
    }
  }
  return problems;
}
