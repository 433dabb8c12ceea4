// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import PinPad from './PinPad.svelte';

describe('PinPad', () => {
  it('submits by itself at the fifth digit, keeping leading zeros', async () => {
    const onsubmit = vi.fn(() => Promise.resolve());
    render(PinPad, { onsubmit });
    for (const d of ['0', '1', '2', '3']) await fireEvent.click(screen.getByRole('button', { name: d }));
    expect(onsubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('status').getAttribute('aria-label')).toBe('PIN: 4 of 5 digits entered');
    await fireEvent.click(screen.getByRole('button', { name: '4' }));
    expect(onsubmit).toHaveBeenCalledWith('01234');
  });

  it('takes digits, Backspace and Escape from the physical keyboard', async () => {
    const onsubmit = vi.fn(() => Promise.resolve());
    render(PinPad, { onsubmit });
    for (const key of ['9', '8', 'Backspace', '7', 'Escape', '1', '2', '3', '4', '5']) {
      await fireEvent.keyDown(window, { key });
    }
    expect(onsubmit).toHaveBeenCalledTimes(1);
    expect(onsubmit).toHaveBeenCalledWith('12345');
  });

  it('clears with the Clear button and shows the error it is given', async () => {
    const onsubmit = vi.fn(() => Promise.resolve());
    render(PinPad, { onsubmit, error: 'That PIN did not work' });
    expect(screen.getByRole('alert').textContent).toBe('That PIN did not work');
    await fireEvent.click(screen.getByRole('button', { name: '5' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.getByRole('status').getAttribute('aria-label')).toBe('PIN: 0 of 5 digits entered');
  });
});
