/** What counts as someone using the register. */
export const INPUT_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

let lastInput = 0;
if (typeof addEventListener === 'function') {
  for (const e of INPUT_EVENTS) {
    addEventListener(e, () => (lastInput = Date.now()), { capture: true, passive: true });
  }
}

/**
 * Whether someone touched or typed on this screen since `time`: the register's own checks tell the
 * server about it, so that a session in use does not run out there while it cannot run out here.
 */
export function touchedSince(time: number): boolean {
  return lastInput >= time;
}
