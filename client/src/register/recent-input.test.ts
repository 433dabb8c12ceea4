// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { touchedSince } from './recent-input';

describe('touchedSince', () => {
  it('is true after a touch or a key since the time given, and false before any', () => {
    const start = Date.now();
    expect(touchedSince(start + 1)).toBe(false);
    dispatchEvent(new KeyboardEvent('keydown', { key: '1' }));
    expect(touchedSince(start)).toBe(true);
    expect(touchedSince(Date.now() + 1)).toBe(false);
  });
});
