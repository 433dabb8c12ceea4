// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import MenuButton from './MenuButton.svelte';

const label = createRawSnippet(() => ({ render: () => '<span>My account</span>' }));

function renderMenu(onselect = vi.fn()) {
  render(MenuButton, {
    children: label,
    items: [
      { label: 'Log in with PIN code', href: '/admin/pin-login' },
      { label: 'Users', href: '/admin/users' },
      { label: 'Log out', onselect },
    ],
  });
  return { button: screen.getByRole('button', { name: 'My account' }), onselect };
}

describe('MenuButton', () => {
  it('opens on click with the first item focused, and Escape closes it back to the button', async () => {
    const { button } = renderMenu();
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Log in with PIN code'));
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });

  it('moves with the arrow keys, Home and End, wrapping around', async () => {
    const { button } = renderMenu();
    await fireEvent.keyDown(button, { key: 'ArrowUp' });
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Log out'));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Log in with PIN code');
    await fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('Log out');
    await fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement?.textContent).toBe('Log in with PIN code');
    await fireEvent.keyDown(document.activeElement!, { key: 'u' });
    expect(document.activeElement?.textContent).toBe('Users');
  });

  it('runs an action item and closes', async () => {
    const { button, onselect } = renderMenu();
    await fireEvent.click(button);
    await fireEvent.click(screen.getByRole('menuitem', { name: 'Log out' }));
    expect(onselect).toHaveBeenCalledOnce();
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });
});
