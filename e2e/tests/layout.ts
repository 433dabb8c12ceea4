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

/**
 * Expects every button, link and field outside a dialog, once it has keyboard focus, to show at
 * least in part at every size in VIEWPORTS: not hidden under what stays in place over the page,
 * such as the sticky top bar or the update offer (WCAG 2.4.11 Focus Not Obscured). Focus comes
 * to each from below and from above, as Tab and Shift+Tab bring it. Moves the focus: call it
 * where nothing that is open closes when it leaves.
 */
export async function expectFocusInSight(page: Page, what: string): Promise<void> {
  const original = page.viewportSize();
  for (const size of VIEWPORTS) {
    await page.setViewportSize(size);
    const problems = await page.evaluate(findFocusObscured);
    expect.soft(problems, `${what} at ${size.width}×${size.height}`).toEqual([]);
  }
  if (original) await page.setViewportSize(original);
}

/** Runs in the page. */
function findFocusObscured(): string[] {
  const controls = 'a[href], button, input, select, textarea, [role="button"]';
  const staysInPlace = (el: Element | null): Element | null => {
    for (let at = el; at; at = at.parentElement) {
      const position = getComputedStyle(at).position;
      if (position === 'fixed' || position === 'sticky') return at;
    }
    return null;
  };
  // Hidden if no point of it shows: what is seen there belongs to something that stays in place.
  const hidden = (el: HTMLElement) => {
    const box = el.getBoundingClientRect();
    const points = [0.1, 0.5, 0.9].flatMap((x) =>
      [0.1, 0.5, 0.9].map((y) => [box.left + box.width * x, box.top + box.height * y] as const),
    );
    return points.every(([x, y]) => {
      const seen = document.elementFromPoint(x, y);
      if (!seen || el.contains(seen)) return false;
      const over = staysInPlace(seen);
      return over !== null && !over.contains(el);
    });
  };
  const problems: string[] = [];
  const end = document.documentElement.scrollHeight;
  for (const el of document.body.querySelectorAll<HTMLElement>(controls)) {
    if (el.closest('dialog') || staysInPlace(el) || !el.checkVisibility()) continue;
    for (const [from, scrollTo] of [
      ['below', 0],
      ['above', end],
    ] as const) {
      // Focus again on what has it already would not scroll.
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, scrollTo);
      el.focus();
      if (document.activeElement !== el) continue;
      if (hidden(el)) {
        const label = el instanceof HTMLInputElement ? el.labels?.[0]?.textContent : null;
        const text = (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim().slice(0, 50);
        problems.push(`<${el.tagName.toLowerCase()}> "${text}" is hidden when focus comes from ${from}`);
      }
    }
  }
  (document.activeElement as HTMLElement | null)?.blur();
  window.scrollTo(0, 0);
  return problems;
}
