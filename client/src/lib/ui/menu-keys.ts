/**
 * Where a key pressed in an open menu moves focus (the WAI-ARIA menu pattern): the index of the
 * item, 'close' for Escape, 'leave' for Tab, or null when the key is not the menu's.
 */
export function menuKeyTarget(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  labels: readonly string[],
  current: number,
): number | 'close' | 'leave' | null {
  const count = labels.length;
  const wrap = (index: number) => (index + count) % count;
  switch (event.key) {
    case 'ArrowDown':
      return wrap(current + 1);
    case 'ArrowUp':
      return wrap(current - 1);
    case 'Home':
      return 0;
    case 'End':
      return wrap(-1);
    case 'Escape':
      return 'close';
    case 'Tab':
      return 'leave';
  }
  // Typing a letter moves to the next item that starts with it.
  if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return null;
  const letter = event.key.toLowerCase();
  const order = labels.map((_, i) => (current + 1 + i) % count);
  return order.find((i) => labels[i]?.trim().toLowerCase().startsWith(letter)) ?? null;
}
