const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * For a modal dialog's keydown: Tab from its last control goes to its first and Shift+Tab from
 * its first to its last. A modal <dialog> keeps focus out of the page behind it, but the browser
 * would let Tab leave it for its own address bar.
 */
export function keepTabInside(event: KeyboardEvent, container: HTMLElement | undefined): void {
  if (event.key !== 'Tab' || !container) return;
  const controls = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.matches(':disabled') && !el.closest('[hidden]'),
  );
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const target = event.shiftKey
    ? document.activeElement === first
      ? last
      : null
    : document.activeElement === last
      ? first
      : null;
  if (!target) return;
  event.preventDefault();
  target.focus();
}
